package io.vigil.normalize;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Value conversions a mapping file may ask for on a header field, so that the same Windows value
 * looks the same whichever collector shipped it. A value a conversion does not apply to is returned
 * unchanged: a wrong guess must never lose data.
 */
enum Conversion {
    /** No change. */
    NONE,
    /** Integral numbers and decimal text become {@link Long} ({@code "4624"} → 4624). */
    LONG,
    /** Integers become the hex text Windows renders keywords as ({@code -9214364837600034816} → 0x8020000000000000). */
    HEX,
    /** GUID text loses its braces and is upper-cased, as evtx_dump renders it. */
    GUID,
    /** Channel names take their canonical spelling ({@code security} → {@code Security}). */
    CHANNEL;

    private static final Pattern DECIMAL = Pattern.compile("[-+]?\\d{1,20}");

    /** Reads a {@code type:} value of a mapping file. */
    static Conversion named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    Object apply(Object value, ChannelNames channels) {
        switch (this) {
            case LONG:
                Long asLong = integral(value);
                return asLong == null ? value : asLong;
            case HEX:
                Long bits = integral(value);
                return bits == null ? value : "0x" + Long.toHexString(bits);
            case GUID:
                return value instanceof String ? guid((String) value) : value;
            case CHANNEL:
                return value instanceof String ? channels.canonical((String) value) : value;
            default:
                return value;
        }
    }

    private static Long integral(Object value) {
        if (value instanceof Long) {
            return (Long) value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            return big.bitLength() < 64 ? big.longValue() : null;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 0x1p63 ? (long) d : null;
        }
        if (value instanceof String) {
            String text = ((String) value).trim();
            if (DECIMAL.matcher(text).matches()) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    return null; // beyond long range: keep the text
                }
            }
        }
        return null;
    }

    private static String guid(String text) {
        String trimmed = text.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("{") && trimmed.endsWith("}")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed.toUpperCase(Locale.ROOT);
    }
}
