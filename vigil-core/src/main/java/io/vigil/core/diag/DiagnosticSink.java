package io.vigil.core.diag;

/**
 * Receives diagnostics as they are found, so that long runs can report problems immediately and keep
 * going. Implementations must be thread-safe if shared between readers.
 */
@FunctionalInterface
public interface DiagnosticSink {
    void report(Diagnostic diagnostic);
}
