package io.vigil.sigma.match;

/**
 * A rule value of {@code null}: the field is absent, empty (JSON null) or the empty string. Windows
 * renders an empty {@code Data} element all three ways depending on the shipper.
 */
public record NullPredicate() implements ValuePredicate {
    @Override
    public boolean test(Object value) {
        return value == null || value instanceof String s && s.isEmpty();
    }

    @Override
    public boolean takesFolded() {
        return true;
    }

    @Override
    public boolean matchesAbsent() {
        return true;
    }
}
