package io.vigil.correlate;

import io.vigil.core.detect.RuleRef;
import java.util.List;

/**
 * A correlation prepared for the runtime: for each input the event fields its group-by names and value
 * field read (aliases resolved once), and whether it fires on arrival or when a window closes.
 */
final class SpecRuntime {
    final int index;
    final CorrelationSpec spec;
    final long span;
    /** True when the condition can be decided as soon as it holds (see {@link #decidesOnArrival}). */
    final boolean onArrival;

    final String[][] groupFields;
    final String[][] valueFields;

    SpecRuntime(int index, CorrelationSpec spec) {
        this.index = index;
        this.spec = spec;
        this.span = spec.timespan().duration().toNanos();
        this.onArrival = decidesOnArrival(spec);
        List<RuleRef> rules = spec.rules();
        this.groupFields = new String[rules.size()][];
        this.valueFields = new String[rules.size()][];
        for (int s = 0; s < rules.size(); s++) {
            RuleRef r = rules.get(s);
            groupFields[s] =
                    spec.groupBy().stream().map(g -> spec.fieldFor(g, r)).toArray(String[]::new);
            valueFields[s] =
                    spec.fields().stream().map(f -> spec.fieldFor(f, r)).toArray(String[]::new);
        }
    }

    /**
     * True when the aggregate can only grow as events join the window (counts, distinct counts, inputs
     * seen, ordered prefix, sum) and the condition has only lower bounds: the outcome is then final
     * the moment it holds, and the correlation fires on the event that completes it. Everything else
     * (an upper bound, {@code eq}, {@code neq}, an average or a percentile) is decided when the window
     * closes, because a later event of the window could still change it.
     */
    static boolean decidesOnArrival(CorrelationSpec spec) {
        return spec.type() != CorrelationType.VALUE_AVG
                && spec.type() != CorrelationType.VALUE_PERCENTILE
                && spec.condition().lowerBoundsOnly();
    }
}
