package io.vigil.sigma.match;

import io.vigil.core.event.Event;
import java.util.List;

/**
 * Applies a value predicate to one field. An array-valued field matches when any element does; an
 * absent field matches only predicates that accept absence ({@code null} in a rule).
 */
public record FieldMatcher(String field, ValuePredicate predicate) implements Matcher {
    @Override
    public boolean matches(Event event) {
        if (!event.has(field)) {
            return predicate.matchesAbsent();
        }
        Object value = event.get(field);
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (predicate.test(item)) {
                    return true;
                }
            }
            return list.isEmpty() && predicate.test(null);
        }
        return predicate.test(value);
    }
}
