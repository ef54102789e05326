package io.vigil.correlate;

import java.util.List;
import java.util.Locale;

/**
 * How correlation reads event values: as folded text for grouping and distinct counting, and as
 * numbers for the numeric types. Text compares case-insensitively (as Sigma matching does); numbers
 * and their text forms agree, so {@code 4625} and {@code "4625"} fall into one group.
 */
final class EventValues {
    private EventValues() {}

    /** The value as text, or null for a missing value. Integral doubles print without a fraction. */
    static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e18) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder();
            for (Object o : list) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(text(o));
            }
            return sb.toString();
        }
        return v.toString();
    }

    /** {@link #text} lower-cased with {@link Locale#ROOT}. */
    static String folded(Object v) {
        String t = text(v);
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }

    /**
     * The value as a finite number, or NaN when it is missing or not a number. Strings are read as
     * plain decimals (optional sign, fraction, exponent) or {@code 0x} hexadecimal, the forms Windows
     * events use; anything else (including Java's {@code 1d}, {@code NaN}, {@code Infinity}) is not a
     * number.
     */
    static double number(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? d : Double.NaN;
        }
        if (v instanceof String s) {
            return parse(s.trim());
        }
        return Double.NaN;
    }

    private static double parse(String s) {
        if (s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            if (s.length() > 17) {
                return Double.NaN;
            }
            long acc = 0;
            for (int i = 2; i < s.length(); i++) {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0) {
                    return Double.NaN;
                }
                acc = acc * 16 + d;
            }
            return acc;
        }
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return Double.NaN;
            }
        }
        if (i != n) {
            return Double.NaN;
        }
        double d = Double.parseDouble(s);
        return Double.isFinite(d) ? d : Double.NaN;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Joins folded values into one key that two different value lists cannot share: each part is
     * prefixed with its length.
     */
    static String key(String[] parts) {
        if (parts.length == 1) {
            return parts[0];
        }
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            sb.append(p.length()).append(':').append(p);
        }
        return sb.toString();
    }
}
