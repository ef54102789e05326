package io.vigil.core.sink;

import io.vigil.core.detect.Detection;
import java.io.Closeable;
import java.io.IOException;

/**
 * Where detections go (JSONL, CSV, terminal table, later an alert store or a stream).
 *
 * <p>Lifecycle: {@link #accept} is called once per detection in the run's defined order, from a
 * single thread; then {@link #close} exactly once, which flushes and writes any trailing summary. A
 * sink never closes a stream it did not open (stdout stays open).
 */
public interface DetectionSink extends Closeable {
    void accept(Detection detection) throws IOException;

    @Override
    void close() throws IOException;
}
