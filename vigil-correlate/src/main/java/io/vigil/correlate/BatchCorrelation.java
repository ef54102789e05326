package io.vigil.correlate;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.event.Event;
import io.vigil.correlate.state.InMemoryStateStore;
import io.vigil.correlate.state.StateStore;
import java.util.function.Consumer;

/**
 * Correlation for batch hunting: collects every match of every input, in whatever order files were
 * given and read, and at {@link #finish} correlates them in event-time order with the same
 * {@link Correlator} that streaming uses (one source, unbounded lateness).
 *
 * <p>Memory: each buffered match costs one small record (time, group values, value, provenance; the
 * event is not kept), 200 to 330 bytes measured. There is no spilling to disk: when more than
 * {@link CorrelatorSettings#maxBufferedMatches()} inputs are waiting (by default as many as fit in a
 * quarter of the heap), the older half is correlated early with a diagnostic, and any later match
 * older than those is reported as late. Within that bound the result is independent of input order.
 */
public final class BatchCorrelation {
    private final Correlator correlator;
    private final StateStore store;

    /**
     * @param settings limits; its lateness is ignored (batch lateness is unbounded)
     */
    public BatchCorrelation(
            CorrelationPlan plan, CorrelatorSettings settings, DiagnosticSink diagnostics, Consumer<Detection> output) {
        this.store = new InMemoryStateStore(settings.maxStateEntries());
        this.correlator = new Correlator(plan, settings.withAllowedLateness(null), store, diagnostics, output);
    }

    /** With {@link CorrelatorSettings#batch()}. */
    public BatchCorrelation(CorrelationPlan plan, DiagnosticSink diagnostics, Consumer<Detection> output) {
        this(plan, CorrelatorSettings.batch(), diagnostics, output);
    }

    public boolean consumes(RuleRef rule) {
        return correlator.consumes(rule);
    }

    /** One match, in any order. */
    public void accept(RuleRef rule, Event event) {
        correlator.accept(rule, event);
    }

    /** Correlates everything collected; detections reach the output in firing order. */
    public void finish() {
        correlator.finish();
    }

    public CorrelatorStats stats() {
        return correlator.stats();
    }

    /** The state store; empty after {@link #finish}. */
    public StateStore store() {
        return store;
    }
}
