package io.vigil.msp.activity;

import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.time.Instant;
import java.util.Comparator;

/**
 * A compact fact taken from one event, kept until the end of the hunt so that detectors can judge facts
 * in event-time order whatever order the input files came in.
 */
public interface Fact {
    Instant time();

    /** Where the fact came from: its triggering event's provenance. */
    Provenance provenance();

    /**
     * Event time, then input path, record and line: a total order for facts of distinct events, so that
     * results do not depend on the order inputs were read in.
     */
    Comparator<Fact> ORDER = Comparator.comparing(Fact::time)
            .thenComparing(f -> f.provenance().path())
            .thenComparingLong(f -> f.provenance().record())
            .thenComparingLong(f -> f.provenance().line())
            .thenComparing(f -> f.getClass().getSimpleName());

    /** Input path, record, line: breaks ties between events of the same time. */
    Comparator<Provenance> ORDER_PROVENANCE = Comparator.comparing(Provenance::path)
            .thenComparingLong(Provenance::record)
            .thenComparingLong(Provenance::line);

    /** The provenance of an event, or an empty one. */
    static Provenance of(Event e) {
        return e == null ? new Provenance("", -1, -1) : e.provenance();
    }
}
