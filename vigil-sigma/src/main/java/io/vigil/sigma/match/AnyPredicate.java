package io.vigil.sigma.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * OR over several values of one field, so that the field is looked up once, not once per value. When
 * many of the values are case-insensitive literals to equal, begin or end the value with (lists of
 * DLL and program names), those are looked up together in a {@link LiteralSet}; the others are tried
 * in turn. Immutable; equal when the operands are.
 */
public final class AnyPredicate implements ValuePredicate {
    /** Below this many anchored literals, trying them in turn costs no more than a lookup. */
    static final int SET_FROM = 8;

    private final List<ValuePredicate> operands;
    /** The anchored case-insensitive literals among the operands when there are many, else null. */
    private final List<StringPredicate> anchored;
    /**
     * Their set, made when first tested: most rules of a hunt are never evaluated (the index rules them
     * out), and making the sets of all of them was 6% of loading SigmaHQ.
     */
    private volatile LiteralSet literals;
    /** The operands the set does not hold: all of them when there is no set. */
    private final ValuePredicate[] others;

    public AnyPredicate(List<ValuePredicate> operands) {
        this.operands = List.copyOf(operands);
        List<StringPredicate> anchored = new ArrayList<>();
        List<ValuePredicate> rest = new ArrayList<>();
        for (ValuePredicate p : this.operands) {
            if (p instanceof StringPredicate s && !s.cased() && s.mode() != StringPredicate.Mode.CONTAINS) {
                anchored.add(s);
            } else {
                rest.add(p);
            }
        }
        if (anchored.size() >= SET_FROM) {
            this.anchored = List.copyOf(anchored);
            this.others = rest.toArray(new ValuePredicate[0]);
        } else {
            this.anchored = null;
            this.others = this.operands.toArray(new ValuePredicate[0]);
        }
    }

    private LiteralSet literals() {
        LiteralSet set = literals;
        if (set == null) {
            // two threads may both make it: the sets are equal, and either may stay
            set = LiteralSet.of(anchored);
            literals = set;
        }
        return set;
    }

    public List<ValuePredicate> operands() {
        return operands;
    }

    @Override
    public boolean test(Object value) {
        if (anchored != null
                && literals().matches(value == null ? null : ValueText.of(value).toLowerCase(Locale.ROOT))) {
            return true;
        }
        for (ValuePredicate p : others) {
            if (p.test(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean takesFolded() {
        for (ValuePredicate p : operands) {
            if (!p.takesFolded()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean testFolded(Object folded) {
        if (anchored != null && literals().matches(folded == null ? null : ValueText.of(folded))) {
            return true;
        }
        for (ValuePredicate p : others) {
            if (p.testFolded(folded)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean matchesAbsent() {
        for (ValuePredicate p : operands) {
            if (p.matchesAbsent()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnyPredicate a && a.operands.equals(operands);
    }

    @Override
    public int hashCode() {
        return operands.hashCode();
    }

    @Override
    public String toString() {
        return "AnyPredicate[operands=" + operands + "]";
    }
}
