package io.vigil.sink;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Renders event times for each output, always in UTC.
 *
 * <p>{@link #exact} keeps every significant fractional digit (JSONL), {@link #fixed} always writes
 * seven (CSV: 100 ns, the Windows precision, so that the text sorts as the time does), {@link
 * #display} is the millisecond form people read in the terminal. Instants outside the calendar range
 * that {@link LocalDateTime} supports fall back to {@link Instant#toString()} rather than failing the
 * run.
 */
final class EventTime {
    private static final DateTimeFormatter FIXED = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 7, 7, true)
            .appendLiteral('Z')
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter DISPLAY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS", Locale.ROOT);

    private EventTime() {}

    /** {@code 2020-10-23T21:57:29.2175625Z}: only the fractional digits needed (none for whole seconds). */
    static String exact(Instant time) {
        // ISO_INSTANT would pad the fraction to groups of three digits; ISO_LOCAL_DATE_TIME trims it.
        return format(time, DateTimeFormatter.ISO_LOCAL_DATE_TIME, "Z");
    }

    /** {@code 2020-10-23T21:57:29.2175625Z} with always seven fractional digits (finer ones are cut). */
    static String fixed(Instant time) {
        return format(time, FIXED, "");
    }

    /** {@code 2020-10-23 21:57:29.217}, milliseconds truncated. */
    static String display(Instant time) {
        return format(time, DISPLAY, "");
    }

    private static String format(Instant time, DateTimeFormatter formatter, String suffix) {
        try {
            return formatter.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC)) + suffix;
        } catch (DateTimeException outOfRange) {
            return time.toString();
        }
    }
}
