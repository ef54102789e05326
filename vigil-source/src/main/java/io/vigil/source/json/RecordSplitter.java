package io.vigil.source.json;

import java.io.IOException;
import java.io.InputStream;
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
 * scanned to their end but not kept.
 */
final class RecordSplitter {
    /** How a value's bytes ended. */
    enum End {
        /** The value closed (or, for a scalar, its line or array element ended). */
        COMPLETE,
        /** A new record started on a fresh line before the value closed. */
        NEW_RECORD,
        /** The input ended before the value closed. */
        END_OF_INPUT
    }

    /**
     * One value: {@code length} bytes of {@code bytes}, which the next call to {@link #next()} reuses.
     * {@code line}/{@code column} are 1-based, columns counted in bytes.
     */
    record Slice(byte[] bytes, int length, long line, int column, End end, boolean oversized, long nextLine) {}

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

    RecordSplitter(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next top-level value, or {@code null} at the end of the input. */
    Slice next() throws IOException {
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

    private Slice scan(int first) throws IOException {
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
        return new Slice(value, length, startLine, startColumn, end, oversized, line);
    }

    private End scanStructure() throws IOException {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        while (true) {
            int c = read();
            if (c < 0) {
                return End.END_OF_INPUT;
            }
            append(c);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                } else if (c == '\n') {
                    inString = false;
                    if (newRecordFollows()) {
                        return End.NEW_RECORD;
                    }
                }
                continue;
            }
            switch (c) {
                case '"':
                    inString = true;
                    break;
                case '{':
                case '[':
                    depth++;
                    break;
                case '}':
                case ']':
                    depth--;
                    if (depth == 0) {
                        return End.COMPLETE;
                    }
                    break;
                case '\n':
                    if (newRecordFollows()) {
                        return End.NEW_RECORD;
                    }
                    break;
                default:
                    break;
            }
        }
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
