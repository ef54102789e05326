package io.vigil.source.json;

import io.vigil.source.json.RecordSlice.End;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The byte-at-a-time {@link RecordSplitter} as it was before its scan was vectorised (commit b79475b),
 * kept as the reference that {@code RecordSplitterDifferentialTest} compares the fast one with, and
 * that {@code RecordSplitterBench} measures it against. Same contract and recovery rules.
 *
 * <p>One change from the original: a raw line break right after a backslash inside a string is counted
 * as a line. The original only counted it when it happened to be the last byte of a buffer read, so
 * its line numbers after one depended on how the input stream split its reads.
 */
final class ReferenceRecordSplitter {
    private final String displayPath;
    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean started;
    private long line = 1;
    private int column;
    private boolean inArray;
    private boolean unterminatedArray;

    private byte[] value = new byte[1 << 12];
    private int length;
    private boolean oversized;

    ReferenceRecordSplitter(String displayPath, InputStream in, int maxBytes) {
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
        return column + 1;
    }

    private RecordSlice scan(int first) throws IOException {
        long startLine = line;
        int startColumn = column + 1;
        length = 0;
        oversized = false;
        End end;
        if (first == '{' || first == '[') {
            end = scanStructure();
        } else if (inArray) {
            end = scanElement();
        } else {
            end = scanLine();
        }
        byte[] bytes = oversized ? new byte[0] : Arrays.copyOf(value, length);
        return new RecordSlice(
                displayPath, bytes, oversized ? 0 : length, startLine, startColumn, end, oversized, line);
    }

    /**
     * Scans an object or array. This is the hot loop of reading (every input byte passes through it),
     * so it works on the buffer directly and copies runs of bytes rather than single ones.
     */
    private End scanStructure() throws IOException {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        while (true) {
            if (pos == limit && !fill()) {
                return End.END_OF_INPUT;
            }
            byte[] buf = buffer;
            int start = pos;
            int p = pos;
            int lim = limit;
            while (p < lim) {
                int c = buf[p++];
                if (inString) {
                    if (escaped) {
                        escaped = false;
                        if (c == '\n') {
                            consume(start, p);
                            start = p;
                        }
                        continue;
                    }
                    // most bytes are plain string content: pass them in a loop of their own
                    while (c != '"' && c != '\\' && c != '\n' && p < lim) {
                        c = buf[p++];
                    }
                    if (c == '"') {
                        inString = false;
                        continue;
                    }
                    if (c == '\\') {
                        escaped = true;
                        continue;
                    }
                    if (c != '\n') {
                        continue;
                    }
                    // JSON strings cannot hold a raw line break: the string was not closed
                    inString = false;
                } else if (c == '"') {
                    inString = true;
                    continue;
                } else if (c == '{' || c == '[') {
                    depth++;
                    continue;
                } else if (c == '}' || c == ']') {
                    if (--depth == 0) {
                        consume(start, p);
                        return End.COMPLETE;
                    }
                    continue;
                } else if (c != '\n') {
                    continue;
                }
                consume(start, p);
                if (newRecordFollows()) {
                    return End.NEW_RECORD;
                }
                // the look-ahead may have refilled the buffer
                buf = buffer;
                start = pos;
                p = pos;
                lim = limit;
            }
            consume(start, p);
        }
    }

    /** Takes {@code buffer[from, to)} into the value; only its last byte may be a line break. */
    private void consume(int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        if (buffer[to - 1] == '\n') {
            line++;
            column = 0;
        } else {
            column += n;
        }
        pos = to;
        int room = maxBytes - length;
        if (n > room) {
            n = Math.max(0, room);
            oversized = true;
        }
        if (n == 0) {
            return;
        }
        if (length + n > value.length) {
            int grown = (int) Math.min((long) maxBytes, Math.max(2L * value.length, (long) length + n));
            value = Arrays.copyOf(value, grown);
        }
        System.arraycopy(buffer, from, value, length, n);
        length += n;
    }

    /** Called after a line break inside an open value. */
    private boolean newRecordFollows() throws IOException {
        return !inArray && peek() == '{';
    }

    /** A non-structured value in stream mode: garbage or a scalar, taken to the end of its line. */
    private End scanLine() throws IOException {
        while (true) {
            int c = peek();
            if (c < 0) {
                return End.COMPLETE;
            }
            read();
            if (c == '\n') {
                return End.COMPLETE;
            }
            append(c);
        }
    }

    /** A non-structured array element: up to the next comma, closing bracket or line break. */
    private End scanElement() throws IOException {
        boolean inString = false;
        boolean escaped = false;
        while (true) {
            int c = peek();
            if (c < 0 || c == '\n' || (!inString && (c == ',' || c == ']'))) {
                return End.COMPLETE;
            }
            read();
            append(c);
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

    private void append(int c) {
        if (length >= maxBytes) {
            oversized = true;
            return;
        }
        if (length == value.length) {
            value = Arrays.copyOf(value, (int) Math.min((long) maxBytes, 2L * value.length));
        }
        value[length++] = (byte) c;
    }

    private void skipByteOrderMark() throws IOException {
        while (limit - pos < 3) {
            if (pos > 0) {
                System.arraycopy(buffer, pos, buffer, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                break;
            }
            limit += n;
        }
        if (limit - pos >= 3
                && (buffer[pos] & 0xff) == 0xEF
                && (buffer[pos + 1] & 0xff) == 0xBB
                && (buffer[pos + 2] & 0xff) == 0xBF) {
            pos += 3;
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
            line++;
            column = 0;
        } else {
            column++;
        }
        return c;
    }

    private boolean fill() throws IOException {
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
}
