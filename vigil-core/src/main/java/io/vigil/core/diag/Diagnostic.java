package io.vigil.core.diag;

/**
 * One problem found in an input (a rule, an event file), with where it is and a stable machine code.
 *
 * <p>{@code code} is a short kebab-case identifier (e.g. {@code unknown-modifier}) used to group
 * diagnostics in summaries; {@code subject} names the thing affected when known (a rule id), else null.
 */
public record Diagnostic(Severity severity, String code, String message, SourceLocation location, String subject) {
    public static Diagnostic error(String code, String message, SourceLocation location) {
        return new Diagnostic(Severity.ERROR, code, message, location, null);
    }

    public static Diagnostic warning(String code, String message, SourceLocation location) {
        return new Diagnostic(Severity.WARNING, code, message, location, null);
    }

    public Diagnostic withSubject(String newSubject) {
        return new Diagnostic(severity, code, message, location, newSubject);
    }

    /** {@code path:line:col: severity[code]: message}, the format compilers use. */
    @Override
    public String toString() {
        return location + ": " + severity.label() + "[" + code + "]: " + message;
    }
}
