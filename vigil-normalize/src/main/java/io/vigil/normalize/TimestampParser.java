package io.vigil.normalize;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the event-time texts collectors write: ISO-8601 with {@code T} or a space, 0 to 9 fractional
 * digits (more are cut), and {@code Z} or an offset ({@code +02:00}, {@code +0200}, {@code +02}); text
 * without a zone is taken as UTC. Windows times have 100 ns resolution (7 digits), which is kept in
 * full. Anything else, including numbers, gives {@code null}: a missing time must not drop an event.
 */
final class TimestampParser {
    private static final Pattern TIME = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2}):(\\d{2})"
            + "(?:[.,](\\d{1,9})\\d*)?\\s*(?:([Zz])|([+-])(\\d{2})(?::?(\\d{2}))?)?");

    private TimestampParser() {}

    static Instant parse(Object value) {
        if (!(value instanceof String)) {
            return null;
        }
        Matcher m = TIME.matcher(((String) value).trim());
        if (!m.matches()) {
            return null;
        }
        try {
            String fraction = m.group(7) == null ? "" : m.group(7);
            int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
            LocalDateTime local = LocalDateTime.of(
                    number(m, 1), number(m, 2), number(m, 3), number(m, 4), number(m, 5), number(m, 6), nanos);
            ZoneOffset offset = ZoneOffset.UTC;
            if (m.group(9) != null) {
                int hours = number(m, 10);
                int minutes = m.group(11) == null ? 0 : number(m, 11);
                offset = m.group(9).equals("-")
                        ? ZoneOffset.ofHoursMinutes(-hours, -minutes)
                        : ZoneOffset.ofHoursMinutes(hours, minutes);
            }
            return local.toInstant(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
