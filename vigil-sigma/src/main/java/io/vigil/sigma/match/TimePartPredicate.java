package io.vigil.sigma.match;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;

/**
 * The time modifiers ({@code minute}, {@code hour}, {@code day}, {@code week}, {@code month},
 * {@code year}): extract one part of a timestamp value and compare it. No time-zone conversion is
 * done (as the specification says): the part is read in the offset the value is written in, UTC when
 * it has none.
 */
public record TimePartPredicate(Part part, NumberPredicate.Op op, int value) implements ValuePredicate {
    /** The extracted part; {@code week} is the ISO-8601 week of the year, {@code day} the day of month. */
    public enum Part {
        MINUTE,
        HOUR,
        DAY,
        WEEK,
        MONTH,
        YEAR
    }

    @Override
    public boolean test(Object v) {
        if (!(v instanceof String s)) {
            return false;
        }
        TemporalAccessor t = parse(s.trim());
        if (t == null) {
            return false;
        }
        int actual = switch (part) {
            case MINUTE -> t.get(ChronoField.MINUTE_OF_HOUR);
            case HOUR -> t.get(ChronoField.HOUR_OF_DAY);
            case DAY -> t.get(ChronoField.DAY_OF_MONTH);
            case WEEK -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case MONTH -> t.get(ChronoField.MONTH_OF_YEAR);
            case YEAR -> t.get(ChronoField.YEAR);
        };
        return NumberPredicate.holds(op, Integer.compare(actual, value));
    }

    private static TemporalAccessor parse(String s) {
        if (s.length() > 64) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            try {
                String iso = s.indexOf('T') < 0 ? s.replace(' ', 'T') : s;
                return java.time.LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
