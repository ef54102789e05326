package io.vigil.engine;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.event.Event;
import io.vigil.correlate.CorrelationPlan;
import io.vigil.ioc.IocMatcher;
import io.vigil.sigma.RuleSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What matching found for one event: its detections (rule detections in load order, then indicator
 * hits) and, when the hunt correlates, every rule that matched (the correlator picks its inputs). Computing it has no side effects, so that it can
 * run on any thread; the emitting thread then applies it in input order.
 */
record EventMatch(Event event, List<Detection> detections, List<RuleRef> baseMatches) {
    /** Matches one event; {@code iocs} may be null. Thread-safe (rule sets and matchers are shared). */
    static EventMatch of(Event event, RuleSet rules, CorrelationPlan correlations, IocMatcher iocs) {
        List<Detection> detections = new ArrayList<>(0);
        List<RuleRef> base = new ArrayList<>(0);
        rules.match(event, rule -> {
            RuleRef ref = rule.ref();
            if (!correlations.isEmpty()) {
                base.add(ref);
            }
            if (correlations.emitsOwnDetections(ref)) {
                detections.add(new Detection(ref, event));
            }
        });
        if (iocs != null) {
            iocs.match(event, hit -> detections.add(hit.detection(event)));
        }
        return new EventMatch(
                event,
                detections.isEmpty() ? List.of() : Collections.unmodifiableList(detections),
                base.isEmpty() ? List.of() : base);
    }
}
