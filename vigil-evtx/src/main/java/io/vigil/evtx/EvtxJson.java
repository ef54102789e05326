package io.vigil.evtx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a record tree as one line of compact JSON, the way {@code evtx_dump -o jsonl} lays records
 * out, for {@code vigil dump}: one object per record per line.
 *
 * <p>Contract: accepts trees made of {@code Map} (string keys, insertion order kept), {@code List},
 * {@code String}, {@code Long}/{@code Integer}, {@code Double}, {@code Boolean} and {@code null}; the
 * output is valid JSON (RFC 8259) whatever the strings hold: quotes, backslashes and control
 * characters are escaped, and an unpaired UTF-16 surrogate (which the reader never produces, but other
 * trees may hold) is written as U+FFFD, because strict parsers such as Jackson reject it even
 * escaped. Non-finite doubles, which JSON cannot hold, are written as strings. No line
 * terminator is written.
 */
public final class EvtxJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private EvtxJson() {}

    /** The tree as one line of JSON. */
    public static String toJson(Object tree) {
        StringBuilder s = new StringBuilder(1024);
        try {
            write(tree, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return s.toString();
    }

    /**
     * Appends the tree as JSON to {@code out}.
     *
     * @throws IOException from {@code out}
     * @throws IllegalArgumentException for a value of another type
     */
    public static void write(Object tree, Appendable out) throws IOException {
        if (tree == null) {
            out.append("null");
        } else if (tree instanceof String) {
            string((String) tree, out);
        } else if (tree instanceof Map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) tree).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (tree instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object item : (List<?>) tree) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(item, out);
            }
            out.append(']');
        } else if (tree instanceof Long || tree instanceof Integer || tree instanceof Boolean) {
            out.append(tree.toString());
        } else if (tree instanceof Double) {
            double d = (Double) tree;
            if (Double.isFinite(d)) {
                out.append(Double.toString(d));
            } else {
                string(Double.toString(d), out);
            }
        } else {
            throw new IllegalArgumentException(
                    "not a JSON tree value: " + tree.getClass().getName());
        }
    }

    private static void string(String s, Appendable out) throws IOException {
        out.append('"');
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escape = null;
            if (c == '"') {
                escape = "\\\"";
            } else if (c == '\\') {
                escape = "\\\\";
            } else if (c < 0x20) {
                escape = control(c);
            } else if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        ? i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))
                        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
                if (!paired) {
                    escape = "\ufffd";
                }
            }
            if (escape != null) {
                out.append(s, start, i).append(escape);
                start = i + 1;
            }
        }
        out.append(s, start, n).append('"');
    }

    private static String control(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\b':
                return "\\b";
            case '\f':
                return "\\f";
            default:
                return unicode(c);
        }
    }

    private static String unicode(char c) {
        return new String(
                new char[] {'\\', 'u', HEX[c >> 12 & 0xf], HEX[c >> 8 & 0xf], HEX[c >> 4 & 0xf], HEX[c & 0xf]});
    }
}
