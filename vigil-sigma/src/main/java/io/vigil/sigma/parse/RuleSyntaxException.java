package io.vigil.sigma.parse;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.SourceLocation;

/**
 * A rule document cannot be used as written. Carries a diagnostic code and the exact location, so that
 * the caller can report it and go on with the next document.
 */
public final class RuleSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final SourceLocation location;

    public RuleSyntaxException(String code, String message, SourceLocation location) {
        super(message);
        this.code = code;
        this.location = location;
    }

    public String code() {
        return code;
    }

    public SourceLocation location() {
        return location;
    }

    public Diagnostic toDiagnostic() {
        return Diagnostic.error(code, getMessage(), location);
    }
}
