package io.vigil.sigma.ast;

import io.vigil.core.diag.SourceLocation;
import io.vigil.correlate.CorrelationCondition;
import io.vigil.correlate.CorrelationType;
import io.vigil.correlate.Timespan;
import java.util.List;

/**
 * A Sigma correlation document as parsed and checked on its own: metadata plus the correlation
 * section, with the locations later checks need. References to other rules are still text; the
 * compiler resolves them against every document loaded.
 *
 * @param condition null for a temporal type without a condition (meaning: every input seen)
 * @param fields {@code condition.field}, empty when not given
 * @param generate the {@code generate} option, false when absent
 */
public record SigmaCorrelation(
        SourceLocation location,
        String path,
        String id,
        String name,
        String title,
        String status,
        String level,
        SourceLocation levelLocation,
        String author,
        List<String> tags,
        CorrelationType type,
        List<RuleReference> rules,
        List<String> groupBy,
        SourceLocation groupByLocation,
        Timespan timespan,
        CorrelationCondition condition,
        List<String> fields,
        List<AliasMapping> aliases,
        boolean generate)
        implements SigmaDocument {
    public SigmaCorrelation {
        tags = List.copyOf(tags);
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        fields = List.copyOf(fields);
        aliases = List.copyOf(aliases);
    }
}
