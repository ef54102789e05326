package io.vigil.normalize;

import io.vigil.core.event.EncodedString;
import java.util.Arrays;

/**
 * The last value one header rule converted on one thread, with its result. Records of one source
 * repeat their channel, provider GUID and keywords, and converting the same value again cost a decode
 * and a hash lookup, or several new strings, per record. A conversion depends on its input only, so the
 * remembered result is the one {@link Conversion#apply} would give (an immutable value, shared by the
 * events). Single thread.
 */
final class ConversionMemo {
    /** The encoded bytes last converted, or null. */
    private byte[] encoded;

    private Long number;
    private Object result;

    /** {@code conversion} applied to {@code value} (decoded first when encoded). */
    Object apply(Conversion conversion, Object value, ChannelNames channels) {
        if (value instanceof EncodedString e) {
            byte[] last = encoded;
            if (last != null && Arrays.equals(last, 0, last.length, e.bytes(), e.from(), e.to())) {
                return result;
            }
            Object converted = conversion.apply(e.decode(), channels);
            encoded = Arrays.copyOfRange(e.bytes(), e.from(), e.to());
            number = null;
            result = converted;
            return converted;
        }
        if (value instanceof Long n) {
            if (n.equals(number)) {
                return result;
            }
            Object converted = conversion.apply(n, channels);
            number = n;
            encoded = null;
            result = converted;
            return converted;
        }
        return conversion.apply(value, channels);
    }
}
