package io.vigil.correlate;

import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One Sigma correlation rule, resolved and checked, independent of YAML: what the runtime needs and
 * nothing about where it came from except its {@link RuleRef} (which every detection carries).
 *
 * <p>Inputs are named by {@link RuleRef}: the ref of a detection rule whose matches feed this
 * correlation, or the ref of another correlation whose detections feed it (chaining). Group-by names and
 * the value field are resolved per input through {@code aliases}: for input {@code r} the name {@code g}
 * reads the event field {@code aliases[g][r]} when that exists, else the field {@code g} itself.
 *
 * @param ref the correlation's own identity and metadata; its level is the correlation's level
 * @param name the {@code name} other correlations may use to reference this one, or null
 * @param type the correlation type
 * @param rules the inputs, at least one, without repetition; for {@code temporal_ordered} in order
 * @param groupBy the group-by names (fields or alias names), possibly empty (one group for all events)
 * @param timespan the window length
 * @param condition when the correlation matches
 * @param fields {@code condition.field}: one name for the numeric types, one or more for
 *     {@code value_count} (distinct combinations), empty for the others
 * @param aliases alias name to (input to field name)
 * @param generate whether the inputs still produce their own detections
 */
public record CorrelationSpec(
        RuleRef ref,
        String name,
        CorrelationType type,
        List<RuleRef> rules,
        List<String> groupBy,
        Timespan timespan,
        CorrelationCondition condition,
        List<String> fields,
        Map<String, Map<RuleRef, String>> aliases,
        boolean generate) {
    public CorrelationSpec {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timespan, "timespan");
        Objects.requireNonNull(condition, "condition");
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        fields = List.copyOf(fields);
        Map<String, Map<RuleRef, String>> a = new LinkedHashMap<>();
        aliases.forEach((k, v) -> a.put(k, Map.copyOf(v)));
        aliases = Collections.unmodifiableMap(a);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a correlation needs at least one input rule");
        }
        if (new HashSet<>(rules).size() != rules.size()) {
            throw new IllegalArgumentException("a correlation lists the same input twice");
        }
        if (new HashSet<>(groupBy).size() != groupBy.size()) {
            throw new IllegalArgumentException("group-by lists the same name twice");
        }
        if (type.needsField() && fields.isEmpty()) {
            throw new IllegalArgumentException(type.label() + " needs condition.field");
        }
        if (type.numeric() && fields.size() != 1) {
            throw new IllegalArgumentException(type.label() + " aggregates exactly one field");
        }
        if (!type.needsField() && !fields.isEmpty()) {
            throw new IllegalArgumentException(type.label() + " takes no condition.field");
        }
        if ((condition.percentile() != null) != (type == CorrelationType.VALUE_PERCENTILE)) {
            throw new IllegalArgumentException("percentile belongs to value_percentile conditions, and only there");
        }
        Set<RuleRef> inputs = new HashSet<>(rules);
        for (Map.Entry<String, Map<RuleRef, String>> e : aliases.entrySet()) {
            for (RuleRef r : e.getValue().keySet()) {
                if (!inputs.contains(r)) {
                    throw new IllegalArgumentException(
                            "alias '" + e.getKey() + "' maps a rule that is not an input: " + r.title());
                }
            }
        }
    }

    public String id() {
        return ref.id();
    }

    public String title() {
        return ref.title();
    }

    public Level level() {
        return ref.level();
    }

    /** The event field that group-by name, or value field, {@code name} reads for input {@code rule}. */
    public String fieldFor(String name, RuleRef rule) {
        Map<RuleRef, String> alias = aliases.get(name);
        if (alias != null) {
            String f = alias.get(rule);
            if (f != null) {
                return f;
            }
        }
        return name;
    }

    /** A spec of this type with the given identity; inputs and options follow on the builder. */
    public static Builder builder(RuleRef ref, CorrelationType type) {
        return new Builder(ref, type);
    }

    /** Assembles a {@link CorrelationSpec}; temporal types default to "all inputs seen". */
    public static final class Builder {
        private final RuleRef ref;
        private final CorrelationType type;
        private String name;
        private final List<RuleRef> rules = new ArrayList<>();
        private final List<String> groupBy = new ArrayList<>();
        private Timespan timespan;
        private CorrelationCondition condition;
        private final List<String> fields = new ArrayList<>();
        private final Map<String, Map<RuleRef, String>> aliases = new LinkedHashMap<>();
        private boolean generate;

        private Builder(RuleRef ref, CorrelationType type) {
            this.ref = ref;
            this.type = type;
        }

        public Builder name(String n) {
            this.name = n;
            return this;
        }

        public Builder rules(RuleRef... refs) {
            rules.addAll(Arrays.asList(refs));
            return this;
        }

        public Builder rules(List<RuleRef> refs) {
            rules.addAll(refs);
            return this;
        }

        public Builder groupBy(String... names) {
            groupBy.addAll(Arrays.asList(names));
            return this;
        }

        public Builder groupBy(List<String> names) {
            groupBy.addAll(names);
            return this;
        }

        public Builder timespan(String text) {
            this.timespan = Timespan.parse(text);
            return this;
        }

        public Builder timespan(Timespan t) {
            this.timespan = t;
            return this;
        }

        public Builder condition(CorrelationCondition c) {
            this.condition = c;
            return this;
        }

        public Builder field(String... names) {
            fields.addAll(Arrays.asList(names));
            return this;
        }

        public Builder fields(List<String> names) {
            fields.addAll(names);
            return this;
        }

        public Builder alias(String alias, RuleRef rule, String field) {
            aliases.computeIfAbsent(alias, k -> new LinkedHashMap<>()).put(rule, field);
            return this;
        }

        public Builder generate(boolean g) {
            this.generate = g;
            return this;
        }

        public CorrelationSpec build() {
            CorrelationCondition c = condition;
            if (c == null && type.temporal()) {
                c = CorrelationCondition.atLeast(rules.size());
            }
            if (c == null) {
                throw new IllegalArgumentException(type.label() + " needs a condition");
            }
            return new CorrelationSpec(ref, name, type, rules, groupBy, timespan, c, fields, aliases, generate);
        }
    }
}
