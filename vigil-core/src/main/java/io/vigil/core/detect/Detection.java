package io.vigil.core.detect;

import io.vigil.core.event.Event;
import java.time.Instant;

/**
 * One rule firing on one event: the unit every sink writes.
 *
 * <p>{@code timestamp} is the event time (not the time of detection) so that timelines sort by what
 * happened. Later kinds of detection (IOC, correlation) extend this shape with extra members.
 */
public record Detection(RuleRef rule, Event event) {
    public Instant timestamp() {
        return event.timestamp();
    }

    public Level level() {
        return rule.level();
    }
}
