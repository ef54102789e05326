package io.vigil.evtx.internal;

import io.vigil.evtx.EvtxProblem;
import io.vigil.evtx.EvtxRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * What decoding one chunk produced: its records and problems in file order, ready to hand to the
 * listener on the reading thread, plus the counts for the file's result.
 */
public final class ChunkOutcome {
    /** Whether the chunk was read, skipped with a problem, or empty (an unused all-zero slot). */
    public enum Status {
        READ,
        SKIPPED,
        EMPTY
    }

    private final List<Object> items = new ArrayList<>();
    private Status status = Status.READ;
    private long recordsRead;
    private long recordsSkipped;

    void add(EvtxRecord record) {
        items.add(record);
        recordsRead++;
    }

    void add(EvtxProblem problem) {
        items.add(problem);
        if (problem.kind().scope() == EvtxProblem.Scope.RECORD && problem.kind().skips()) {
            recordsSkipped++;
        }
    }

    void status(Status status) {
        this.status = status;
    }

    /** {@link EvtxRecord}s and {@link EvtxProblem}s in file order. */
    public List<Object> items() {
        return items;
    }

    public Status status() {
        return status;
    }

    public long recordsRead() {
        return recordsRead;
    }

    public long recordsSkipped() {
        return recordsSkipped;
    }
}
