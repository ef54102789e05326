package io.vigil.sigma.match;

import io.vigil.core.event.Event;

/** Logical NOT. A search over a missing field is false, so its negation matches. */
public record NotMatcher(Matcher operand) implements Matcher {
    @Override
    public boolean matches(Event event) {
        return !operand.matches(event);
    }
}
