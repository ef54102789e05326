package io.vigil.evtx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A listener that keeps everything, for tests. */
final class RecordCollector implements EvtxListener {
    final List<EvtxRecord> records = new ArrayList<>();
    final List<EvtxProblem> problems = new ArrayList<>();
    EvtxResult result;

    @Override
    public void onRecord(EvtxRecord record) {
        records.add(record);
    }

    @Override
    public void onProblem(EvtxProblem problem) {
        problems.add(problem);
    }

    static RecordCollector read(Path file) throws IOException {
        return read(file, EvtxLimits.DEFAULTS);
    }

    static RecordCollector read(Path file, EvtxLimits limits) throws IOException {
        RecordCollector c = new RecordCollector();
        c.result = EvtxReader.read(file, limits, c);
        return c;
    }
}
