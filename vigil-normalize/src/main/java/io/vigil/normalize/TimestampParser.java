package io.vigil.normalize;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
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
        String text = ((String) value).trim();
        Instant fast = parseCommon(text);
        if (fast != null) {
            return fast;
        }
        Matcher m = TIME.matcher(text);
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

    /**
     * The forms nearly every input uses ({@code 2020-10-18 10:56:18.799}, {@code
     * 2020-10-18T10:56:18.7990000Z}) without a regular expression: this runs once per event. Null
     * when the text is anything else, which the general pattern then decides.
     */
    private static Instant parseCommon(String t) {
        int n = t.length();
        if (n < 19
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || (t.charAt(10) != 'T' && t.charAt(10) != 't' && t.charAt(10) != ' ')
                || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && (t.charAt(i) == '.' || t.charAt(i) == ',')) {
            i++;
            int start = i;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                if (i - start < 9) {
                    nanos = nanos * 10 + (t.charAt(i) - '0');
                }
                i++;
            }
            int kept = Math.min(9, i - start);
            if (kept == 0) {
                return null;
            }
            for (int k = kept; k < 9; k++) {
                nanos *= 10;
            }
        }
        if (i < n && (t.charAt(i) == 'Z' || t.charAt(i) == 'z')) {
            i++;
        }
        if (i != n) {
            return null; // an offset or something else: the general pattern decides
        }
        // the checks LocalDateTime.of makes, without its three objects per event
        if (month < 1
                || month > 12
                || day < 1
                || day > Month.of(month).length(Year.isLeap(year))
                || hour > 23
                || minute > 59
                || second > 59) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400L + hour * 3_600 + minute * 60 + second, nanos);
    }

    /** Days since 1970-01-01 of a valid proleptic Gregorian date (the algorithm of LocalDate.toEpochDay). */
    static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y;
        if (y >= 0) {
            total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        } else {
            total -= y / -4 - y / -100 + y / -400;
        }
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!Year.isLeap(year)) {
                total--;
            }
        }
        return total - 719_528L; // days from year 0 to 1970
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
