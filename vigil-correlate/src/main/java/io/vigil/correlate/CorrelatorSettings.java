package io.vigil.correlate;

import java.time.Duration;

/**
 * The knobs of a {@link Correlator}; every limit keeps memory bounded and is reported when reached.
 *
 * @param allowedLateness how far behind the overall watermark an input may arrive and still be
 *     correlated; null means unbounded (batch: everything is held until {@link Correlator#finish})
 * @param maxStateEntries most window entries kept in the state store at once
 * @param maxBufferedMatches most inputs held for re-ordering at once; beyond it the oldest are
 *     correlated early
 * @param maxEventsPerDetection most contributing events listed in one detection's
 *     {@code correlation.events}
 * @param maxReportsPerProblem how many late or unusable inputs are reported one by one before the
 *     rest are only counted
 */
public record CorrelatorSettings(
        Duration allowedLateness,
        long maxStateEntries,
        long maxBufferedMatches,
        int maxEventsPerDetection,
        int maxReportsPerProblem) {
    /**
     * Streaming defaults: one minute of lateness (EVTX records are not strictly in time order), a
     * million window entries and a million buffered inputs (at most about 200 and 400 MB; see
     * docs/correlation.md), 100 events listed per detection.
     */
    public static final CorrelatorSettings DEFAULTS =
            new CorrelatorSettings(Duration.ofMinutes(1), 1_000_000, 1_000_000, 100, 10);

    public CorrelatorSettings {
        if (allowedLateness != null && allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowed lateness must not be negative");
        }
        if (maxStateEntries < 1 || maxBufferedMatches < 1 || maxEventsPerDetection < 0 || maxReportsPerProblem < 0) {
            throw new IllegalArgumentException("correlator limits must be positive");
        }
    }

    /** Measured cost of one buffered input, rounded up (200 to 330 bytes in the benchmark). */
    static final long BYTES_PER_BUFFERED = 400;

    /**
     * Batch defaults: unbounded lateness (all inputs are sorted before any window is evaluated) and a
     * buffer sized to a quarter of the maximum heap (between 100 thousand and 10 million inputs), so
     * that a large hunt degrades into reported late inputs instead of running out of memory.
     */
    public static CorrelatorSettings batch() {
        long quarterHeap = Runtime.getRuntime().maxMemory() / 4 / BYTES_PER_BUFFERED;
        return DEFAULTS.withAllowedLateness(null)
                .withMaxBufferedMatches(Math.max(100_000, Math.min(10_000_000, quarterHeap)));
    }

    public CorrelatorSettings withAllowedLateness(Duration lateness) {
        return new CorrelatorSettings(
                lateness, maxStateEntries, maxBufferedMatches, maxEventsPerDetection, maxReportsPerProblem);
    }

    public CorrelatorSettings withMaxStateEntries(long n) {
        return new CorrelatorSettings(
                allowedLateness, n, maxBufferedMatches, maxEventsPerDetection, maxReportsPerProblem);
    }

    public CorrelatorSettings withMaxBufferedMatches(long n) {
        return new CorrelatorSettings(allowedLateness, maxStateEntries, n, maxEventsPerDetection, maxReportsPerProblem);
    }

    public CorrelatorSettings withMaxEventsPerDetection(int n) {
        return new CorrelatorSettings(allowedLateness, maxStateEntries, maxBufferedMatches, n, maxReportsPerProblem);
    }

    public CorrelatorSettings withMaxReportsPerProblem(int n) {
        return new CorrelatorSettings(allowedLateness, maxStateEntries, maxBufferedMatches, maxEventsPerDetection, n);
    }
}
