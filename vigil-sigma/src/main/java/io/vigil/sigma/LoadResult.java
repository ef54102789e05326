package io.vigil.sigma;

import io.vigil.core.diag.Diagnostic;
import java.util.List;

/** What {@link SigmaRules#load} produced: the usable rules, every diagnostic, and the counts. */
public record LoadResult(RuleSet rules, List<Diagnostic> diagnostics, LoadSummary summary) {
    public LoadResult {
        diagnostics = List.copyOf(diagnostics);
    }
}
