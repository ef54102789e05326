package io.vigil.sigma.compile;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.SourceLocation;

/** A rule was rejected at compile time: the reason code, message and exact location. */
public final class RuleCompileException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final SourceLocation location;

    public RuleCompileException(String code, String message, SourceLocation location) {
        super(message);
        this.code = code;
        this.location = location;
    }

    public Diagnostic toDiagnostic() {
        return Diagnostic.error(code, getMessage(), location);
    }

    public String code() {
        return code;
    }
}
