package io.vigil.ioc;

import io.vigil.core.event.EncodedString;
import java.nio.charset.StandardCharsets;

/**
 * A reusable buffer holding a field value lower-cased as one byte per character, when that can be done
 * simply: an ASCII {@link String}, or an encoded JSON string of ASCII whose escapes are the
 * two-character ones. The result is then exactly the value's {@code toLowerCase(Locale.ROOT)}, without
 * creating a String. Anything else (characters beyond ASCII, whose lower case may change length or be
 * ASCII, as the Kelvin sign's is; {@code \\uXXXX} escapes) is refused and left to the ordinary path.
 * One instance per thread.
 */
final class FoldedAscii implements CharSequence {
    /** Longest value decoded here; longer ones take the ordinary path rather than grow the buffer. */
    static final int MAX = 1 << 16;

    byte[] bytes = new byte[256];
    int length;

    /** Decodes and folds {@code value}; false (buffer unspecified) when it is not that simple. */
    boolean load(EncodedString value) {
        if (!value.ascii() || !value.shortEscapesOnly()) {
            return false;
        }
        int from = value.from();
        int to = value.to();
        if (to - from > MAX) {
            return false;
        }
        if (bytes.length < to - from) {
            bytes = new byte[Integer.highestOneBit(to - from) << 1];
        }
        byte[] in = value.bytes();
        byte[] out = bytes;
        int n = 0;
        for (int i = from; i < to; i++) {
            int c = in[i];
            if (c == '\\') {
                c = EncodedString.unescape(in[++i]);
            } else if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            out[n++] = (byte) c;
        }
        length = n;
        return true;
    }

    /** Folds {@code value}; false (buffer unspecified) when it is not all ASCII or too long. */
    boolean load(String value) {
        int n = value.length();
        if (n > MAX) {
            return false;
        }
        if (bytes.length < n) {
            bytes = new byte[Integer.highestOneBit(n) << 1];
        }
        byte[] out = bytes;
        for (int i = 0; i < n; i++) {
            int c = value.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            out[i] = (byte) c;
        }
        length = n;
        return true;
    }

    // CharSequence, for the parsers that take one (IpAddress)

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        return (char) bytes[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
}
