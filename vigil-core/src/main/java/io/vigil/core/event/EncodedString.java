package io.vigil.core.event;

import java.nio.charset.StandardCharsets;

/**
 * A JSON string value kept as its encoded bytes (the text between the quotes) until someone reads it.
 * Most fields of a record are never looked at by any rule; decoding all of them was the largest cost
 * of reading flat JSON. An {@link Event} hands out only decoded {@link String}s from its accessors; this
 * form is visible only through {@link Event#storedAt}, for scanners that can read the bytes directly.
 *
 * <p>Contract: the producer has checked the bytes: every escape is one of JSON's ({@code \" \\ \/ \b \f
 * \n \r \t \\uXXXX}), every non-ASCII byte belongs to a well-formed UTF-8 sequence (no overlong forms, no
 * encoded surrogates), and no byte is below 0x20. {@link #decode} relies on it. The array is not copied
 * and must not change afterwards.
 */
public final class EncodedString {
    private final byte[] bytes;
    private final int from;
    private final int to;
    private final int flags;

    /** Flag: some byte is 0x80 or above (UTF-8 beyond ASCII). */
    public static final int NON_ASCII = 1;
    /** Flag: the bytes hold an escape. */
    public static final int ESCAPED = 2;
    /** Flag: the bytes hold a backslash-u or backslash-slash escape, which may stand for a plain character. */
    public static final int LONG_ESCAPES = 4;

    /**
     * @param bytes the record's bytes
     * @param from the first byte after the opening quote
     * @param to the index of the closing quote
     * @param flags what the bytes hold ({@link #NON_ASCII}, {@link #ESCAPED}, {@link #LONG_ESCAPES}); see
     *     {@link #flagsOf}
     */
    public EncodedString(byte[] bytes, int from, int to, int flags) {
        if (from < 0 || to < from || to > bytes.length) {
            throw new IllegalArgumentException("range " + from + ".." + to + " outside " + bytes.length);
        }
        this.bytes = bytes;
        this.from = from;
        this.to = to;
        this.flags = flags;
    }

    /** The flags of well-formed encoded bytes, computed the slow way (for producers' tests and tools). */
    public static int flagsOf(byte[] b, int from, int to) {
        int flags = 0;
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                flags |= NON_ASCII;
            } else if (b[i] == '\\') {
                flags |= ESCAPED;
                if (b[i + 1] == 'u' || b[i + 1] == '/') {
                    flags |= LONG_ESCAPES;
                }
                i++;
            }
        }
        return flags;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int from() {
        return from;
    }

    public int to() {
        return to;
    }

    /** True when the bytes are the characters themselves (ASCII, no escapes). */
    public boolean plain() {
        return flags == 0;
    }

    /** True when every byte is ASCII (escapes may still stand for other characters). */
    public boolean ascii() {
        return (flags & NON_ASCII) == 0;
    }

    /**
     * True when every escape is a two-character one for a quote, a backslash or a control character, so
     * that each character has exactly one encoding: the bytes are the decoded text with those
     * characters escaped.
     */
    public boolean shortEscapesOnly() {
        return (flags & LONG_ESCAPES) == 0;
    }

    /**
     * A hash of the encoded bytes (not of the decoded text, which may be spelled with other escapes): the
     * matchers remember what they found in a value by its bytes ({@link #hasBytes}), since the same
     * values come back event after event.
     */
    public int bytesHash() {
        int i = from;
        long h = to - from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            h = (h ^ (long) LONGS.get(bytes, i)) * 0x9E3779B97F4A7C15L;
        }
        for (; i < to; i++) {
            h = (h ^ bytes[i]) * 0x9E3779B97F4A7C15L;
        }
        // a product carries its factors' high bits only upwards: fold the top down before using any bits
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        return (int) (h ^ h >>> 32);
    }

    /** Whether the encoded bytes are exactly {@code key}'s. */
    public boolean hasBytes(byte[] key) {
        return java.util.Arrays.equals(key, 0, key.length, bytes, from, to);
    }

    /** A copy of the encoded bytes, for keeping beyond the record they were read from. */
    public byte[] copyOfBytes() {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** The string the bytes encode. */
    public String decode() {
        if (flags == 0) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
        if ((flags & (NON_ASCII | LONG_ESCAPES)) == 0) {
            // ASCII with short escapes (Windows paths, messages): runs copied whole, each escape one byte
            byte[] out = new byte[to - from];
            int n = 0;
            int i = from;
            while (i < to) {
                int run = i;
                while (run < to && bytes[run] != '\\') {
                    run++;
                }
                System.arraycopy(bytes, i, out, n, run - i);
                n += run - i;
                if (run < to) {
                    out[n++] = (byte) unescape(bytes[run + 1]);
                    run += 2;
                }
                i = run;
            }
            return new String(out, 0, n, StandardCharsets.ISO_8859_1);
        }
        char[] out = new char[to - from];
        int n = 0;
        int i = from;
        while (i < to) {
            int b = bytes[i];
            if (b == '\\') {
                int e = bytes[i + 1];
                if (e == 'u') {
                    out[n++] = (char) hex4(bytes, i + 2);
                    i += 6;
                } else {
                    out[n++] = unescape(e);
                    i += 2;
                }
            } else if (b >= 0) {
                out[n++] = (char) b;
                i++;
            } else {
                int length = sequenceLength(b);
                int cp = codePoint(bytes, i, length);
                if (cp >= 0x10000) {
                    out[n++] = Character.highSurrogate(cp);
                    out[n++] = Character.lowSurrogate(cp);
                } else {
                    out[n++] = (char) cp;
                }
                i += length;
            }
        }
        return new String(out, 0, n);
    }

    /**
     * {@code decode().toLowerCase(Locale.ROOT)} for ASCII text with short escapes only, made in one pass
     * without the decoded string; null for other text. Rules compare most values lower-cased, so most
     * values are only ever needed folded, and the long ones (script blocks, command lines) cost two
     * copies and a character-by-character lower-casing before.
     */
    public String decodeFolded() {
        if ((flags & (NON_ASCII | LONG_ESCAPES)) != 0) {
            return null;
        }
        byte[] out = new byte[to - from];
        int n = 0;
        int i = from;
        while (i < to) {
            // eight bytes at a time while they hold no backslash; the output never runs ahead of the
            // input, so a whole word always fits
            if (i + 8 <= to) {
                long x = (long) LONGS.get(bytes, i);
                long slash = x ^ 0x5C5C5C5C5C5C5C5CL;
                if (((slash - 0x0101010101010101L) & ~slash & 0x8080808080808080L) == 0) {
                    // high bit of each byte from 'A' to 'Z' (ASCII only: no carry between bytes)
                    long upper = (x + 0x3F3F3F3F3F3F3F3FL) & ~(x + 0x2525252525252525L) & 0x8080808080808080L;
                    LONGS.set(out, n, x | upper >>> 2);
                    i += 8;
                    n += 8;
                    continue;
                }
            }
            int b = bytes[i];
            if (b == '\\') {
                out[n++] = (byte) unescape(bytes[i + 1]); // never a letter
                i += 2;
            } else {
                out[n++] = (byte) (b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
                i++;
            }
        }
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** The character a two-byte escape {@code \e} stands for ({@code e} is not {@code u}). */
    public static char unescape(int e) {
        return switch (e) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> (char) e; // '"', '\\', '/'
        };
    }

    /** The value of the four hex digits at {@code at}. */
    public static int hex4(byte[] b, int at) {
        return hexDigit(b[at]) << 12 | hexDigit(b[at + 1]) << 8 | hexDigit(b[at + 2]) << 4 | hexDigit(b[at + 3]);
    }

    /** A hex digit's value, or -1. */
    public static int hexDigit(int c) {
        return java.util.HexFormat.isHexDigit(c) ? java.util.HexFormat.fromHexDigit(c) : -1;
    }

    /** Bytes in the UTF-8 sequence led by {@code lead} (a byte of a well-formed sequence). */
    public static int sequenceLength(int lead) {
        int u = lead & 0xFF;
        return u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
    }

    /** The code point of the well-formed {@code length}-byte sequence at {@code at}. */
    public static int codePoint(byte[] b, int at, int length) {
        return switch (length) {
            case 2 -> (b[at] & 0x1F) << 6 | (b[at + 1] & 0x3F);
            case 3 -> (b[at] & 0x0F) << 12 | (b[at + 1] & 0x3F) << 6 | (b[at + 2] & 0x3F);
            default -> (b[at] & 0x07) << 18 | (b[at + 1] & 0x3F) << 12 | (b[at + 2] & 0x3F) << 6 | (b[at + 3] & 0x3F);
        };
    }

    @Override
    public String toString() {
        return decode();
    }
}
