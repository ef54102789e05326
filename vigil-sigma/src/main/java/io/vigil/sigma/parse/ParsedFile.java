package io.vigil.sigma.parse;

import io.vigil.core.diag.Diagnostic;
import io.vigil.sigma.ast.SigmaDocument;
import java.util.List;

/**
 * What {@link RuleParser#parse} made of one rule file: its documents in file order and the diagnostics
 * the parse reported. A pure function of the file's path and text, which is what lets the parse cache
 * stand in for the parser.
 */
public record ParsedFile(List<SigmaDocument> documents, List<Diagnostic> diagnostics) {
    public ParsedFile {
        documents = List.copyOf(documents);
        diagnostics = List.copyOf(diagnostics);
    }
}
