package io.vigil.ioc;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.diag.Severity;
import java.util.ArrayList;
import java.util.List;

/** A diagnostic sink that keeps everything, for assertions. */
public final class Diagnostics implements DiagnosticSink {
    public final List<Diagnostic> all = new ArrayList<>();

    @Override
    public void report(Diagnostic diagnostic) {
        all.add(diagnostic);
    }

    public List<Diagnostic> at(Severity severity) {
        return all.stream().filter(d -> d.severity() == severity).toList();
    }

    public List<String> codes() {
        return all.stream().map(Diagnostic::code).toList();
    }
}
