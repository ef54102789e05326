package io.vigil.correlate;

import java.time.Duration;

/**
 * A correlation {@code timespan}: a positive whole number followed by one unit letter. The
 * specification defines {@code s m h d}; Vigil also accepts pySigma's {@code w} (7 days), {@code M}
 * (30.436875 days, an average Gregorian month) and {@code y} (365.2425 days), so rules written for
 * pySigma load unchanged. Case matters: {@code m} is minutes and {@code M} months.
 *
 * @param text the timespan as written, e.g. {@code 90m}
 * @param duration its length
 */
public record Timespan(String text, Duration duration) {
    /** Longest timespan accepted: keeps every window bound within the range of nanosecond instants. */
    public static final Duration MAX = Duration.ofDays(36525);

    private static final int MAX_TEXT = 10; // the JSON schema's maxLength

    public Timespan {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("timespan must be positive");
        }
    }

    /**
     * Parses {@code <digits><unit>}.
     *
     * @throws IllegalArgumentException with a message fit for a rule diagnostic
     */
    public static Timespan parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("timespan is empty");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("timespan '" + text + "' is longer than " + MAX_TEXT + " characters");
        }
        char unit = text.charAt(text.length() - 1);
        long seconds = switch (unit) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86_400;
            case 'w' -> 604_800;
            case 'M' -> 2_629_746;
            case 'y' -> 31_556_952;
            default ->
                throw new IllegalArgumentException(
                        "timespan '" + text + "' must end with a unit: s, m, h, d (or w, M, y)");
        };
        String digits = text.substring(0, text.length() - 1);
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("timespan '" + text + "' has no number before its unit");
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                throw new IllegalArgumentException(
                        "timespan '" + text + "' must be a whole number followed by one unit letter, e.g. 90m");
            }
        }
        long count = Long.parseLong(digits); // at most 9 digits: cannot overflow
        if (count == 0) {
            throw new IllegalArgumentException("timespan '" + text + "' must be longer than zero");
        }
        Duration d = Duration.ofSeconds(count * seconds);
        if (d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("timespan '" + text + "' is longer than 100 years");
        }
        return new Timespan(text, d);
    }

    @Override
    public String toString() {
        return text;
    }
}
