package io.vigil.sigma.match;

/**
 * The canonical text of an event value, so that a rule's {@code 4624} equals an event's 4624 whether
 * the input carried it as a number or a string. Integral doubles print without a fraction.
 */
public final class ValueText {
    private ValueText() {}

    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double d) {
            double v = d;
            if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e18) {
                return Long.toString((long) v);
            }
            return d.toString();
        }
        return value.toString();
    }

    /** Parses decimal, {@code 0x} hexadecimal or floating-point text; null when not a number. */
    public static Double number(Object value) {
        if (value instanceof Long l) {
            return l.doubleValue();
        }
        if (value instanceof Double d) {
            return d;
        }
        if (!(value instanceof String s)) {
            return null;
        }
        String t = s.trim();
        if (t.isEmpty() || t.length() > 64) {
            return null;
        }
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                long bits = Long.parseUnsignedLong(t.substring(2), 16);
                // Unsigned: 0xffffffffffffffff is 2^64 - 1, not -1 (halve, keeping the low bit for rounding).
                return bits >= 0 ? (double) bits : ((bits >>> 1) | (bits & 1)) * 2.0;
            }
            char c = t.charAt(t.length() - 1);
            if (!Character.isDigit(c) && c != '.') {
                return null; // rejects "NaN", "Infinity", "1f" that Double.parseDouble would accept
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
