package io.vigil.sigma.ast;

import io.vigil.core.diag.SourceLocation;
import java.util.List;

/**
 * A Sigma filter document (filters specification v2): its condition is applied as {@code AND NOT} to
 * every rule it references by id or name.
 */
public record SigmaFilter(
        SourceLocation location, String id, String title, LogSource logsource, List<String> rules, DetectionBody body)
        implements SigmaDocument {
    public SigmaFilter {
        rules = List.copyOf(rules);
    }
}
