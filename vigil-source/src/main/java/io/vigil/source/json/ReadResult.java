package io.vigil.source.json;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts for one read of one input, for run summaries and exit codes.
 *
 * @param displayPath the input as shown to the user
 * @param recordsRead objects handed to the consumer
 * @param skippedByReason values skipped, by diagnostic code ({@code malformed-json}, {@code
 *     not-an-object}, {@code record-too-large}, {@code limit-exceeded}); sorted, unmodifiable
 * @param completed false when reading stopped early because the input could not be opened or read to
 *     its end (I/O error, broken compression, archive limit); an ERROR diagnostic was reported then
 */
public record ReadResult(String displayPath, long recordsRead, Map<String, Long> skippedByReason, boolean completed) {
    public ReadResult {
        skippedByReason = Collections.unmodifiableMap(new TreeMap<>(skippedByReason));
    }

    /** Total values skipped for any reason. */
    public long recordsSkipped() {
        return skippedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Skipped values with this diagnostic code; 0 when none. */
    public long skipped(String code) {
        return skippedByReason.getOrDefault(code, 0L);
    }
}
