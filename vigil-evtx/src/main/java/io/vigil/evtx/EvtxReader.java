package io.vigil.evtx;

import io.vigil.evtx.internal.ByteSource;
import io.vigil.evtx.internal.ChunkPipeline;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Reads Windows XML Event Log ({@code .evtx}) files natively, without Windows or native libraries, so
 * that {@code vigil hunt} can take the files incident responders collect as they are.
 *
 * <p>Contract: records reach the {@link EvtxListener} in file order, each as an {@link EvtxRecord}
 * whose tree has the evtx_dump JSON layout. Damage never stops a read: a bad file header, chunk or
 * record is reported as an {@link EvtxProblem} (path, chunk, byte offset, record id, reason) and
 * skipped, and every other chunk is still read, including valid chunks beyond the header's chunk
 * count (dirty files). Chunks must carry a valid signature and header CRC32; a chunk whose records
 * CRC32 fails is reported and its records are still validated and read one by one. {@link
 * EvtxLimits} bound depth, sizes and counts, so no input can hang the reader or exhaust memory. The
 * only exception a read throws is an {@link IOException} when the file cannot be read (or whatever
 * the listener itself throws). Chunks are decoded on up to {@link EvtxLimits#parallelChunks()}
 * threads; the listener is only ever called on the reading thread.
 *
 * <pre>{@code
 * EvtxResult result = EvtxReader.read(path, EvtxLimits.DEFAULTS, new EvtxListener() {
 *     public void onRecord(EvtxRecord record) { ... record.tree() ... }
 *     public void onProblem(EvtxProblem problem) { log(problem); }
 * });
 * }</pre>
 */
public final class EvtxReader implements Closeable {
    private final Path path;
    private final FileChannel channel;
    private final EvtxLimits limits;

    private EvtxReader(Path path, FileChannel channel, EvtxLimits limits) {
        this.path = path;
        this.channel = channel;
        this.limits = limits;
    }

    /**
     * Opens {@code file} for reading; call {@link #read(EvtxListener)} and then {@link #close()}.
     *
     * @throws IOException when the file cannot be opened
     */
    public static EvtxReader open(Path file, EvtxLimits limits) throws IOException {
        Objects.requireNonNull(limits, "limits");
        return new EvtxReader(file, FileChannel.open(file, StandardOpenOption.READ), limits);
    }

    /**
     * Reads every record of {@code file} within {@link EvtxLimits#DEFAULTS}.
     *
     * @throws IOException when the file cannot be opened or read
     */
    public static EvtxResult read(Path file, EvtxListener listener) throws IOException {
        return read(file, EvtxLimits.DEFAULTS, listener);
    }

    /**
     * Reads every record of {@code file}.
     *
     * @throws IOException when the file cannot be opened or read
     */
    public static EvtxResult read(Path file, EvtxLimits limits, EvtxListener listener) throws IOException {
        try (EvtxReader reader = open(file, limits)) {
            return reader.read(listener);
        }
    }

    /**
     * Reads every record of an EVTX image already in memory (e.g. an archive member); {@code label}
     * names it in problems. Reads {@code data} from its position to its limit without changing
     * either.
     *
     * @throws InterruptedIOException when the thread is interrupted while chunks are decoded
     */
    public static EvtxResult read(Path label, ByteBuffer data, EvtxLimits limits, EvtxListener listener)
            throws InterruptedIOException {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(listener, "listener");
        try {
            return new ChunkPipeline(label, ByteSource.of(data), limits).run(listener);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("a memory source has no I/O to fail", e);
        }
    }

    /**
     * Reads every record of the opened file, from the start; may be called again.
     *
     * @throws IOException when the file cannot be read
     */
    public EvtxResult read(EvtxListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        return new ChunkPipeline(path, ByteSource.of(channel), limits).run(listener);
    }

    /** The path this reader was opened on. */
    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
