package io.vigil.correlate;

import java.util.Locale;
import java.util.Optional;

/** The comparison operators of a correlation condition ({@code gt gte lt lte eq neq}). */
public enum Relation {
    GT,
    GTE,
    LT,
    LTE,
    EQ,
    NEQ;

    /** The key as written in a rule's {@code condition} map. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Relation> parse(String key) {
        for (Relation r : values()) {
            if (r.label().equals(key)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public boolean test(double actual, double bound) {
        return switch (this) {
            case GT -> actual > bound;
            case GTE -> actual >= bound;
            case LT -> actual < bound;
            case LTE -> actual <= bound;
            case EQ -> actual == bound;
            case NEQ -> actual != bound;
        };
    }

    /**
     * True for {@code gt}/{@code gte}: once an aggregate that only grows satisfies them, more events
     * cannot undo it, which is what lets a correlation fire as soon as the bound is reached.
     */
    public boolean lowerBound() {
        return this == GT || this == GTE;
    }
}
