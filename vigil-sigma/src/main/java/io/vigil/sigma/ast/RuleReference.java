package io.vigil.sigma.ast;

import io.vigil.core.diag.SourceLocation;

/**
 * A reference from a correlation to another rule, by {@code id} or {@code name}, exactly as written and
 * where it was written, so that an unresolvable reference is reported at its own line and column.
 */
public record RuleReference(String text, SourceLocation location) {
    @Override
    public String toString() {
        return text;
    }
}
