package io.vigil.sigma.match;

import io.vigil.core.event.Event;
import java.util.List;

/**
 * An unbound (keyword) search: matches when the predicate holds for the value of any field of the
 * event, including elements of array fields.
 */
public final class KeywordMatcher implements Matcher {
    private final ValuePredicate predicate;
    private final boolean folded;

    public KeywordMatcher(ValuePredicate predicate) {
        this.predicate = predicate;
        this.folded = predicate.takesFolded();
    }

    public ValuePredicate predicate() {
        return predicate;
    }

    @Override
    public boolean matches(Event event) {
        for (int i = 0; i < event.size(); i++) {
            Object value = folded ? event.foldedAt(i) : event.valueAt(i);
            if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (item != null && test(item)) {
                        return true;
                    }
                }
            } else if (value != null && test(value)) {
                return true;
            }
        }
        return false;
    }

    private boolean test(Object value) {
        return folded ? predicate.testFolded(value) : predicate.test(value);
    }

    @Override
    public String toString() {
        return "KeywordMatcher[" + predicate + "]";
    }
}
