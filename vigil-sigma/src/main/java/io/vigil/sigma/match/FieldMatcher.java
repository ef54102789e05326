package io.vigil.sigma.match;

import io.vigil.core.event.Event;
import java.util.List;

/**
 * Applies a value predicate to one field. An array-valued field matches when any element does; an
 * absent field matches only predicates that accept absence ({@code null} in a rule).
 */
public final class FieldMatcher implements Matcher {
    private final String field;
    private final ValuePredicate predicate;
    private final boolean folded;

    public FieldMatcher(String field, ValuePredicate predicate) {
        this.field = field;
        this.predicate = predicate;
        this.folded = predicate.takesFolded();
    }

    public String field() {
        return field;
    }

    public ValuePredicate predicate() {
        return predicate;
    }

    @Override
    public boolean matches(Event event) {
        int at = event.indexOf(field); // one lookup: most tested fields are absent or tested once
        if (at < 0) {
            return predicate.matchesAbsent();
        }
        Object value = folded ? event.foldedAt(at) : event.valueAt(at);
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (test(item)) {
                    return true;
                }
            }
            return list.isEmpty() && test(null);
        }
        return test(value);
    }

    private boolean test(Object value) {
        return folded ? predicate.testFolded(value) : predicate.test(value);
    }

    @Override
    public String toString() {
        return "FieldMatcher[" + field + " " + predicate + "]";
    }
}
