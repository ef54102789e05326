package io.vigil.evtx.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one binary XML value (MS-EVEN6 value types) from chunk bytes into the form the expander and
 * the tree builder use: {@code String} for text and for values Windows renders as text (GUID, SID,
 * times, hex integers, binary), {@code Long} for integers, {@code Double} for reals, {@code Boolean},
 * {@link NullValue}, {@link ArrayValue} for arrays and {@link Fragment} for embedded binary XML.
 */
final class ValueDecoder {
    static final int NULL = 0x00;
    static final int STRING = 0x01;
    static final int ANSI_STRING = 0x02;
    static final int BINARY = 0x0e;
    static final int GUID = 0x0f;
    static final int SIZE_T = 0x10;
    static final int SID = 0x13;
    static final int BIN_XML = 0x21;
    static final int ARRAY = 0x80;

    private static final Charset ANSI = ansi();

    private ValueDecoder() {}

    /** Bytes taken by a fixed-size scalar type, or -1 for variable-size and unknown types. */
    static int width(int type) {
        switch (type) {
            case 0x03:
            case 0x04:
                return 1;
            case 0x05:
            case 0x06:
                return 2;
            case 0x07:
            case 0x08:
            case 0x0b:
            case 0x0d:
            case 0x14:
                return 4;
            case 0x09:
            case 0x0a:
            case 0x0c:
            case 0x11:
            case 0x15:
                return 8;
            case GUID:
            case 0x12:
                return 16;
            default:
                return -1;
        }
    }

    /** The value of {@code type} stored in {@code data[off, off + size)}; the range is in bounds. */
    static Object decode(ChunkContext ctx, BinXmlParser parser, int type, int off, int size, int depth) {
        byte[] b = ctx.data;
        switch (type) {
            case NULL:
                return NullValue.INSTANCE;
            case STRING:
                return utf16(ctx, b, off, size / 2);
            case ANSI_STRING:
                return ansi(ctx, b, off, size);
            case BINARY:
                checkChars(ctx, 2L * size);
                return ValueText.binary(b, off, size);
            case SIZE_T:
                if (size == 4 || size == 8) {
                    return scalar(size == 4 ? 0x14 : 0x15, b, off);
                }
                throw EvtxFormatException.malformed("size_t value of " + size + " bytes");
            case SID:
                if (size < 8 || ValueText.sidLength(b, off) > size) {
                    throw EvtxFormatException.malformed("SID value of " + size + " bytes");
                }
                return ValueText.sid(b, off);
            case BIN_XML:
                return size == 0 ? NullValue.INSTANCE : new Fragment(parser.parse(off, off + size, false, depth + 1));
            case 0x20:
            case 0x23:
                throw EvtxFormatException.malformed("unsupported value type 0x" + Integer.toHexString(type));
            default:
                break;
        }
        if ((type & ARRAY) != 0) {
            return array(ctx, type & ~ARRAY, b, off, size);
        }
        int width = width(type);
        if (width < 0) {
            throw EvtxFormatException.malformed("unknown value type 0x" + Integer.toHexString(type));
        }
        if (size < width) {
            throw EvtxFormatException.malformed(
                    "value type 0x" + Integer.toHexString(type) + " needs " + width + " bytes, has " + size);
        }
        return scalar(type, b, off);
    }

    /** A fixed-size scalar of a type for which {@link #width} is positive. */
    static Object scalar(int type, byte[] b, int off) {
        switch (type) {
            case 0x03:
                return (long) b[off];
            case 0x04:
                return (long) (b[off] & 0xff);
            case 0x05:
                return (long) (short) LittleEndian.u16(b, off);
            case 0x06:
                return (long) LittleEndian.u16(b, off);
            case 0x07:
                return (long) LittleEndian.i32(b, off);
            case 0x08:
                return LittleEndian.u32(b, off);
            case 0x09:
                return LittleEndian.i64(b, off);
            case 0x0a:
                long u = LittleEndian.i64(b, off);
                return u >= 0 ? (Object) u : Long.toUnsignedString(u);
            case 0x0b:
                return real(Float.intBitsToFloat(LittleEndian.i32(b, off)));
            case 0x0c:
                return real(Double.longBitsToDouble(LittleEndian.i64(b, off)));
            case 0x0d:
                return LittleEndian.i32(b, off) != 0;
            case GUID:
                return ValueText.guid(b, off);
            case 0x11:
                return ValueText.filetime(LittleEndian.i64(b, off));
            case 0x12:
                return ValueText.systemtime(b, off);
            case 0x14:
                return ValueText.hex32(LittleEndian.i32(b, off));
            case 0x15:
                return ValueText.hex64(LittleEndian.i64(b, off));
            default:
                throw EvtxFormatException.malformed("not a scalar type 0x" + Integer.toHexString(type));
        }
    }

    /** Reals as {@code Double}; infinities and NaN, which JSON cannot carry as numbers, as text. */
    private static Object real(float v) {
        return Float.isFinite(v) ? (Object) Double.valueOf(Float.toString(v)) : Float.toString(v);
    }

    private static Object real(double v) {
        return Double.isFinite(v) ? (Object) v : Double.toString(v);
    }

    private static ArrayValue array(ChunkContext ctx, int itemType, byte[] b, int off, int size) {
        List<Object> items = new ArrayList<>();
        int end = off + size;
        switch (itemType) {
            case STRING:
                splitUtf16(ctx, b, off, end, items);
                break;
            case ANSI_STRING:
                splitAnsi(ctx, b, off, end, items);
                break;
            case SID:
                for (int p = off; p < end; ) {
                    if (end - p < 8 || ValueText.sidLength(b, p) > end - p) {
                        throw EvtxFormatException.malformed("truncated SID in array");
                    }
                    add(ctx, items, ValueText.sid(b, p));
                    p += ValueText.sidLength(b, p);
                }
                break;
            case SIZE_T:
                fixed(ctx, size % 8 == 0 ? 0x15 : 0x14, size % 8 == 0 ? 8 : 4, b, off, end, items);
                break;
            default:
                int width = width(itemType);
                if (width < 0) {
                    throw EvtxFormatException.malformed(
                            "unknown array type 0x" + Integer.toHexString(itemType | ARRAY));
                }
                fixed(ctx, itemType, width, b, off, end, items);
        }
        return new ArrayValue(items);
    }

    private static void fixed(ChunkContext ctx, int type, int width, byte[] b, int off, int end, List<Object> items) {
        for (int p = off; p + width <= end; p += width) {
            add(ctx, items, scalar(type, b, p));
        }
    }

    /** NUL-terminated UTF-16 strings back to back; a last string may lack its terminator. */
    private static void splitUtf16(ChunkContext ctx, byte[] b, int off, int end, List<Object> items) {
        int start = off;
        int p = off;
        for (; p + 1 < end; p += 2) {
            if (b[p] == 0 && b[p + 1] == 0) {
                add(ctx, items, utf16(ctx, b, start, (p - start) / 2));
                start = p + 2;
            }
        }
        if (p > start) {
            add(ctx, items, utf16(ctx, b, start, (p - start) / 2));
        }
    }

    private static void splitAnsi(ChunkContext ctx, byte[] b, int off, int end, List<Object> items) {
        int start = off;
        for (int p = off; p < end; p++) {
            if (b[p] == 0) {
                add(ctx, items, ansi(ctx, b, start, p - start));
                start = p + 1;
            }
        }
        if (end > start) {
            add(ctx, items, ansi(ctx, b, start, end - start));
        }
    }

    private static void add(ChunkContext ctx, List<Object> items, Object item) {
        if (items.size() >= ctx.limits.maxArrayItems()) {
            throw EvtxFormatException.limit("array of more than " + ctx.limits.maxArrayItems() + " items");
        }
        items.add(item);
    }

    /** UTF-16LE text, ending at the first NUL as Windows' rendering does. */
    static String utf16(ChunkContext ctx, byte[] b, int off, int chars) {
        String s = Utf16.decode(b, off, chars, true);
        checkChars(ctx, s.length());
        return s;
    }

    private static String ansi(ChunkContext ctx, byte[] b, int off, int len) {
        int n = 0;
        while (n < len && b[off + n] != 0) {
            n++;
        }
        checkChars(ctx, n);
        return new String(b, off, n, ANSI);
    }

    private static void checkChars(ChunkContext ctx, long chars) {
        if (chars > ctx.limits.maxStringChars()) {
            throw EvtxFormatException.limit("string of " + chars + " characters");
        }
    }

    /** Code page 1252, the ANSI code page of the Windows systems that write EVTX files. */
    private static Charset ansi() {
        try {
            return Charset.forName("windows-1252");
        } catch (IllegalArgumentException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
