package io.vigil.engine;

import com.fasterxml.jackson.core.JsonParser;
import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.evtx.EvtxResult;
import io.vigil.normalize.Normalizer;
import io.vigil.source.files.InputFile;
import io.vigil.source.json.JsonLimits;
import io.vigil.source.json.JsonRecordReader;
import io.vigil.source.json.ParsedSlice;
import io.vigil.source.json.RecordSlice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The parallel form of a hunt's source → normalize → match path, with the single-threaded output
 * order: one reader thread cuts the inputs into numbered batches of raw records (JSON slices, EVTX
 * record trees) and the reader's own diagnostics, worker threads parse, normalise and match whole
 * batches, and the calling thread takes the batch results strictly in batch order and hands every
 * item to a consumer. Output is therefore identical for any number of threads.
 *
 * <p>Memory is bounded: a batch holds at most {@link #BATCH_RECORDS} records or about {@link
 * #BATCH_BYTES} bytes of raw JSON, and at most {@code 4 × threads + 2} batches are in flight (read but
 * not yet consumed); the reader blocks beyond that.
 *
 * <p>What the consumer receives, in input order: an {@link EventMatch} per event, a {@link Skipped} per
 * record that could not be parsed, a {@link Diagnostic} for each problem the reader found, and an
 * {@link InputDone} at the end of each input.
 */
final class HuntPipeline {
    static final int BATCH_RECORDS = 512;
    static final int BATCH_BYTES = 1 << 20;

    /** A record that was skipped: its diagnostic's code is the reason counted in the summary. */
    record Skipped(Diagnostic problem) {}

    /** The end of one input: whether it was read to its end, and the records it skipped by reason. */
    record InputDone(boolean completed, Map<String, Long> skipped) {}

    /** An EVTX record, decoded by the reader, to be normalised by a worker. */
    private record EvtxTree(Map<String, Object> tree, Provenance provenance) {}

    private static final class Batch {
        final List<Object> items;
        final CompletableFuture<List<Object>> result = new CompletableFuture<>();
        final Throwable readerFailure;

        Batch(List<Object> items, Throwable readerFailure) {
            this.items = items;
            this.readerFailure = readerFailure;
        }
    }

    private static final Batch END = new Batch(List.of(), null);

    private final int threads;
    private final Function<Event, EventMatch> matcher;
    private final Normalizer normalizer = Normalizer.standard();

    /** @param matcher matches one event; called from worker threads, so it must be thread-safe */
    HuntPipeline(int threads, Function<Event, EventMatch> matcher) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.threads = threads;
        this.matcher = matcher;
    }

    /**
     * Reads {@code inputs} in order and hands every result item to {@code consumer} on the calling
     * thread, in input order. An exception from the consumer, a worker or the reader stops all threads
     * and propagates.
     */
    void run(List<InputFile> inputs, Consumer<Object> consumer) {
        BlockingQueue<Batch> work = new ArrayBlockingQueue<>(2 * threads);
        BlockingQueue<Batch> order = new ArrayBlockingQueue<>(4 * threads + 2);
        List<Thread> started = new ArrayList<>();
        Thread reader = new Thread(() -> read(inputs, work, order), "vigil-reader");
        reader.setDaemon(true);
        started.add(reader);
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> work(work), "vigil-worker-" + i);
            worker.setDaemon(true);
            started.add(worker);
        }
        started.forEach(Thread::start);
        boolean finished = false;
        try {
            while (true) {
                Batch batch = order.take();
                if (batch == END) {
                    break;
                }
                if (batch.readerFailure != null) {
                    throw propagate(batch.readerFailure);
                }
                List<Object> results;
                try {
                    results = batch.result.get();
                } catch (ExecutionException e) {
                    throw propagate(e.getCause());
                }
                for (Object item : results) {
                    consumer.accept(item);
                }
            }
            finished = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("hunt interrupted", e);
        } finally {
            if (!finished) {
                started.forEach(Thread::interrupt);
            }
            for (Thread t : started) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    private static RuntimeException propagate(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** The reader thread: batches every input's raw records and reader-side problems, in order. */
    private void read(List<InputFile> inputs, BlockingQueue<Batch> work, BlockingQueue<Batch> order) {
        try {
            Batcher batcher = new Batcher(work, order);
            DiagnosticSink problems = batcher::add;
            JsonRecordReader json = new JsonRecordReader(problems);
            for (InputFile input : inputs) {
                if (input.kind() == InputFile.Kind.EVTX) {
                    EvtxResult r = EvtxInput.read(
                            input,
                            problems,
                            record -> batcher.add(new EvtxTree(
                                    record.tree(), Provenance.record(input.displayPath(), record.recordId()))));
                    batcher.add(new InputDone(r != null, r == null ? Map.of() : EventStream.skippedRecords(r)));
                } else {
                    boolean completed = json.split(input, batcher::add);
                    batcher.add(new InputDone(completed, Map.of()));
                }
            }
            batcher.flush();
            for (int i = 0; i < threads; i++) {
                work.put(END);
            }
            order.put(END);
        } catch (InterruptedException | Stopped e) {
            // the hunt was stopped: nobody waits for more batches
        } catch (Throwable t) {
            try {
                for (int i = 0; i < threads; i++) {
                    work.put(END);
                }
                order.put(new Batch(List.of(), t));
            } catch (InterruptedException e) {
                // stopped meanwhile
            }
        }
    }

    /** A worker thread: turns batches of raw items into batches of results, until the end marker. */
    private void work(BlockingQueue<Batch> work) {
        try {
            JsonRecordReader json = new JsonRecordReader(d -> {
                throw new IllegalStateException("parsing reports nothing itself");
            });
            while (true) {
                Batch batch = work.take();
                if (batch == END) {
                    return;
                }
                try {
                    batch.result.complete(process(batch.items, json));
                } catch (Throwable t) {
                    batch.result.completeExceptionally(t);
                }
            }
        } catch (InterruptedException e) {
            // the hunt was stopped
        }
    }

    private List<Object> process(List<Object> items, JsonRecordReader json) {
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof RecordSlice slice) {
                Event direct = direct(slice, json);
                if (direct != null) {
                    out.add(matcher.apply(direct));
                    continue;
                }
                ParsedSlice parsed = json.parse(slice);
                if (parsed.record() == null) {
                    out.add(new Skipped(parsed.problem()));
                } else {
                    out.add(matcher.apply(normalizer.normalize(
                            parsed.record().tree(), parsed.record().provenance())));
                }
            } else if (item instanceof EvtxTree evtx) {
                out.add(matcher.apply(normalizer.normalize(evtx.tree(), evtx.provenance())));
            } else {
                out.add(item);
            }
        }
        return out;
    }

    /** The slice's event read without a tree (flat records), or null to take the tree path. */
    private Event direct(RecordSlice slice, JsonRecordReader json) {
        if (!slice.oversized()) {
            JsonLimits limits = json.limits();
            Event flat = normalizer.normalizeFlat(
                    slice.bytes(),
                    slice.length(),
                    limits.maxStringLength(),
                    limits.maxNestingDepth(),
                    Provenance.line(slice.displayPath(), slice.line()));
            if (flat != null) {
                return flat;
            }
        }
        try (JsonParser parser = json.parser(slice)) {
            return parser == null
                    ? null
                    : normalizer.normalizeDirect(parser, Provenance.line(slice.displayPath(), slice.line()));
        } catch (IOException e) {
            return null;
        }
    }

    /** Collects the reader's items into batches and queues each full one, in order. */
    private static final class Batcher {
        private final BlockingQueue<Batch> work;
        private final BlockingQueue<Batch> order;
        private List<Object> items = new ArrayList<>(BATCH_RECORDS);
        private int records;
        private long bytes;

        Batcher(BlockingQueue<Batch> work, BlockingQueue<Batch> order) {
            this.work = work;
            this.order = order;
        }

        void add(Object item) {
            items.add(item);
            if (item instanceof RecordSlice slice) {
                records++;
                bytes += slice.weight();
            } else if (item instanceof EvtxTree) {
                records++;
            }
            if (records >= BATCH_RECORDS || bytes >= BATCH_BYTES) {
                try {
                    flush();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stopped();
                }
            }
        }

        void flush() throws InterruptedException {
            if (items.isEmpty()) {
                return;
            }
            Batch batch = new Batch(items, null);
            // order first: the emitter must see batches in sequence, and its queue bounds what is in flight
            order.put(batch);
            work.put(batch);
            items = new ArrayList<>(BATCH_RECORDS);
            records = 0;
            bytes = 0;
        }
    }

    /** Unwinds the reader out of a source callback when the hunt was stopped. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }
}
