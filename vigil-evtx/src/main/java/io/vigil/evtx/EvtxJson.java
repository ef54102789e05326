package io.vigil.evtx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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
    private EvtxJson() {}

    /**
     * The tree as one line of JSON (no line terminator).
     *
     * @throws IllegalArgumentException for a value of another type
     */
    public static String toJson(Object tree) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        EvtxJsonLines lines = new EvtxJsonLines(bytes, 1024);
        try {
            lines.value(tree);
            lines.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Appends the tree as JSON to {@code out}. For many trees, {@link EvtxJsonLines} is much faster.
     *
     * @throws IOException from {@code out}
     * @throws IllegalArgumentException for a value of another type
     */
    public static void write(Object tree, Appendable out) throws IOException {
        out.append(toJson(tree));
    }
}
