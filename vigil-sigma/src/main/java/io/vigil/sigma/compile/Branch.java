package io.vigil.sigma.compile;

import io.vigil.core.event.Event;
import io.vigil.sigma.match.Matcher;
import io.vigil.sigma.match.SourceGate;

/** One event source of a compiled rule: the log-source gate, then the detection compiled for it. */
public record Branch(SourceGate gate, Matcher detection) {
    public boolean matches(Event event) {
        return gate.matches(event) && detection.matches(event);
    }
}
