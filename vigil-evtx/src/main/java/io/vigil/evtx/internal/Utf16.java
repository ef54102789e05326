package io.vigil.evtx.internal;

import java.nio.charset.StandardCharsets;

/**
 * UTF-16LE to {@code String} without a charset decoder: Java strings are UTF-16 (or Latin-1 when they
 * can be) already, so code units are copied, which is several times faster than {@code new
 * String(bytes, UTF_16LE)} on the hot path of every record. An unpaired surrogate (damaged or hostile
 * data) becomes U+FFFD, as a decoder would make it, so that every string the reader returns is
 * well-formed Unicode that any JSON or UTF-8 consumer accepts.
 */
final class Utf16 {
    private Utf16() {}

    /** {@code chars} code units at {@code off}, or fewer up to the first NUL when {@code stopAtNul}. */
    static String decode(byte[] b, int off, int chars, boolean stopAtNul) {
        int n = chars;
        boolean latin1 = true;
        for (int i = 0; i < chars; i++) {
            byte lo = b[off + 2 * i];
            byte hi = b[off + 2 * i + 1];
            if (hi != 0) {
                latin1 = false;
            } else if (lo == 0 && stopAtNul) {
                n = i;
                break;
            }
        }
        if (latin1) {
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = b[off + 2 * i];
            }
            return new String(out, StandardCharsets.ISO_8859_1);
        }
        char[] out = new char[n];
        boolean surrogates = false;
        for (int i = 0; i < n; i++) {
            char c = (char) ((b[off + 2 * i] & 0xff) | (b[off + 2 * i + 1] & 0xff) << 8);
            surrogates |= Character.isSurrogate(c);
            out[i] = c;
        }
        if (surrogates) {
            replaceUnpaired(out);
        }
        return new String(out);
    }

    private static void replaceUnpaired(char[] s) {
        for (int i = 0; i < s.length; i++) {
            if (Character.isHighSurrogate(s[i]) && i + 1 < s.length && Character.isLowSurrogate(s[i + 1])) {
                i++;
            } else if (Character.isSurrogate(s[i])) {
                s[i] = '\ufffd';
            }
        }
    }
}
