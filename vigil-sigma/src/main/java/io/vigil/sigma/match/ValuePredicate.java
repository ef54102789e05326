package io.vigil.sigma.match;

/**
 * A compiled test of one field value (a String, Long, Double, Boolean, or null for a present but empty
 * field). Immutable and thread-safe.
 */
public interface ValuePredicate {
    boolean test(Object value);

    /** Whether an absent field satisfies this predicate; only {@code null} tests say yes. */
    default boolean matchesAbsent() {
        return false;
    }
}
