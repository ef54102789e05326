package io.vigil.sigma.ast;

import io.vigil.core.diag.SourceLocation;

/**
 * One YAML document of a Sigma file: a detection rule, a filter, or a correlation rule. The parser
 * produces these; the compiler decides what to do with each kind.
 */
public sealed interface SigmaDocument permits SigmaRule, SigmaFilter, SigmaCorrelation {
    /** Where the document starts (file:line:column). */
    SourceLocation location();

    /** The document's {@code id}, or null. */
    String id();

    String title();
}
