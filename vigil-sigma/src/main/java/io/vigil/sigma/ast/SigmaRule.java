package io.vigil.sigma.ast;

import io.vigil.core.diag.SourceLocation;
import java.util.List;

/** A Sigma detection rule as parsed: metadata, log source and detection, not yet compiled. */
public record SigmaRule(
        SourceLocation location,
        String path,
        String id,
        String name,
        String title,
        String status,
        String level,
        SourceLocation levelLocation,
        String author,
        String description,
        List<String> tags,
        LogSource logsource,
        DetectionBody detection)
        implements SigmaDocument {
    public SigmaRule {
        tags = List.copyOf(tags);
    }
}
