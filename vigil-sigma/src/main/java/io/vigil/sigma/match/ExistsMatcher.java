package io.vigil.sigma.match;

import io.vigil.core.event.Event;

/** The {@code exists} modifier: the field is present (with any value, even empty) or not. */
public record ExistsMatcher(String field, boolean expected) implements Matcher {
    @Override
    public boolean matches(Event event) {
        return event.has(field) == expected;
    }
}
