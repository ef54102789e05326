package io.vigil.sigma.match;

import io.vigil.core.event.Event;
import java.util.List;

/**
 * An unbound (keyword) search: matches when the predicate holds for the value of any field of the
 * event, including elements of array fields.
 */
public record KeywordMatcher(ValuePredicate predicate) implements Matcher {
    @Override
    public boolean matches(Event event) {
        for (Object value : event.fields().values()) {
            if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (item != null && predicate.test(item)) {
                        return true;
                    }
                }
            } else if (value != null && predicate.test(value)) {
                return true;
            }
        }
        return false;
    }
}
