package io.vigil.ioc;

import io.vigil.core.event.EncodedString;

/**
 * A reusable buffer holding an encoded JSON string decoded and lower-cased, when that can be done byte
 * for byte: ASCII text whose escapes are the two-character ones. For such text the result is exactly
 * {@code value.decode().toLowerCase(Locale.ROOT)}, without creating either String. Anything else (UTF-8
 * beyond ASCII, whose lower case may change length or turn into ASCII; {@code \\uXXXX} escapes) is
 * refused and left to the decoding path. One instance per thread.
 */
final class FoldedAscii {
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
}
