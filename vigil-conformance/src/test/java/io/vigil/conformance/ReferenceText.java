package io.vigil.conformance;

import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * How the reference evaluator reads event values: the canonical text of a value (so that 4624 and
 * "4624" compare equal), its numeric value for lt/gt, and timestamps for the time-part modifiers.
 */
final class ReferenceText {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]{1,16}");

    private ReferenceText() {}

    /** Text of a scalar value; null for JSON null. Integral doubles are written without a fraction. */
    static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Double d && !d.isInfinite() && d == Math.floor(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return value.toString();
    }

    /** The number a value stands for (decimal, 0x hexadecimal, or a JSON number), or null. */
    static BigDecimal number(Object value) {
        if (value instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : new BigDecimal(d);
        }
        if (!(value instanceof String s)) {
            return null;
        }
        String t = s.trim();
        if (HEX.matcher(t).matches()) {
            return new BigDecimal(new BigInteger(t.substring(2), 16));
        }
        return DECIMAL.matcher(t).matches() ? new BigDecimal(t) : null;
    }

    /** A timestamp written with or without an offset ('T' or ' ' between date and time), or null. */
    static OffsetDateTime timestamp(Object value) {
        if (!(value instanceof String s)) {
            return null;
        }
        String t = s.trim();
        try {
            return OffsetDateTime.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t.replace(' ', 'T')).atOffset(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
