package io.vigil.source.json;

import io.vigil.source.json.RecordSlice.End;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Cuts a UTF-8 byte stream into the bytes of its top-level JSON values without parsing them, so that a
 * broken record can be skipped and reading can resume at the next one (a streaming parser cannot
 * recover from a syntax error).
 *
 * <p>Only structure is tracked: nesting depth, strings and escapes. Inputs are a stream of values
 * (pretty-printed or one per line) or top-level arrays, whose elements are then the values. Recovery
 * rules, in stream mode: a line starting with {@code {} while a value is still open begins a new value
 * (the open one ends {@link End#NEW_RECORD}); a raw line break inside a string ends the string, because
 * JSON strings cannot contain one; a value that does not start with {@code {} or {@code [} extends to
 * the end of its line. A leading UTF-8 byte order mark is skipped. Values beyond {@code maxBytes} are
 * scanned to their end but not kept. (A raw line break right after a backslash is taken as the escaped
 * character: it is counted as a line but does not end the string.)
 *
 * <p>Every input byte passes through here on the single thread that reads an input, so the scan is
 * built for speed. String contents, most of a log record, are searched eight bytes at a time (a SWAR
 * test) for a quote or a line break only; whether that byte is escaped follows from the length of
 * the run of backslashes before it, so escapes, frequent in Windows paths and messages, cost no stop
 * of their own. A value is copied once, from the read buffer into the array its slice owns; only a
 * value that straddles two buffer fills is gathered first.
 */
final class RecordSplitter {
    private static final int BUFFER_BYTES = 1 << 18;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long QUOTE_OR_LINE_BREAK_BITS = ONES * ('"' ^ '\n');
    /** The bytes that matter between strings inside a value. */
    private static final boolean[] STRUCTURAL = new boolean[256];

    static {
        for (char c : new char[] {'"', '{', '}', '[', ']', '\n'}) {
            STRUCTURAL[c] = true;
        }
    }

    private final String displayPath;
    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int pos;
    private int limit;
    /** Input offset of {@code buffer[0]}. */
    private long base;
    /** Input offset of the first byte of the current line (after the byte order mark on line 1). */
    private long lineStart;

    private boolean started;
    private long line = 1;
    private boolean inArray;
    private boolean unterminatedArray;

    /** Buffer index where the value being scanned (or its part not yet gathered) starts; -1 between values. */
    private int valueStart = -1;
    /** Buffer index just past the value's last byte, set by the scan that ends it. */
    private int valueEnd;
    /** The value's bytes gathered from earlier buffer fills, kept up to {@code maxBytes}. */
    private byte[] gathered = new byte[0];
    /** How many bytes were gathered (may pass {@code maxBytes}, when only counted). */
    private long gatheredLength;

    RecordSplitter(String displayPath, InputStream in, int maxBytes) {
        this.displayPath = displayPath;
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next top-level value (a copy the caller owns), or {@code null} at the end of the input. */
    RecordSlice next() throws IOException {
        if (!started) {
            started = true;
            skipByteOrderMark();
        }
        while (true) {
            int b = skipBlank();
            if (b < 0) {
                unterminatedArray = inArray;
                inArray = false;
                return null;
            }
            if (inArray && b == ']') {
                read();
                inArray = false;
            } else if (!inArray && b == '[') {
                read();
                inArray = true;
            } else {
                return scan(b);
            }
        }
    }

    /** True when the input ended inside a top-level array (checked after {@link #next()} gave null). */
    boolean unterminatedArray() {
        return unterminatedArray;
    }

    /** Current line, 1-based; at the end of input this is the last line. */
    long line() {
        return line;
    }

    /** 1-based byte column of the next unread byte. */
    int column() {
        return (int) (base + pos - lineStart) + 1;
    }

    private RecordSlice scan(int first) throws IOException {
        long startLine = line;
        int startColumn = column();
        valueStart = pos;
        gatheredLength = 0;
        End end;
        if (first == '{' || first == '[') {
            end = scanStructure();
        } else if (inArray) {
            end = scanElement();
        } else {
            end = scanLine();
        }
        int from = valueStart;
        valueStart = -1;
        long length = gatheredLength + (valueEnd - from);
        if (length > maxBytes) {
            return new RecordSlice(displayPath, new byte[0], 0, startLine, startColumn, end, true, line);
        }
        byte[] bytes;
        if (gatheredLength == 0) {
            bytes = Arrays.copyOfRange(buffer, from, valueEnd);
        } else {
            bytes = Arrays.copyOf(gathered, (int) length);
            System.arraycopy(buffer, from, bytes, (int) gatheredLength, valueEnd - from);
        }
        return new RecordSlice(displayPath, bytes, (int) length, startLine, startColumn, end, false, line);
    }

    /** Scans an object or array: the hot loop of reading. */
    private End scanStructure() throws IOException {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        while (true) {
            if (pos == limit && !fill()) {
                valueEnd = pos;
                return End.END_OF_INPUT;
            }
            byte[] buf = buffer;
            int p = pos;
            int lim = limit;
            while (p < lim) {
                if (inString) {
                    if (escaped) {
                        escaped = false;
                        if (buf[p++] == '\n') {
                            lineBreak(p);
                        }
                        continue;
                    }
                    // backslashes do not stop the search: the run of them before a stop says if it is escaped
                    int q = quoteOrLineBreak(buf, p, lim);
                    int run = q;
                    while (run > p && buf[run - 1] == '\\') {
                        run--;
                    }
                    boolean stopEscaped = ((q - run) & 1) != 0;
                    if (q == lim) {
                        escaped = stopEscaped;
                        p = lim;
                        break;
                    }
                    p = q + 1;
                    if (stopEscaped) {
                        if (buf[q] == '\n') {
                            lineBreak(p);
                        }
                        continue;
                    }
                    byte stop = buf[q];
                    if (stop != '"' && stop != '\n') {
                        continue;
                    }
                    if (stop == '"') {
                        // between the strings of a flat record only ':' or ',' stands: go straight on
                        if (p + 1 < lim && buf[p + 1] == '"' && (buf[p] == ':' || buf[p] == ',')) {
                            p += 2;
                            continue;
                        }
                        inString = false;
                        continue;
                    }
                    // JSON strings cannot hold a raw line break: the string was not closed
                    inString = false;
                } else {
                    while (p < lim && !STRUCTURAL[buf[p] & 0xff]) {
                        p++;
                    }
                    if (p == lim) {
                        break;
                    }
                    byte c = buf[p++];
                    if (c == '"') {
                        inString = true;
                        continue;
                    }
                    if (c == '{' || c == '[') {
                        depth++;
                        continue;
                    }
                    if (c == '}' || c == ']') {
                        if (--depth == 0) {
                            pos = p;
                            valueEnd = p;
                            return End.COMPLETE;
                        }
                        continue;
                    }
                }
                lineBreak(p);
                pos = p;
                if (newRecordFollows()) {
                    valueEnd = pos;
                    return End.NEW_RECORD;
                }
                // the look-ahead may have refilled the buffer
                buf = buffer;
                p = pos;
                lim = limit;
            }
            pos = p;
        }
    }

    /**
     * Index of the first {@code "} or line break in {@code buf[p, lim)}, or {@code lim}; may stop
     * early at a {@code *} or a 0x02 byte (one test for both wanted bytes flags those too).
     */
    private static int quoteOrLineBreak(byte[] buf, int p, int lim) {
        while (p <= lim - Long.BYTES) {
            long word = (long) LONGS.get(buf, p);
            // '"' ^ '"' and '\n' ^ '"' differ only in the bits of 0x28, so clearing those finds both
            long found = zeroBytes((word ^ QUOTES) & ~QUOTE_OR_LINE_BREAK_BITS);
            if (found != 0) {
                // the lowest flagged byte is always a true match (false flags only sit above one)
                return p + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            p += Long.BYTES;
        }
        while (p < lim) {
            byte c = buf[p];
            if (c == '"' || c == '\n') {
                return p;
            }
            p++;
        }
        return lim;
    }

    /** Sets the high bit of each zero byte of {@code x} (and possibly of bytes above one). */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGH_BITS;
    }

    /** Called after a line break inside an open value. */
    private boolean newRecordFollows() throws IOException {
        return !inArray && peek() == '{';
    }

    /** A non-structured value in stream mode: garbage or a scalar, taken to the end of its line. */
    private End scanLine() throws IOException {
        while (true) {
            if (pos == limit && !fill()) {
                valueEnd = pos;
                return End.COMPLETE;
            }
            byte[] buf = buffer;
            int p = pos;
            int lim = limit;
            while (p < lim && buf[p] != '\n') {
                p++;
            }
            if (p < lim) {
                valueEnd = p;
                pos = p + 1;
                lineBreak(pos);
                return End.COMPLETE;
            }
            pos = p;
        }
    }

    /** A non-structured array element: up to the next comma, closing bracket or line break. */
    private End scanElement() throws IOException {
        boolean inString = false;
        boolean escaped = false;
        while (true) {
            int c = peek();
            if (c < 0 || c == '\n' || (!inString && (c == ',' || c == ']'))) {
                valueEnd = pos;
                return End.COMPLETE;
            }
            pos++;
            if (escaped) {
                escaped = false;
            } else if (inString && c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = !inString;
            }
        }
    }

    private int skipBlank() throws IOException {
        while (true) {
            int c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || (inArray && c == ',')) {
                read();
            } else {
                return c;
            }
        }
    }

    /** Notes a line break that ends just before buffer index {@code next}. */
    private void lineBreak(int next) {
        line++;
        lineStart = base + next;
    }

    private void skipByteOrderMark() throws IOException {
        while (limit < 3) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                break;
            }
            limit += n;
        }
        if (limit >= 3 && (buffer[0] & 0xff) == 0xEF && (buffer[1] & 0xff) == 0xBB && (buffer[2] & 0xff) == 0xBF) {
            pos = 3;
            lineStart = 3;
        }
    }

    private int peek() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buffer[pos] & 0xff;
    }

    private int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        int c = buffer[pos++] & 0xff;
        if (c == '\n') {
            lineBreak(pos);
        }
        return c;
    }

    /** Refills the empty buffer, first gathering the part of an open value that it holds. */
    private boolean fill() throws IOException {
        if (valueStart >= 0) {
            gather(valueStart, limit);
            valueStart = 0;
        }
        base += limit;
        pos = 0;
        limit = 0;
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }

    private void gather(int from, int to) {
        int n = to - from;
        long kept = gatheredLength + n;
        if (kept <= maxBytes) {
            if (kept > gathered.length) {
                int grown = (int) Math.min(maxBytes, Math.max(2L * gathered.length, kept));
                gathered = Arrays.copyOf(gathered, grown);
            }
            System.arraycopy(buffer, from, gathered, (int) gatheredLength, n);
        }
        gatheredLength = kept;
    }
}
