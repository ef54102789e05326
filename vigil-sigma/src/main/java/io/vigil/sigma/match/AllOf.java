package io.vigil.sigma.match;

import io.vigil.core.event.Event;
import java.util.List;

/** Logical AND; an empty list matches (as an empty map matches in Sigma). */
public record AllOf(List<Matcher> operands) implements Matcher {
    public AllOf {
        operands = List.copyOf(operands);
    }

    @Override
    public boolean matches(Event event) {
        for (Matcher m : operands) {
            if (!m.matches(event)) {
                return false;
            }
        }
        return true;
    }
}
