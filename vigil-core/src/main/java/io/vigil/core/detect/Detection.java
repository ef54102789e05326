package io.vigil.core.detect;

import io.vigil.core.event.Event;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rule firing on one event: the unit every sink writes.
 *
 * <p>{@code timestamp} is the event time (not the time of detection) so that timelines sort by what
 * happened. Kinds of detection beyond a single Sigma rule add named members in {@code extra}, written
 * by sinks next to {@code rule}/{@code source}/{@code event}: {@code ioc} (the indicator that matched),
 * {@code correlation} (type, group, window, contributing events), later {@code tenant} and friends.
 * Values in {@code extra} are JSON-like: String, Number, Boolean, null, List and Map of those.
 */
public record Detection(RuleRef rule, Event event, Map<String, Object> extra) {
    public Detection {
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public Detection(RuleRef rule, Event event) {
        this(rule, event, Map.of());
    }

    public Instant timestamp() {
        return event.timestamp();
    }

    public Level level() {
        return rule.level();
    }
}
