package io.vigil.correlate;

import io.vigil.core.event.Provenance;
import java.util.List;

/**
 * The events behind a correlation detection: the first ones (up to the per-detection cap) in window
 * order, how many there were in all, and the last one, whose provenance the detection carries. A
 * chained correlation keeps the whole record as one window entry so that its own detections can list
 * the base events of the correlations it read.
 */
record Contributions(List<Provenance> listed, long total, Provenance last) {
    Contributions {
        listed = List.copyOf(listed);
    }
}
