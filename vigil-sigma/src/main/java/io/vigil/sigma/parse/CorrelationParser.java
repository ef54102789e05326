package io.vigil.sigma.parse;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.diag.SourceLocation;
import io.vigil.correlate.Comparison;
import io.vigil.correlate.CorrelationCondition;
import io.vigil.correlate.CorrelationType;
import io.vigil.correlate.Relation;
import io.vigil.correlate.Timespan;
import io.vigil.sigma.ast.AliasMapping;
import io.vigil.sigma.ast.RuleReference;
import io.vigil.sigma.ast.SigmaCorrelation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a correlation document (Sigma correlation specification v2.1) and checks everything that can
 * be checked without the other rules: type, references' shape, group-by, timespan, condition, field,
 * aliases and {@code generate}. The first error rejects the document with its exact location; doubtful
 * but usable input (an unknown key, an ignored option) is a warning.
 */
final class CorrelationParser {
    private static final Set<String> SECTION_KEYS =
            Set.of("type", "rules", "group-by", "timespan", "condition", "aliases", "generate");
    private static final String TYPES =
            Stream.of(CorrelationType.values()).map(CorrelationType::label).collect(Collectors.joining(", "));

    private final YamlTree tree;
    private final DiagnosticSink diagnostics;

    CorrelationParser(YamlTree tree, DiagnosticSink diagnostics) {
        this.tree = tree;
        this.diagnostics = diagnostics;
    }

    SigmaCorrelation parse(String path, Map<String, NodeTuple> top, Node doc) {
        String title = tree.text(value(top, "title"), "title");
        if (title == null) {
            throw new RuleSyntaxException("missing-title", "correlation has no 'title'", tree.at(doc));
        }
        Node sectionNode = value(top, "correlation");
        Map<String, NodeTuple> section = tree.entries(sectionNode, "correlation");
        for (Map.Entry<String, NodeTuple> e : section.entrySet()) {
            if (!SECTION_KEYS.contains(e.getKey())) {
                diagnostics.report(Diagnostic.warning(
                        "unknown-correlation-key",
                        "'" + e.getKey() + "' is not a correlation option and is ignored (expected "
                                + String.join(
                                        ", ", SECTION_KEYS.stream().sorted().toList()) + ")",
                        tree.at(e.getValue().getKeyNode())));
            }
        }
        SourceLocation sectionAt = tree.at(sectionNode);
        CorrelationType type = type(section, sectionAt);
        List<RuleReference> rules = rules(section, sectionAt);
        Node groupNode = value(section, "group-by");
        List<String> groupBy = groupBy(groupNode);
        Timespan timespan = timespan(section, sectionAt);
        List<String> fields = new ArrayList<>();
        CorrelationCondition condition = condition(section, sectionAt, type, fields);
        List<AliasMapping> aliases = aliases(value(section, "aliases"));
        boolean generate = generate(value(section, "generate"), value(top, "generate"));
        Node levelNode = value(top, "level");
        return new SigmaCorrelation(
                tree.at(doc),
                path,
                tree.text(value(top, "id"), "id"),
                tree.text(value(top, "name"), "name"),
                title,
                tree.text(value(top, "status"), "status"),
                tree.text(levelNode, "level"),
                levelNode == null ? tree.at(doc) : tree.at(levelNode),
                String.join(", ", tree.texts(value(top, "author"), "author")),
                tree.texts(value(top, "tags"), "tags"),
                type,
                rules,
                groupBy,
                groupNode == null ? sectionAt : tree.at(groupNode),
                timespan,
                condition,
                fields,
                aliases,
                generate);
    }

    private CorrelationType type(Map<String, NodeTuple> section, SourceLocation sectionAt) {
        Node node = value(section, "type");
        String text = tree.text(node, "correlation type");
        if (text == null) {
            throw new RuleSyntaxException("missing-correlation-type", "correlation has no 'type'", sectionAt);
        }
        return CorrelationType.parse(text)
                .orElseThrow(() -> new RuleSyntaxException(
                        "unknown-correlation-type",
                        "unknown correlation type '" + text + "' (expected one of " + TYPES + ")",
                        tree.at(node)));
    }

    private List<RuleReference> rules(Map<String, NodeTuple> section, SourceLocation sectionAt) {
        Node node = value(section, "rules");
        if (node == null || YamlTree.isNull(node)) {
            throw new RuleSyntaxException(
                    "missing-correlation-rules", "correlation has no 'rules' to correlate", sectionAt);
        }
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        if (items.isEmpty()) {
            throw new RuleSyntaxException("missing-correlation-rules", "correlation 'rules' is empty", tree.at(node));
        }
        List<RuleReference> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node item : items) {
            String text = tree.text(item, "a rule reference");
            if (text == null || text.isBlank()) {
                throw new RuleSyntaxException("wrong-type", "a rule reference must be an id or a name", tree.at(item));
            }
            if (!seen.add(text)) {
                throw new RuleSyntaxException(
                        "duplicate-rule-reference", "rule '" + text + "' is listed twice", tree.at(item));
            }
            out.add(new RuleReference(text, tree.at(item)));
        }
        return out;
    }

    private List<String> groupBy(Node node) {
        List<String> out = tree.texts(node, "group-by");
        Set<String> seen = new HashSet<>();
        for (String g : out) {
            if (!seen.add(g)) {
                throw new RuleSyntaxException("bad-group-by", "group-by lists '" + g + "' twice", tree.at(node));
            }
        }
        return out;
    }

    private Timespan timespan(Map<String, NodeTuple> section, SourceLocation sectionAt) {
        Node node = value(section, "timespan");
        String text = tree.text(node, "timespan");
        if (text == null) {
            throw new RuleSyntaxException("missing-timespan", "correlation has no 'timespan'", sectionAt);
        }
        try {
            return Timespan.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RuleSyntaxException("bad-timespan", e.getMessage(), tree.at(node));
        }
    }

    private CorrelationCondition condition(
            Map<String, NodeTuple> section, SourceLocation sectionAt, CorrelationType type, List<String> fields) {
        Node node = value(section, "condition");
        if (node == null || YamlTree.isNull(node)) {
            if (type.temporal()) {
                return null;
            }
            throw new RuleSyntaxException(
                    "missing-correlation-condition", type.label() + " needs a 'condition'", sectionAt);
        }
        if (!(node instanceof MappingNode)) {
            String why = node instanceof ScalarNode && type.temporal()
                    ? "expression conditions over rule names (a Sigma v2.2 draft) are not supported; use a"
                            + " map such as {gte: 2}"
                    : "a correlation condition must be a map such as {gte: 10}";
            throw new RuleSyntaxException("bad-correlation-condition", why, tree.at(node));
        }
        List<Comparison> comparisons = new ArrayList<>();
        Integer percentile = null;
        Node fieldNode = null;
        Node percentileNode = null;
        for (Map.Entry<String, NodeTuple> e : tree.entries(node, "condition").entrySet()) {
            String key = e.getKey();
            Node v = e.getValue().getValueNode();
            if (key.equals("field")) {
                fieldNode = e.getValue().getKeyNode();
                fields.addAll(tree.texts(v, "condition field"));
                if (fields.isEmpty() || fields.stream().anyMatch(String::isBlank)) {
                    throw new RuleSyntaxException(
                            "bad-correlation-field", "condition 'field' must name a field", tree.at(v));
                }
            } else if (key.equals("percentile")) {
                percentileNode = e.getValue().getKeyNode();
                double p = number(v, "percentile");
                if (p != Math.rint(p) || p < 0 || p > 100) {
                    throw new RuleSyntaxException(
                            "bad-correlation-condition", "percentile must be a whole number from 0 to 100", tree.at(v));
                }
                percentile = (int) p;
            } else {
                Relation r = Relation.parse(key)
                        .orElseThrow(() -> new RuleSyntaxException(
                                "bad-correlation-condition",
                                "unknown condition key '" + key
                                        + "' (expected gt, gte, lt, lte, eq, neq, field, percentile)",
                                tree.at(e.getValue().getKeyNode())));
                comparisons.add(new Comparison(r, number(v, key)));
            }
        }
        if (comparisons.isEmpty()) {
            throw new RuleSyntaxException(
                    "bad-correlation-condition",
                    "condition has no comparison (gt, gte, lt, lte, eq or neq)",
                    tree.at(node));
        }
        if (type.needsField() && fields.isEmpty()) {
            throw new RuleSyntaxException(
                    "missing-correlation-field", type.label() + " needs 'field' in its condition", tree.at(node));
        }
        if (type.numeric() && fields.size() > 1) {
            throw new RuleSyntaxException(
                    "bad-correlation-field", type.label() + " aggregates exactly one field", tree.at(fieldNode));
        }
        if (!type.needsField() && !fields.isEmpty()) {
            diagnostics.report(Diagnostic.warning(
                    "ignored-correlation-option", type.label() + " ignores 'field'", tree.at(fieldNode)));
            fields.clear();
        }
        if (type == CorrelationType.VALUE_PERCENTILE && percentile == null) {
            diagnostics.report(Diagnostic.warning(
                    "default-percentile",
                    "value_percentile without 'percentile' compares the median (percentile 50)",
                    tree.at(node)));
            percentile = 50;
        } else if (type != CorrelationType.VALUE_PERCENTILE && percentile != null) {
            diagnostics.report(Diagnostic.warning(
                    "ignored-correlation-option", type.label() + " ignores 'percentile'", tree.at(percentileNode)));
            percentile = null;
        }
        return new CorrelationCondition(comparisons, percentile);
    }

    private double number(Node v, String key) {
        if (v instanceof ScalarNode s
                && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            try {
                double d = Double.parseDouble(s.getValue().replace("_", ""));
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // YAML 1.2 core-schema integers in octal/hex are not meaningful thresholds
            }
        }
        throw new RuleSyntaxException("bad-correlation-condition", "'" + key + "' needs a number", tree.at(v));
    }

    private List<AliasMapping> aliases(Node node) {
        List<AliasMapping> out = new ArrayList<>();
        if (node == null || YamlTree.isNull(node)) {
            return out;
        }
        for (Map.Entry<String, NodeTuple> alias : tree.entries(node, "aliases").entrySet()) {
            Node mapping = alias.getValue().getValueNode();
            for (Map.Entry<String, NodeTuple> m :
                    tree.entries(mapping, "alias '" + alias.getKey() + "'").entrySet()) {
                Node fieldNode = m.getValue().getValueNode();
                String field = tree.text(fieldNode, "an alias field");
                if (field == null || field.isBlank()) {
                    throw new RuleSyntaxException(
                            "wrong-type", "an alias must map a rule to a field name", tree.at(fieldNode));
                }
                SourceLocation at = tree.at(m.getValue().getKeyNode());
                out.add(new AliasMapping(alias.getKey(), new RuleReference(m.getKey(), at), field, at));
            }
        }
        return out;
    }

    /**
     * {@code generate} sits inside {@code correlation} in pySigma and at the top level in the JSON
     * schema; both are read, and they must agree when both are given.
     */
    private boolean generate(Node inner, Node outer) {
        Boolean a = bool(inner);
        Boolean b = bool(outer);
        if (a != null && b != null && !a.equals(b)) {
            throw new RuleSyntaxException(
                    "conflicting-generate",
                    "'generate' is given twice (inside and outside 'correlation') with different values",
                    tree.at(outer));
        }
        return a != null ? a : b != null && b;
    }

    private Boolean bool(Node node) {
        if (node == null || YamlTree.isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return Boolean.parseBoolean(s.getValue().toLowerCase(Locale.ROOT));
        }
        throw new RuleSyntaxException("wrong-type", "'generate' must be true or false", tree.at(node));
    }

    private static Node value(Map<String, NodeTuple> map, String key) {
        NodeTuple t = map.get(key);
        return t == null ? null : t.getValueNode();
    }
}
