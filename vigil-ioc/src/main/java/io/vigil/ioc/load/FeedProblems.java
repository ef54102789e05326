package io.vigil.ioc.load;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.diag.Severity;
import io.vigil.core.diag.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports the problems of one feed to a {@link DiagnosticSink} with the feed's name and a location
 * (JSON line and column, CSV line), and tallies repetitive ones (revoked indicators, unsupported MISP
 * types) into one diagnostic each, so that a large feed does not bury the real problems.
 */
final class FeedProblems {
    private record Tally(String code, Severity severity, String what, SourceLocation first, int[] count) {}

    private final String feed;
    private final DiagnosticSink sink;
    private final Map<List<String>, Tally> tallies = new LinkedHashMap<>();
    private int errors;

    FeedProblems(String feed, DiagnosticSink sink) {
        this.feed = feed;
        this.sink = sink;
    }

    SourceLocation at(int line, int column) {
        return SourceLocation.of(feed, line, column);
    }

    void error(String code, String message, SourceLocation where, String subject) {
        errors++;
        sink.report(new Diagnostic(Severity.ERROR, code, message, where, subject));
    }

    void warning(String code, String message, SourceLocation where, String subject) {
        sink.report(new Diagnostic(Severity.WARNING, code, message, where, subject));
    }

    /** Counts one occurrence of a repetitive finding; {@link #flush} reports each once with its count. */
    void tally(String code, Severity severity, String what, SourceLocation where) {
        // neither a concatenated key nor computeIfAbsent: see flush
        List<String> key = List.of(code, what);
        Tally t = tallies.get(key);
        if (t == null) {
            t = new Tally(code, severity, what, where, new int[1]);
            tallies.put(key, t);
        }
        t.count()[0]++;
    }

    void flush() {
        for (Tally t : tallies.values()) {
            // a builder, not +: the first string concatenation of a shape links an invokedynamic call
            // site, milliseconds while the JVM is cold (the built-in feed tallies one finding)
            String message = new StringBuilder()
                    .append(t.count()[0])
                    .append(' ')
                    .append(t.what())
                    .append(" (first here)")
                    .toString();
            if (t.severity() == Severity.ERROR) {
                errors++;
            }
            sink.report(new Diagnostic(t.severity(), t.code(), message, t.first(), null));
        }
        tallies.clear();
    }

    int errors() {
        return errors;
    }
}
