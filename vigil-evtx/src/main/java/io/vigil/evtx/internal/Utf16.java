package io.vigil.evtx.internal;

/**
 * UTF-16LE to {@code String} without a charset decoder: Java strings are UTF-16 already, so code
 * units are copied as they are. That is faster than {@code new String(bytes, UTF_16LE)} and keeps
 * unpaired surrogates of damaged strings instead of replacing them (writers escape them).
 */
final class Utf16 {
    private Utf16() {}

    static String decode(byte[] b, int off, int chars) {
        char[] out = new char[chars];
        for (int i = 0; i < chars; i++) {
            out[i] = (char) ((b[off + 2 * i] & 0xff) | (b[off + 2 * i + 1] & 0xff) << 8);
        }
        return new String(out);
    }
}
