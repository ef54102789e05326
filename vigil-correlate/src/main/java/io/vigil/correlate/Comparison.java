package io.vigil.correlate;

/**
 * One criterion of a correlation condition, e.g. {@code gte: 10}.
 *
 * @param relation the operator
 * @param value the bound; a double so that {@code value_avg} thresholds may have fractions
 */
public record Comparison(Relation relation, double value) {
    public Comparison {
        if (relation == null || !Double.isFinite(value)) {
            throw new IllegalArgumentException("a comparison needs an operator and a finite number");
        }
    }

    public boolean test(double actual) {
        return relation.test(actual, value);
    }

    @Override
    public String toString() {
        String v = value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
        return relation.label() + ": " + v;
    }
}
