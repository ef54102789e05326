package io.vigil.evtx.internal;

import io.vigil.evtx.EvtxLimits;
import io.vigil.evtx.EvtxListener;
import io.vigil.evtx.EvtxProblem;
import io.vigil.evtx.EvtxProblem.Kind;
import io.vigil.evtx.EvtxRecord;
import io.vigil.evtx.EvtxResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a file's chunks in order on the calling thread, decodes up to {@link
 * EvtxLimits#parallelChunks()} of them at once on a shared pool of daemon threads, and hands records
 * and problems to the listener strictly in file order. Memory is bounded by the chunks in flight.
 */
public final class ChunkPipeline {
    private final Path path;
    private final ByteSource source;
    private final EvtxLimits limits;
    private final Map<Kind, Long> problems = new EnumMap<>(Kind.class);
    private long recordsRead;
    private long recordsSkipped;
    private long chunksRead;
    private long chunksSkipped;

    public ChunkPipeline(Path path, ByteSource source, EvtxLimits limits) {
        this.path = path;
        this.source = source;
        this.limits = limits;
    }

    public EvtxResult run(EvtxListener listener) throws IOException {
        long size = source.size();
        byte[] header = new byte[FileHeader.SIZE];
        int headerBytes = source.read(0, header, header.length);
        if (headerBytes < FileHeader.SIZE) {
            deliver(
                    listener,
                    fileProblem(Kind.NOT_EVTX, "file of " + size + " bytes is shorter than the 4096-byte header"));
            return result();
        }
        String defect = FileHeader.defect(header);
        if (defect != null) {
            if (!FileHeader.hasSignature(header) && !startsWithChunk(size)) {
                deliver(listener, fileProblem(Kind.NOT_EVTX, defect + " and no chunk at 0x1000: not an EVTX file"));
                return result();
            }
            deliver(listener, fileProblem(Kind.FILE_HEADER_INVALID, defect + "; reading the chunks found"));
        }
        long chunkCount = (size - FileHeader.SIZE + ChunkDecoder.CHUNK_SIZE - 1) / ChunkDecoder.CHUNK_SIZE;
        if (chunkCount > Integer.MAX_VALUE) {
            chunkCount = Integer.MAX_VALUE;
        }
        if (limits.parallelChunks() == 1 || chunkCount <= 1) {
            for (int i = 0; i < chunkCount; i++) {
                deliver(listener, decode(i));
            }
        } else {
            parallel(listener, (int) chunkCount);
        }
        return result();
    }

    private void parallel(EvtxListener listener, int chunkCount) throws IOException {
        ArrayDeque<Future<ChunkOutcome>> inFlight = new ArrayDeque<>();
        try {
            for (int i = 0; i < chunkCount; i++) {
                byte[] data = new byte[ChunkDecoder.CHUNK_SIZE];
                long offset = offset(i);
                int available = source.read(offset, data, data.length);
                int index = i;
                inFlight.add(
                        Workers.POOL.submit(() -> ChunkDecoder.decode(path, index, offset, data, available, limits)));
                while (inFlight.size() >= limits.parallelChunks()) {
                    deliver(listener, await(inFlight.poll(), i));
                }
            }
            while (!inFlight.isEmpty()) {
                deliver(listener, await(inFlight.poll(), chunkCount));
            }
        } finally {
            for (Future<ChunkOutcome> pending : inFlight) {
                pending.cancel(true);
            }
        }
    }

    private ChunkOutcome decode(int index) throws IOException {
        byte[] data = new byte[ChunkDecoder.CHUNK_SIZE];
        long offset = offset(index);
        int available = source.read(offset, data, data.length);
        return ChunkDecoder.decode(path, index, offset, data, available, limits);
    }

    private ChunkOutcome await(Future<ChunkOutcome> future, int index) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + path);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error) {
                throw (Error) e.getCause();
            }
            ChunkOutcome failed = new ChunkOutcome();
            failed.add(
                    new EvtxProblem(path, index, offset(index), -1, Kind.INTERNAL_ERROR, String.valueOf(e.getCause())));
            failed.status(ChunkOutcome.Status.SKIPPED);
            return failed;
        }
    }

    private boolean startsWithChunk(long size) throws IOException {
        byte[] signature = new byte[8];
        return size >= FileHeader.SIZE + 8
                && source.read(FileHeader.SIZE, signature, 8) == 8
                && LittleEndian.i64(signature, 0) == 0x006b6e6843666c45L;
    }

    private static long offset(int chunk) {
        return FileHeader.SIZE + (long) chunk * ChunkDecoder.CHUNK_SIZE;
    }

    private void deliver(EvtxListener listener, ChunkOutcome outcome) {
        if (outcome.status() == ChunkOutcome.Status.READ) {
            chunksRead++;
        } else if (outcome.status() == ChunkOutcome.Status.SKIPPED) {
            chunksSkipped++;
        }
        recordsRead += outcome.recordsRead();
        recordsSkipped += outcome.recordsSkipped();
        for (Object item : outcome.items()) {
            if (item instanceof EvtxRecord) {
                listener.onRecord((EvtxRecord) item);
            } else {
                EvtxProblem problem = (EvtxProblem) item;
                problems.merge(problem.kind(), 1L, Long::sum);
                listener.onProblem(problem);
            }
        }
    }

    private EvtxProblem fileProblem(Kind kind, String reason) {
        return new EvtxProblem(path, -1, 0, -1, kind, reason);
    }

    private void deliver(EvtxListener listener, EvtxProblem problem) {
        problems.merge(problem.kind(), 1L, Long::sum);
        listener.onProblem(problem);
    }

    private EvtxResult result() {
        return new EvtxResult(recordsRead, recordsSkipped, chunksRead, chunksSkipped, problems);
    }

    /** One pool for all readers: decoding is CPU-bound, so more threads than processors only add memory. */
    private static final class Workers {
        static final ExecutorService POOL =
                Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), new ThreadFactory() {
                    private final AtomicInteger count = new AtomicInteger();

                    @Override
                    public Thread newThread(Runnable task) {
                        Thread t = new Thread(task, "vigil-evtx-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    }
                });
    }
}
