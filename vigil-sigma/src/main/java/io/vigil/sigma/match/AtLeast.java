package io.vigil.sigma.match;

import io.vigil.core.event.Event;
import java.util.List;

/** {@code N of ...}: at least {@code count} operands match. */
public record AtLeast(int count, List<Matcher> operands) implements Matcher {
    public AtLeast {
        operands = List.copyOf(operands);
    }

    @Override
    public boolean matches(Event event) {
        int hits = 0;
        for (Matcher m : operands) {
            if (m.matches(event) && ++hits >= count) {
                return true;
            }
        }
        return false;
    }
}
