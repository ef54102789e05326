package io.vigil.engine;

import io.vigil.core.detect.Level;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a hunt did, for the closing summary: inputs read and skipped, events read and skipped (by
 * reason), detections by level, time taken. Nothing is dropped silently: every skipped item is counted
 * here. Mutable while the hunt runs, then handed out read-only by convention.
 */
public final class HuntSummary {
    long filesRead;
    long inputsFailed;
    long eventsRead;
    long detections;
    final Map<String, Long> filesSkipped = new TreeMap<>();
    final Map<String, Long> eventsSkipped = new TreeMap<>();
    final Map<Level, Long> byLevel = new EnumMap<>(Level.class);
    long detectionsBelowMinLevel;
    Duration elapsed = Duration.ZERO;
    io.vigil.correlate.CorrelatorStats correlation;

    public long filesRead() {
        return filesRead;
    }

    /** Inputs that could not be opened or read at all (the run exits with 1). */
    public long inputsFailed() {
        return inputsFailed;
    }

    public long eventsRead() {
        return eventsRead;
    }

    public long detections() {
        return detections;
    }

    /** Files not read, by extension, e.g. {@code .txt -> 3}. */
    public Map<String, Long> filesSkipped() {
        return filesSkipped;
    }

    /** Records not turned into events, by reason code, e.g. {@code malformed-json -> 2}. */
    public Map<String, Long> eventsSkipped() {
        return eventsSkipped;
    }

    public Map<Level, Long> byLevel() {
        return byLevel;
    }

    public long detectionsBelowMinLevel() {
        return detectionsBelowMinLevel;
    }

    /** What correlation did, or null when the run had no correlation rules. */
    public io.vigil.correlate.CorrelatorStats correlation() {
        return correlation;
    }

    public Duration elapsed() {
        return elapsed;
    }
}
