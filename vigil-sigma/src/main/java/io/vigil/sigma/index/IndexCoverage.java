package io.vigil.sigma.index;

import java.util.Map;

/**
 * How much of a rule set the rule index can skip, for {@code vigil rules lint}: of the rules that can
 * fire ({@code active}), how many the log-source buckets narrow to an event id or only a channel, how
 * many the literal prefilter covers (every branch has a literal condition), and how many are evaluated
 * on every event of their bucket, counted by the reason of their first branch without a condition.
 */
public record IndexCoverage(
        int active,
        int bucketedByEventId,
        int bucketedByChannelOnly,
        int unbucketed,
        int prefiltered,
        int alwaysEvaluated,
        Map<String, Integer> alwaysEvaluatedByReason) {
    public IndexCoverage {
        alwaysEvaluatedByReason = Map.copyOf(alwaysEvaluatedByReason);
    }
}
