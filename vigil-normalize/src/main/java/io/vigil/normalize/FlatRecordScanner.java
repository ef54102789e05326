package io.vigil.normalize;

import io.vigil.core.event.EncodedString;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Reads one flat JSON object (a record whose values are strings, integers, booleans, nulls or arrays of
 * those) from its bytes into {@link FlatFields}, leaving string values encoded ({@link EncodedString}) so
 * that only the fields someone reads are ever decoded. Jackson cannot hand out a string's undecoded
 * byte range, which is why this one narrow shape has its own scanner.
 *
 * <p>Contract: for a record it accepts, the fields (names, order, values once decoded, value classes)
 * are exactly those {@link DirectFlatMapper#map(com.fasterxml.jackson.core.JsonParser)} reads with
 * Jackson. It declines (returns null) everything else and everything it is not sure Jackson accepts the
 * same way: nested objects, nested arrays, numbers other than integers that fit a long, invalid or
 * unusual escapes and UTF-8, escapes in names, control characters, strings or names longer than the limit, trailing
 * content, a {@code log_type} or {@code winlog.*} key. The caller then takes the Jackson path, which
 * also reports malformed records. A differential test holds the two together.
 *
 * <p>Stateless apart from a per-thread cache of field names with their mapping decisions (records
 * repeat the same few dozen names, and a shared {@link String} keeps its hash code); safe for any number
 * of threads.
 */
final class FlatRecordScanner {
    /** Integers of at most this many digits are read here (if they fit a long); longer ones by Jackson. */
    private static final int MAX_DIGITS = 19;

    private final int maxStringBytes;
    private final boolean arrays;
    private final Function<String, FlatFieldName> decide;
    private final ThreadLocal<NameCache> names;

    /**
     * @param maxStringLength the reader's longest allowed string or name, in characters
     * @param maxNestingDepth the reader's deepest allowed nesting, the record being depth 1
     * @param decide what the mapping does with a field name; asked once per distinct name and thread
     */
    FlatRecordScanner(int maxStringLength, int maxNestingDepth, Function<String, FlatFieldName> decide) {
        // a string of at most this many bytes has at most this many characters; longer ones are left to
        // Jackson, which counts characters
        this.maxStringBytes = maxStringLength;
        this.arrays = maxNestingDepth >= 2;
        this.decide = decide;
        this.names = ThreadLocal.withInitial(() -> new NameCache(decide));
    }

    /** Whether this scanner was made for these limits. */
    boolean hasLimits(int maxStringLength, int maxNestingDepth) {
        return maxStringBytes == maxStringLength && arrays == (maxNestingDepth >= 2);
    }

    /** Reads the record's fields into {@code into} (cleared first); false when declined. */
    boolean scan(byte[] b, int length, FlatFields into) {
        into.clear();
        try {
            new Pass(b, length, names.get()).record(into);
            return true;
        } catch (Decline e) {
            return false;
        }
    }

    /** Thrown (without a stack trace) to give the record up to the Jackson path. */
    private static final class Decline extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Decline INSTANCE = new Decline();

        private Decline() {
            super("declined", null, false, false);
        }
    }

    private final class Pass {
        private final byte[] b;
        private final int end;
        private final NameCache names;
        private int i;
        /** The {@link EncodedString} flags of the string {@link #stringEnd} read last. */
        private int flags;

        Pass(byte[] b, int length, NameCache names) {
            this.b = b;
            this.end = length;
            this.names = names;
        }

        void record(FlatFields fields) {
            skipBlank();
            expect('{');
            skipBlank();
            if (peek() == '}') {
                i++;
            } else {
                for (int field = 0; ; field++) {
                    expect('"');
                    FlatFieldName name = name(field);
                    if (name.declines()) {
                        throw Decline.INSTANCE;
                    }
                    skipBlank();
                    expect(':');
                    skipBlank();
                    Object value;
                    int c = peek();
                    if (c == '"') {
                        i++;
                        value = string();
                    } else if (c == '[' && arrays) {
                        i++;
                        value = array();
                    } else {
                        value = scalar(c);
                    }
                    // a duplicate key is kept as read: the mapper gives it the tree's first position and last value
                    fields.add(name, value);
                    skipBlank();
                    int d = next();
                    if (d == '}') {
                        break;
                    }
                    if (d != ',') {
                        throw Decline.INSTANCE;
                    }
                    skipBlank();
                }
            }
            skipBlank();
            if (i != end) {
                throw Decline.INSTANCE;
            }
        }

        private List<Object> array() {
            List<Object> items = new ArrayList<>();
            skipBlank();
            if (peek() == ']') {
                i++;
                return Collections.unmodifiableList(items);
            }
            while (true) {
                int c = peek();
                if (c == '"') {
                    i++;
                    Object s = string();
                    items.add(s instanceof EncodedString e ? e.decode() : s);
                } else if (c == '[' || c == '{') {
                    throw Decline.INSTANCE;
                } else {
                    items.add(scalar(c));
                }
                skipBlank();
                int d = next();
                if (d == ']') {
                    return Collections.unmodifiableList(items);
                }
                if (d != ',') {
                    throw Decline.INSTANCE;
                }
                skipBlank();
            }
        }

        private Object scalar(int c) {
            if (c == '-' || c >= '0' && c <= '9') {
                return integer();
            }
            if (literal("true")) {
                return Boolean.TRUE;
            }
            if (literal("false")) {
                return Boolean.FALSE;
            }
            if (literal("null")) {
                return null;
            }
            throw Decline.INSTANCE;
        }

        private boolean literal(String word) {
            int n = word.length();
            if (end - i < n) {
                return false;
            }
            for (int k = 0; k < n; k++) {
                if (b[i + k] != word.charAt(k)) {
                    return false;
                }
            }
            if (i + n < end && !delimiter(b[i + n])) {
                throw Decline.INSTANCE;
            }
            i += n;
            return true;
        }

        private Long integer() {
            boolean negative = false;
            if (b[i] == '-') {
                negative = true;
                i++;
            }
            int start = i;
            long value = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                value = value * 10 + (b[i] - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > MAX_DIGITS || digits > 1 && b[start] == '0') {
                throw Decline.INSTANCE;
            }
            // fractions and exponents, and anything glued to the digits, are Jackson's to read
            if (i < end && !delimiter(b[i])) {
                throw Decline.INSTANCE;
            }
            if (digits == MAX_DIGITS) {
                // may not fit: Jackson makes a BigInteger of those (Windows Keywords masks such as
                // -9223372036854775808 do fit)
                try {
                    return Long.parseLong(new String(
                            b,
                            start - (negative ? 1 : 0),
                            digits + (negative ? 1 : 0),
                            java.nio.charset.StandardCharsets.ISO_8859_1));
                } catch (NumberFormatException e) {
                    throw Decline.INSTANCE;
                }
            }
            return negative ? -value : value;
        }

        /** A string value from after its opening quote: "" or an {@link EncodedString}. */
        private Object string() {
            int from = i;
            int to = stringEnd();
            return to == from ? "" : new EncodedString(b, from, to, flags);
        }

        /**
         * Checks the string from {@code i} (after its opening quote) and moves past its closing quote;
         * returns that quote's index and leaves the string's {@link EncodedString} flags in {@link
         * #flags}. Allocates nothing, so that names (which the cache resolves) cost no object.
         */
        private int stringEnd() {
            int from = i;
            byte[] bytes = b;
            int limit = end;
            int j = from;
            int f = 0;
            while (true) {
                // eight bytes at a time, straight to the first quote, backslash, control or non-ASCII byte
                if (j + 8 <= limit) {
                    long special = special((long) WORD.get(bytes, j));
                    if (special == 0) {
                        j += 8;
                        continue;
                    }
                    j += Long.numberOfTrailingZeros(special) >>> 3;
                } else if (j >= limit) {
                    throw Decline.INSTANCE;
                }
                int c = bytes[j];
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    // escapes come in runs (\r\n\t\t in messages, \\ in paths): take the run here
                    // instead of going back to the word loop after each one
                    do {
                        if (j + 1 >= limit) {
                            throw Decline.INSTANCE;
                        }
                        int e = bytes[j + 1];
                        if (e >= 0 && SHORT_ESCAPE[e]) {
                            f |= e == '/' ? EncodedString.ESCAPED | EncodedString.LONG_ESCAPES : EncodedString.ESCAPED;
                            j += 2;
                        } else if (e == 'u') {
                            f |= EncodedString.ESCAPED | EncodedString.LONG_ESCAPES;
                            j = unicodeEscape(j);
                        } else {
                            throw Decline.INSTANCE;
                        }
                    } while (j < limit && bytes[j] == '\\');
                } else if (c < 0) {
                    f |= EncodedString.NON_ASCII;
                    j = utf8(j);
                } else if (c < 0x20) {
                    throw Decline.INSTANCE;
                } else {
                    j++;
                }
            }
            i = j + 1;
            if (j - from > maxStringBytes) {
                throw Decline.INSTANCE;
            }
            flags = f;
            return j;
        }

        /** A field name from after its opening quote, shared through the name cache when plain. */
        private FlatFieldName name(int field) {
            FlatFieldName expected = names.atField(b, i, end, field);
            if (expected != null) {
                i += expected.name().length() + 1;
                return expected;
            }
            int start = i;
            int to = stringEnd();
            if (flags == 0) {
                return names.name(b, start, to, field);
            }
            // Jackson checks surrogate pairs in escaped names (not in values): its call
            if ((flags & EncodedString.ESCAPED) != 0) {
                throw Decline.INSTANCE;
            }
            return decide.apply(new EncodedString(b, start, to, flags).decode());
        }

        /** Checks the backslash-u escape at {@code j}; returns the index after it. */
        private int unicodeEscape(int j) {
            if (j + 6 > end) {
                throw Decline.INSTANCE;
            }
            for (int k = j + 2; k < j + 6; k++) {
                if (EncodedString.hexDigit(b[k]) < 0) {
                    throw Decline.INSTANCE;
                }
            }
            return j + 6;
        }

        /**
         * Checks the UTF-8 sequence at {@code j} is well formed (RFC 3629: shortest form, no surrogates,
         * at most U+10FFFF); returns the index after it.
         */
        private int utf8(int j) {
            int lead = b[j] & 0xFF;
            int length;
            int min;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
                min = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                min = 0x800;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                min = 0x10000;
            } else {
                throw Decline.INSTANCE;
            }
            if (j + length > end) {
                throw Decline.INSTANCE;
            }
            for (int k = 1; k < length; k++) {
                if ((b[j + k] & 0xC0) != 0x80) {
                    throw Decline.INSTANCE;
                }
            }
            int cp = EncodedString.codePoint(b, j, length);
            if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
                throw Decline.INSTANCE;
            }
            return j + length;
        }

        private void skipBlank() {
            while (i < end) {
                int c = b[i];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return;
                }
                i++;
            }
        }

        private int peek() {
            if (i >= end) {
                throw Decline.INSTANCE;
            }
            return b[i];
        }

        private int next() {
            int c = peek();
            i++;
            return c;
        }

        private void expect(int c) {
            if (next() != c) {
                throw Decline.INSTANCE;
            }
        }
    }

    /** The characters that may follow a backslash in a two-character escape. */
    private static final boolean[] SHORT_ESCAPE = new boolean[128];

    static {
        for (char c : new char[] {'"', '\\', '/', 'b', 'f', 'n', 'r', 't'}) {
            SHORT_ESCAPE[c] = true;
        }
    }

    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The high bit of each of the eight bytes (little-endian) that may be a quote, a backslash, a
     * control character or non-ASCII; zero when none is. A byte-wise "has zero" test per kind: a borrow
     * may flag a plain byte above a special one, never below, so the lowest flag is exact.
     */
    private static long special(long x) {
        long quote = x ^ 0x2222222222222222L;
        long backslash = x ^ 0x5C5C5C5C5C5C5C5CL;
        return ((quote - ONES) | (backslash - ONES) | (x - 0x2020202020202020L) | x) & HIGHS;
    }

    private static boolean delimiter(int c) {
        return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /**
     * Field names by their bytes, one cache per thread: first the name seen last at the same position
     * (records of one source repeat their key order), then a small direct-mapped table; a miss decodes
     * the name, asks for its decision and replaces the entry.
     */
    private static final class NameCache {
        private final Function<String, FlatFieldName> decide;
        // direct-mapped: 512 slots let names that shared one evict each other on every record
        private final byte[][] keys = new byte[2048][];
        private final FlatFieldName[] names = new FlatFieldName[2048];
        private final byte[][] keysByField = new byte[64][];
        private final FlatFieldName[] namesByField = new FlatFieldName[64];

        NameCache(Function<String, FlatFieldName> decide) {
            this.decide = decide;
        }

        /**
         * The name seen last at this position when the bytes from {@code from} are that name and its
         * closing quote, else null. Records of one source repeat their key order, so most names are
         * settled here without scanning them: a cached name is plain (no quote, backslash, control or
         * non-ASCII byte), so its bytes followed by a quote are the whole name.
         */
        FlatFieldName atField(byte[] b, int from, int limit, int field) {
            if (field >= keysByField.length) {
                return null;
            }
            byte[] key = keysByField[field];
            if (key == null) {
                return null;
            }
            int to = from + key.length;
            return to < limit && b[to] == '"' && Arrays.equals(key, 0, key.length, b, from, to)
                    ? namesByField[field]
                    : null;
        }

        FlatFieldName name(byte[] b, int from, int to, int field) {
            if (field < keysByField.length) {
                byte[] key = keysByField[field];
                if (key != null && Arrays.equals(key, 0, key.length, b, from, to)) {
                    return namesByField[field];
                }
                int slot = slot(b, from, to);
                keysByField[field] = keys[slot];
                namesByField[field] = names[slot];
                return names[slot];
            }
            return names[slot(b, from, to)];
        }

        /** The table slot now holding this name. */
        private int slot(byte[] b, int from, int to) {
            int h = 1;
            for (int k = from; k < to; k++) {
                h = 31 * h + b[k];
            }
            int slot = (h ^ h >>> 9) & (keys.length - 1);
            byte[] key = keys[slot];
            if (key == null || !Arrays.equals(key, 0, key.length, b, from, to)) {
                keys[slot] = Arrays.copyOfRange(b, from, to);
                names[slot] =
                        decide.apply(new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            return slot;
        }
    }
}
