package io.vigil.sigma.match;

import io.vigil.core.event.Event;
import java.util.List;

/** Logical OR; an empty list does not match. */
public record AnyOf(List<Matcher> operands) implements Matcher {
    public AnyOf {
        operands = List.copyOf(operands);
    }

    @Override
    public boolean matches(Event event) {
        for (Matcher m : operands) {
            if (m.matches(event)) {
                return true;
            }
        }
        return false;
    }
}
