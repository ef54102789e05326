package io.vigil.sigma.ast;

import io.vigil.core.diag.SourceLocation;
import java.util.List;

/**
 * One {@code field|mod1|mod2: values} entry of a search identifier. {@code field} is null for keyword
 * (unbound) searches. Values are OR-ed unless the {@code all} modifier is present.
 */
public record FieldSpec(String field, List<String> modifiers, List<RuleValue> values, SourceLocation location) {
    public FieldSpec {
        modifiers = List.copyOf(modifiers);
        values = List.copyOf(values);
    }

    /** The key as written, e.g. {@code CommandLine|contains|all}. */
    public String key() {
        StringBuilder sb = new StringBuilder(field == null ? "" : field);
        for (String m : modifiers) {
            sb.append('|').append(m);
        }
        return sb.toString();
    }
}
