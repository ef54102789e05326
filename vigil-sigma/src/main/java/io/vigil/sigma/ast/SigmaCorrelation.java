package io.vigil.sigma.ast;

import io.vigil.core.diag.SourceLocation;

/**
 * A Sigma correlation document. Recognised so that it can be reported precisely; evaluating
 * correlations is the correlation runtime's job.
 */
public record SigmaCorrelation(SourceLocation location, String id, String name, String title, String type)
        implements SigmaDocument {}
