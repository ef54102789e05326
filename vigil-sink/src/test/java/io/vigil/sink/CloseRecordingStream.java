package io.vigil.sink;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Collects output and remembers whether it was closed or flushed. */
final class CloseRecordingStream extends ByteArrayOutputStream {
    boolean closed;
    boolean flushed;

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void flush() {
        flushed = true;
    }

    String text() {
        return toString(StandardCharsets.UTF_8);
    }
}
