package io.vigil.sigma.ast;

import java.util.List;
import java.util.Map;

/**
 * The {@code detection} section of a rule or the {@code filter} section of a filter: named searches
 * plus one or more conditions (a list of conditions means OR).
 */
public record DetectionBody(Map<String, SearchIdentifier> identifiers, List<ConditionText> conditions) {
    public DetectionBody {
        identifiers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(identifiers));
        conditions = List.copyOf(conditions);
    }
}
