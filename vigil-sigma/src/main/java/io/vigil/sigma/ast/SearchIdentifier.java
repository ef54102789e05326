package io.vigil.sigma.ast;

import io.vigil.core.diag.SourceLocation;
import java.util.List;

/**
 * A named search under {@code detection}: an OR over alternatives, each an AND of field specs. A map
 * gives one alternative; a list of maps gives several; a list of plain values is one keyword spec.
 */
public record SearchIdentifier(String name, List<List<FieldSpec>> alternatives, SourceLocation location) {
    public SearchIdentifier {
        alternatives = alternatives.stream().map(List::copyOf).toList();
    }
}
