package io.vigil.source.files;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link InputDiscovery} found: the inputs to read in order, what it passed over, and whether any
 * argument failed (the command line exits 1 then, after reading what it could).
 *
 * @param inputs accepted inputs in reading order; unmodifiable
 * @param skippedByExtension files not read, counted by {@link #skipKeyOf extension key}; sorted and
 *     unmodifiable
 * @param errorCount how many ERROR diagnostics discovery reported
 */
public record DiscoveryResult(List<InputFile> inputs, Map<String, Integer> skippedByExtension, int errorCount) {
    public DiscoveryResult {
        inputs = List.copyOf(inputs);
        skippedByExtension = Collections.unmodifiableMap(new TreeMap<>(skippedByExtension));
    }

    public boolean hasErrors() {
        return errorCount > 0;
    }

    /** Total number of skipped files. */
    public int skippedCount() {
        return skippedByExtension.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The key a skipped file name is counted under: lower-case extension with its dot ({@code .txt}),
     * both extensions for gzip ({@code .log.gz}), or {@code (none)}.
     */
    public static String skipKeyOf(String fileName) {
        return InputNames.skipKey(fileName);
    }
}
