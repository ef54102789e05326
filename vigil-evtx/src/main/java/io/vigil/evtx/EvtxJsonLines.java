package io.vigil.evtx;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes record trees as JSON lines, encoding UTF-8 straight into its own buffer, because {@code vigil
 * dump} writes millions of lines and a {@code Writer} (a lock per call, then a second pass to encode)
 * cost as much CPU as decoding the records. The JSON is exactly {@link EvtxJson}'s (which renders
 * through this class): same escaping, same number forms, an unpaired UTF-16 surrogate written as
 * U+FFFD.
 *
 * <p>Contract: {@link #write} appends one line per tree; bytes reach the stream when the buffer fills
 * and on {@link #flush()}, which the caller must call at the end (the stream is not closed). Not
 * thread-safe.
 */
public final class EvtxJsonLines implements Flushable {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /** The most bytes one UTF-16 char can become: a {@code \}{@code u00XX} escape. */
    private static final int MAX_BYTES_PER_CHAR = 6;

    private final OutputStream out;
    private byte[] buf;
    private int pos;
    /** The string being written, copied out once: faster to scan than {@code String.charAt} calls. */
    private char[] chars = new char[256];

    /** Writes to {@code out}, which needs no buffering of its own. */
    public EvtxJsonLines(OutputStream out) {
        this(out, 1 << 16);
    }

    EvtxJsonLines(OutputStream out, int bufferSize) {
        this.out = Objects.requireNonNull(out, "out");
        this.buf = new byte[bufferSize];
    }

    /**
     * Appends {@code tree} (of the types {@link EvtxJson} accepts) as one line of JSON and {@code '\n'}.
     *
     * @throws IOException from the stream
     * @throws IllegalArgumentException for a value of another type (part of the line may be written)
     */
    public void write(Object tree) throws IOException {
        value(tree);
        ensure(1);
        buf[pos++] = '\n';
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Appends {@code tree} as JSON without a line end. */
    void value(Object tree) throws IOException {
        if (tree == null) {
            raw(NULL);
        } else if (tree instanceof String) {
            string((String) tree);
        } else if (tree instanceof Map) {
            ensure(1);
            buf[pos++] = '{';
            boolean first = true;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) tree).entrySet()) {
                ensure(1);
                if (!first) {
                    buf[pos++] = ',';
                }
                first = false;
                string(String.valueOf(entry.getKey()));
                ensure(1);
                buf[pos++] = ':';
                value(entry.getValue());
            }
            ensure(1);
            buf[pos++] = '}';
        } else if (tree instanceof List) {
            ensure(1);
            buf[pos++] = '[';
            boolean first = true;
            for (Object item : (List<?>) tree) {
                if (!first) {
                    ensure(1);
                    buf[pos++] = ',';
                }
                first = false;
                value(item);
            }
            ensure(1);
            buf[pos++] = ']';
        } else if (tree instanceof Long || tree instanceof Integer) {
            number(((Number) tree).longValue());
        } else if (tree instanceof Boolean) {
            raw((Boolean) tree ? TRUE : FALSE);
        } else if (tree instanceof Double) {
            double d = (Double) tree;
            if (Double.isFinite(d)) {
                ascii(Double.toString(d));
            } else {
                string(Double.toString(d));
            }
        } else {
            throw new IllegalArgumentException(
                    "not a JSON tree value: " + tree.getClass().getName());
        }
    }

    private void string(String s) throws IOException {
        int n = s.length();
        ensure(2 + MAX_BYTES_PER_CHAR * n);
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        char[] cs = chars;
        s.getChars(0, n, cs, 0);
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = cs[i];
            if (c < 0x80 && c >= 0x20 && c != '"' && c != '\\') {
                b[p++] = (byte) c; // the common case, kept cheap
            } else if (c == '"' || c == '\\') {
                b[p++] = '\\';
                b[p++] = (byte) c;
            } else if (c < 0x20) {
                p = control(c, b, p);
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3f);
            } else if (!Character.isSurrogate(c)) {
                p = three(c, b, p);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(cs[i + 1])) {
                int cp = Character.toCodePoint(c, cs[++i]);
                b[p++] = (byte) (0xf0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | cp & 0x3f);
            } else {
                // Unpaired: strict parsers such as Jackson reject it even escaped.
                p = three('\ufffd', b, p);
            }
        }
        b[p++] = '"';
        pos = p;
    }

    private static int three(char c, byte[] b, int p) {
        b[p] = (byte) (0xe0 | c >> 12);
        b[p + 1] = (byte) (0x80 | c >> 6 & 0x3f);
        b[p + 2] = (byte) (0x80 | c & 0x3f);
        return p + 3;
    }

    private static int control(char c, byte[] b, int p) {
        char letter;
        switch (c) {
            case '\n':
                letter = 'n';
                break;
            case '\r':
                letter = 'r';
                break;
            case '\t':
                letter = 't';
                break;
            case '\b':
                letter = 'b';
                break;
            case '\f':
                letter = 'f';
                break;
            default:
                b[p] = '\\';
                b[p + 1] = 'u';
                b[p + 2] = '0';
                b[p + 3] = '0';
                b[p + 4] = HEX[c >> 4];
                b[p + 5] = HEX[c & 0xf];
                return p + 6;
        }
        b[p] = '\\';
        b[p + 1] = (byte) letter;
        return p + 2;
    }

    private void number(long v) throws IOException {
        if (v == Long.MIN_VALUE) {
            ascii(Long.toString(v));
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = pos + digits;
        for (int p = end - 1; p >= pos; p--) {
            buf[p] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos = end;
    }

    private void ascii(String s) throws IOException {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void raw(byte[] bytes) throws IOException {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    /** Makes room for {@code n} more bytes: drains the buffer, and grows it for one huge string. */
    private void ensure(int n) throws IOException {
        if (buf.length - pos >= n) {
            return;
        }
        drain();
        if (buf.length < n) {
            buf = new byte[n];
        }
    }

    private void drain() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }
}
