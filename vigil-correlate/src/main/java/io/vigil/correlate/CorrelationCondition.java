package io.vigil.correlate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * When a correlation matches: one or more comparisons, all of which must hold (a range is two of
 * them), applied to the window's aggregate (count, distinct count, number of rules seen, sum, average
 * or percentile).
 *
 * @param comparisons at least one; AND-ed
 * @param percentile for {@code value_percentile} only: which percentile (0 to 100) of the field's
 *     values is compared; null elsewhere
 */
public record CorrelationCondition(List<Comparison> comparisons, Integer percentile) {
    public CorrelationCondition {
        comparisons = List.copyOf(comparisons);
        if (comparisons.isEmpty()) {
            throw new IllegalArgumentException("a correlation condition needs at least one comparison");
        }
        if (percentile != null && (percentile < 0 || percentile > 100)) {
            throw new IllegalArgumentException("percentile must be between 0 and 100");
        }
    }

    /** {@code gte: n}, the default condition of temporal correlations (all n rules seen). */
    public static CorrelationCondition atLeast(int n) {
        return new CorrelationCondition(List.of(new Comparison(Relation.GTE, n)), null);
    }

    public static CorrelationCondition of(Comparison... comparisons) {
        return new CorrelationCondition(List.of(comparisons), null);
    }

    public CorrelationCondition withPercentile(int rank) {
        return new CorrelationCondition(comparisons, rank);
    }

    public boolean test(double aggregate) {
        for (Comparison c : comparisons) {
            if (!c.test(aggregate)) {
                return false;
            }
        }
        return true;
    }

    /** True when every comparison is {@code gt} or {@code gte} (see {@link Relation#lowerBound}). */
    public boolean lowerBoundsOnly() {
        for (Comparison c : comparisons) {
            if (!c.relation().lowerBound()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        String s = comparisons.stream().map(Comparison::toString).collect(Collectors.joining(", "));
        return percentile == null ? s : s + ", percentile: " + percentile;
    }
}
