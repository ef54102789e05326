package io.vigil.sigma;

import io.vigil.core.diag.Diagnostic;
import io.vigil.correlate.CorrelationPlan;
import java.util.List;

/**
 * What {@link SigmaRules#load} produced: the usable detection rules, the usable correlation rules,
 * every diagnostic, and the counts.
 *
 * <p>The matching loop feeds each match of a rule that {@code correlations().consumes(rule.ref())} to
 * the correlator, and writes a rule's own detection only when
 * {@code correlations().emitsOwnDetections(rule.ref())}.
 */
public record LoadResult(
        RuleSet rules, List<Diagnostic> diagnostics, LoadSummary summary, CorrelationPlan correlations) {
    public LoadResult {
        diagnostics = List.copyOf(diagnostics);
    }

    /** A result without correlation rules. */
    public LoadResult(RuleSet rules, List<Diagnostic> diagnostics, LoadSummary summary) {
        this(rules, diagnostics, summary, CorrelationPlan.EMPTY);
    }

    /** The same rules and correlations with other diagnostics and counts (e.g. after adding file errors). */
    public LoadResult with(List<Diagnostic> newDiagnostics, LoadSummary newSummary) {
        return new LoadResult(rules, newDiagnostics, newSummary, correlations);
    }
}
