package io.vigil.evtx;

import java.util.Map;

/**
 * What one read of an EVTX file did, for summaries ("12 records skipped: 11 RECORD_BINXML, ...").
 *
 * @param recordsRead records delivered to the listener
 * @param recordsSkipped records (or record-sized regions) that were reported and not delivered
 * @param chunksRead chunks whose records were read (possibly with warnings)
 * @param chunksSkipped non-empty chunks that were reported and not read; all-zero chunk slots (unused
 *     preallocated space) are neither read nor skipped
 * @param problems number of problems reported, by kind (only kinds that occurred)
 */
public record EvtxResult(
        long recordsRead,
        long recordsSkipped,
        long chunksRead,
        long chunksSkipped,
        Map<EvtxProblem.Kind, Long> problems) {
    public EvtxResult {
        problems = Map.copyOf(problems);
    }
}
