package io.vigil.sigma.match;

/**
 * A compiled test of one field value (a String, Long, Double, Boolean, or null for a present but empty
 * field). Immutable and thread-safe.
 *
 * <p>Case-insensitive predicates say so with {@link #takesFolded}; they are then given the value
 * already lower-cased by {@link io.vigil.core.event.Event#folded}, which folds each field once per event
 * instead of once per rule.
 */
public interface ValuePredicate {
    boolean test(Object value);

    /** Whether {@link #testFolded} may be called with the lower-cased value instead of {@link #test}. */
    default boolean takesFolded() {
        return false;
    }

    /** Tests a value whose strings are already lower-cased; only called when {@link #takesFolded}. */
    default boolean testFolded(Object folded) {
        return test(folded);
    }

    /** Whether an absent field satisfies this predicate; only {@code null} tests say yes. */
    default boolean matchesAbsent() {
        return false;
    }
}
