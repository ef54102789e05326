package io.vigil.sigma.match;

/**
 * The numeric modifiers {@code lt}, {@code lte}, {@code gt}, {@code gte}: the value is read as a
 * number (decimal, {@code 0x} hex or floating point); values that are not numbers never match.
 */
public record NumberPredicate(Op op, double bound) implements ValuePredicate {
    /** Comparison applied as {@code value OP bound}. */
    public enum Op {
        LT,
        LTE,
        GT,
        GTE,
        EQ
    }

    @Override
    public boolean test(Object value) {
        Double v = ValueText.number(value);
        return v != null && holds(op, Double.compare(v, bound));
    }

    /** Static so that the time-part predicate shares the same comparison semantics. */
    static boolean holds(Op op, int cmp) {
        return switch (op) {
            case LT -> cmp < 0;
            case LTE -> cmp <= 0;
            case GT -> cmp > 0;
            case GTE -> cmp >= 0;
            case EQ -> cmp == 0;
        };
    }
}
