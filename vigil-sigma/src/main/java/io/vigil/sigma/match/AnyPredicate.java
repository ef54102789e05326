package io.vigil.sigma.match;

import java.util.List;

/** OR over several values of one field, so that the field is looked up once, not once per value. */
public record AnyPredicate(List<ValuePredicate> operands) implements ValuePredicate {
    public AnyPredicate {
        operands = List.copyOf(operands);
    }

    @Override
    public boolean test(Object value) {
        for (ValuePredicate p : operands) {
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
        for (ValuePredicate p : operands) {
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
}
