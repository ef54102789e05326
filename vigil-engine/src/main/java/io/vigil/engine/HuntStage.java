package io.vigil.engine;

import io.vigil.core.detect.Detection;
import io.vigil.core.event.Event;
import java.util.List;
import java.util.function.Consumer;

/**
 * An extra analysis step of a hunt that needs every event in input order, whatever the number of
 * matching threads (for example the MSP context analysis, which follows sessions across events and
 * attributes detections to tenants). Added with {@link Hunt#withStage}.
 *
 * <p>Contract: all methods are called from one thread only (the hunt's emitting thread), so a stage
 * needs no synchronisation. {@link #accept} is called once for every event read, including events
 * with no detection, in the hunt's deterministic input order, before that event's detections go to
 * the sink: it returns the detections to emit instead (the same ones, enriched, or with another
 * level); stages are chained in the order they were added. {@link #annotate} sees each detection
 * derived from several events (correlation) before it is emitted. {@link #finish} is called once after
 * all inputs and correlation; the detections it hands to {@code emit} go through the same {@code
 * --min-level} filter, sink and summary as all others. A stage must keep its memory bounded (compact
 * facts, counters, windows), since hunts run over inputs of any size.
 */
public interface HuntStage {
    /**
     * One event and the detections rules and indicators produced for it (before the {@code
     * --min-level} filter; empty when none; unmodifiable). Returns the detections to emit for it.
     */
    List<Detection> accept(Event event, List<Detection> detections);

    /** A detection derived from several events (a correlation), before it is emitted. */
    default Detection annotate(Detection derived) {
        return derived;
    }

    /** The end of the hunt: emits the stage's own detections, if any. */
    void finish(Consumer<Detection> emit);
}
