package io.vigil.sigma.compile;

/**
 * A rule cannot be compiled; {@code code} is the stable diagnostic code (e.g. {@code unknown-modifier},
 * {@code unsupported-regex}). The caller attaches the location.
 */
public final class CompileException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    public CompileException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
