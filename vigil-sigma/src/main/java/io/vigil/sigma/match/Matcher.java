package io.vigil.sigma.match;

import io.vigil.core.event.Event;

/**
 * A compiled, immutable test of one event: the nodes of a rule's matcher tree. Implementations hold no
 * mutable state, so one tree is shared by every thread that matches events.
 */
public interface Matcher {
    boolean matches(Event event);
}
