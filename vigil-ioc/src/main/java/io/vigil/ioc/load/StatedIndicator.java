package io.vigil.ioc.load;

import io.vigil.core.detect.Level;
import io.vigil.core.diag.Severity;
import io.vigil.core.diag.SourceLocation;
import io.vigil.ioc.Comparison;
import io.vigil.ioc.Indicator;
import java.time.Instant;
import java.util.List;

/**
 * A usable STIX indicator object with only what the object itself states; the feed's name and
 * options (default level and confidence) are applied by {@link #indicator}. {@link StixLoader} reads
 * these from JSON and {@link PreparedFeed} stores them for the built-in bundle, so that both paths
 * finish through the same code.
 *
 * @param line line of the object in the STIX file, for diagnostics
 * @param column its column
 * @param author the {@code created_by_ref} identity's name, or the reference itself; null when the
 *     object has none (the feed name is used)
 * @param detect false when the object is marked {@code x_vigil_detect: false} (context only)
 * @param level {@code x_vigil_level}, or null when not stated (or not a level)
 * @param confidence 0 to 100, or {@link #NOT_STATED}
 */
record StatedIndicator(
        int line,
        int column,
        String id,
        String author,
        String description,
        List<String> tags,
        boolean detect,
        Level level,
        int confidence,
        Instant validFrom,
        Instant validUntil,
        List<List<Comparison>> clauses) {
    /** {@link #confidence} of an object that states none (or an invalid one). */
    static final int NOT_STATED = Integer.MIN_VALUE;

    /**
     * Tallies an indicator left out because it is marked as context only (one message for all of
     * them); here rather than in {@link StixLoader} so that a prepared feed does not load that class.
     */
    static void notForDetection(FeedProblems problems, SourceLocation at) {
        problems.tally(
                "ioc-not-for-detection",
                Severity.INFO,
                "indicators marked x_vigil_detect=false left out (context only)",
                at);
    }

    /** The indicator with the feed's defaults filled in, or null (reported) when it cannot be built. */
    Indicator indicator(String feed, FeedOptions options, FeedProblems problems) {
        try {
            return new Indicator(
                    id,
                    feed,
                    author != null ? author : feed,
                    description,
                    tags,
                    level != null ? level : options.defaultLevel(),
                    confidence != NOT_STATED ? confidence : options.defaultConfidence(),
                    validFrom,
                    validUntil,
                    clauses);
        } catch (IllegalArgumentException e) {
            problems.error("ioc-invalid-indicator", e.getMessage(), problems.at(line, column), id);
            return null;
        }
    }
}
