package io.vigil.engine;

import io.vigil.core.detect.Detection;
import io.vigil.core.event.Event;
import java.util.List;
import java.util.function.Consumer;

/**
 * An extra analysis step of a hunt that needs every event in input order, whatever the number of
 * matching threads (for example an MSP context analysis that follows sessions across events). Added
 * with {@link Hunt#withStage}.
 *
 * <p>Contract: both methods are called from one thread only (the hunt's emitting thread), so a stage
 * needs no synchronisation. {@link #accept} is called once for every event read, including events
 * with no detection, in the hunt's deterministic input order, after that event's detections went to
 * the sink. {@link #finish} is called once after all inputs and correlation; the detections it hands
 * to {@code emit} go through the same {@code --min-level} filter, sink and summary as all others. A
 * stage must keep its memory bounded (counters, windows), since hunts run over inputs of any size.
 */
public interface HuntStage {
    /**
     * One event and the detections rules and indicators produced for it (before the {@code
     * --min-level} filter; empty when none); the list is unmodifiable.
     */
    void accept(Event event, List<Detection> detections);

    /** The end of the hunt: emits the stage's own detections, if any. */
    void finish(Consumer<Detection> emit);
}
