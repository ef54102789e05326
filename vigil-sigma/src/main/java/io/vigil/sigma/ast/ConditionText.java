package io.vigil.sigma.ast;

import io.vigil.core.diag.SourceLocation;

/**
 * A condition expression as written, with the location of its first character so that syntax errors
 * can point at the exact column.
 */
public record ConditionText(String text, SourceLocation location) {}
