package io.vigil.sigma.parse;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.diag.SourceLocation;
import io.vigil.sigma.ast.ConditionText;
import io.vigil.sigma.ast.DetectionBody;
import io.vigil.sigma.ast.FieldSpec;
import io.vigil.sigma.ast.LogSource;
import io.vigil.sigma.ast.RuleValue;
import io.vigil.sigma.ast.SearchIdentifier;
import io.vigil.sigma.ast.SigmaDocument;
import io.vigil.sigma.ast.SigmaFilter;
import io.vigil.sigma.ast.SigmaRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Turns the text of a Sigma YAML file (one or several documents) into {@link SigmaDocument}s with
 * positions. Never throws on bad input: each problem becomes a diagnostic with file:line:column and the
 * document concerned is skipped, the others are returned.
 *
 * <p>YAML is read as YAML 1.2 (core schema) with alias and size limits, so that a hostile rule file
 * cannot exhaust memory.
 */
public final class RuleParser {
    /** Largest rule file accepted, in code points; SigmaHQ's largest rule is far below this. */
    public static final int MAX_FILE_CODE_POINTS = 4 * 1024 * 1024;

    private static final int MAX_ALIASES = 50;

    /**
     * Shared: building a schema compiles its resolver patterns, which cost as much as parsing a small
     * rule. Immutable after construction, so concurrent parses may use it.
     */
    private static final CoreSchema SCHEMA = new CoreSchema();

    private RuleParser() {}

    public static List<SigmaDocument> parse(String path, String text, DiagnosticSink diagnostics) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(path)
                .setSchema(SCHEMA)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_FILE_CODE_POINTS)
                .build();
        YamlTree tree = new YamlTree(path);
        List<SigmaDocument> out = new ArrayList<>();
        int start = 0;
        int startLine = 0;
        while (start >= 0) {
            // Blank lines in front keep the line numbers of a resumed parse those of the file.
            String chunk = startLine == 0 ? text : "\n".repeat(startLine) + text.substring(start);
            try {
                for (Node doc : new Compose(settings).composeAllFromString(chunk)) {
                    try {
                        SigmaDocument d = document(tree, path, doc, diagnostics);
                        if (d != null) {
                            out.add(d);
                        }
                    } catch (RuleSyntaxException e) {
                        diagnostics.report(e.toDiagnostic());
                    }
                }
                start = -1;
            } catch (MarkedYamlEngineException e) {
                SourceLocation loc = e.getProblemMark().map(tree::at).orElse(SourceLocation.file(path));
                diagnostics.report(Diagnostic.error("yaml-syntax", oneLine(e.getProblem()), loc));
                // A YAML error spoils only its own document: go on with the next '---' after it.
                int errorLine = e.getProblemMark().map(Mark::getLine).orElse(startLine);
                int[] next = nextDocument(text, Math.max(errorLine, startLine + 1));
                start = next == null ? -1 : next[0];
                startLine = next == null ? 0 : next[1];
            } catch (YamlEngineException e) {
                diagnostics.report(Diagnostic.error("yaml-syntax", oneLine(e.getMessage()), SourceLocation.file(path)));
                start = -1;
            }
        }
        return out;
    }

    /**
     * The offset and 0-based line of the first document separator ({@code ---} at the start of a line)
     * on line {@code fromLine} or later, or null when there is none.
     */
    private static int[] nextDocument(String text, int fromLine) {
        int line = 0;
        int i = 0;
        while (i < text.length()) {
            if (line >= fromLine
                    && text.startsWith("---", i)
                    && (i + 3 == text.length() || " \t\r\n".indexOf(text.charAt(i + 3)) >= 0)) {
                return new int[] {i, line};
            }
            int nl = i;
            while (nl < text.length() && text.charAt(nl) != '\n' && text.charAt(nl) != '\r') {
                nl++;
            }
            if (nl < text.length() - 1 && text.charAt(nl) == '\r' && text.charAt(nl + 1) == '\n') {
                nl++;
            }
            i = nl + 1;
            line++;
        }
        return null;
    }

    private static String oneLine(String s) {
        return s == null ? "invalid YAML" : s.replace('\n', ' ').trim();
    }

    private static SigmaDocument document(YamlTree tree, String path, Node doc, DiagnosticSink diagnostics) {
        if (YamlTree.isNull(doc)) {
            return null; // empty document, e.g. a trailing '---'
        }
        Map<String, NodeTuple> top = tree.entries(doc, "a Sigma document");
        String title = tree.text(value(top, "title"), "title");
        String id = tree.text(value(top, "id"), "id");
        if (top.containsKey("correlation")) {
            return new CorrelationParser(tree, diagnostics).parse(path, top, doc);
        }
        LogSource logsource = logsource(tree, top, doc);
        if (top.containsKey("filter")) {
            Node filterNode = value(top, "filter");
            Map<String, NodeTuple> filter = tree.entries(filterNode, "filter");
            List<String> rules = tree.texts(value(filter, "rules"), "filter rules");
            Map<String, NodeTuple> rest = new LinkedHashMap<>(filter);
            rest.remove("rules");
            DetectionBody body = detection(tree, rest, filterNode, "filter");
            return new SigmaFilter(tree.at(doc), id, title, logsource, rules, body);
        }
        if (title == null) {
            throw new RuleSyntaxException("missing-title", "rule has no 'title'", tree.at(doc));
        }
        Node detNode = value(top, "detection");
        if (detNode == null) {
            throw new RuleSyntaxException("missing-detection", "rule has no 'detection' section", tree.at(doc));
        }
        DetectionBody body = detection(tree, tree.entries(detNode, "detection"), detNode, "detection");
        Node levelNode = value(top, "level");
        return new SigmaRule(
                tree.at(doc),
                path,
                id,
                tree.text(value(top, "name"), "name"),
                title,
                tree.text(value(top, "status"), "status"),
                tree.text(levelNode, "level"),
                levelNode == null ? tree.at(doc) : tree.at(levelNode),
                String.join(", ", tree.texts(value(top, "author"), "author")),
                tree.text(value(top, "description"), "description"),
                tree.texts(value(top, "tags"), "tags"),
                logsource,
                body);
    }

    private static Node value(Map<String, NodeTuple> map, String key) {
        NodeTuple t = map.get(key);
        return t == null ? null : t.getValueNode();
    }

    private static LogSource logsource(YamlTree tree, Map<String, NodeTuple> top, Node doc) {
        Node ls = value(top, "logsource");
        if (ls == null) {
            throw new RuleSyntaxException("missing-logsource", "document has no 'logsource'", tree.at(doc));
        }
        Map<String, NodeTuple> m = tree.entries(ls, "logsource");
        return new LogSource(
                lower(tree.text(value(m, "product"), "logsource product")),
                lower(tree.text(value(m, "category"), "logsource category")),
                lower(tree.text(value(m, "service"), "logsource service")));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static DetectionBody detection(YamlTree tree, Map<String, NodeTuple> entries, Node owner, String what) {
        Map<String, SearchIdentifier> ids = new LinkedHashMap<>();
        List<ConditionText> conditions = new ArrayList<>();
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            String name = e.getKey();
            Node node = e.getValue().getValueNode();
            if (name.equals("condition")) {
                conditions.addAll(conditions(tree, node));
            } else if (name.equals("timeframe")) {
                throw new RuleSyntaxException(
                        "unsupported-timeframe",
                        "'timeframe' belongs to Sigma v1 aggregations; use a correlation rule",
                        tree.at(e.getValue().getKeyNode()));
            } else {
                ids.put(name, identifier(tree, name, node));
            }
        }
        if (conditions.isEmpty()) {
            throw new RuleSyntaxException("missing-condition", what + " has no 'condition'", tree.at(owner));
        }
        return new DetectionBody(ids, conditions);
    }

    private static List<ConditionText> conditions(YamlTree tree, Node node) {
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        List<ConditionText> out = new ArrayList<>();
        for (Node item : items) {
            if (!(item instanceof ScalarNode s) || YamlTree.isNull(item)) {
                throw new RuleSyntaxException("wrong-type", "a condition must be a string", tree.at(item));
            }
            SourceLocation loc = tree.at(item);
            // Quoted scalars start one column before their text.
            boolean quoted = s.getScalarStyle() != null
                    && s.getScalarStyle() != org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN;
            if (quoted) {
                loc = SourceLocation.of(loc.path(), loc.line(), loc.column() + 1);
            }
            out.add(new ConditionText(s.getValue(), loc));
        }
        return out;
    }

    private static SearchIdentifier identifier(YamlTree tree, String name, Node node) {
        SourceLocation loc = tree.at(node);
        List<List<FieldSpec>> alternatives = new ArrayList<>();
        if (node instanceof MappingNode) {
            alternatives.add(fieldMap(tree, node));
        } else if (node instanceof SequenceNode seq) {
            boolean allMaps =
                    !seq.getValue().isEmpty() && seq.getValue().stream().allMatch(n -> n instanceof MappingNode);
            boolean anyMap = seq.getValue().stream().anyMatch(n -> n instanceof MappingNode);
            if (allMaps) {
                for (Node item : seq.getValue()) {
                    alternatives.add(fieldMap(tree, item));
                }
            } else if (anyMap) {
                throw new RuleSyntaxException(
                        "mixed-search", "search '" + name + "' mixes field maps and plain values", loc);
            } else {
                alternatives.add(List.of(new FieldSpec(null, List.of(), values(tree, node), loc)));
            }
        } else if (node instanceof ScalarNode) {
            alternatives.add(List.of(new FieldSpec(null, List.of(), values(tree, node), loc)));
        } else {
            throw new RuleSyntaxException("wrong-type", "search '" + name + "' has an unsupported shape", loc);
        }
        return new SearchIdentifier(name, alternatives, loc);
    }

    private static List<FieldSpec> fieldMap(YamlTree tree, Node node) {
        List<FieldSpec> specs = new ArrayList<>();
        for (Map.Entry<String, NodeTuple> e : tree.entries(node, "a search").entrySet()) {
            String key = e.getKey();
            List<String> parts = splitPipes(key);
            String field = parts.remove(0);
            SourceLocation loc = tree.at(e.getValue().getKeyNode());
            // An empty field name ('|all': [...]) is a keyword search with modifiers.
            specs.add(new FieldSpec(
                    field.isEmpty() ? null : field,
                    parts,
                    values(tree, e.getValue().getValueNode()),
                    loc));
        }
        return specs;
    }

    private static List<RuleValue> values(YamlTree tree, Node node) {
        List<RuleValue> out = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                out.add(scalar(tree, item));
            }
        } else {
            out.add(scalar(tree, node));
        }
        return out;
    }

    private static RuleValue scalar(YamlTree tree, Node node) {
        if (!(node instanceof ScalarNode s)) {
            throw new RuleSyntaxException(
                    "wrong-type", "a field value must be a single value or a list of values", tree.at(node));
        }
        Tag tag = s.getTag();
        if (tag.equals(Tag.NULL)) {
            return new RuleValue(RuleValue.Kind.NULL, null);
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return new RuleValue(RuleValue.Kind.NUMBER, s.getValue());
        }
        if (tag.equals(Tag.BOOL)) {
            return new RuleValue(RuleValue.Kind.BOOL, s.getValue());
        }
        return RuleValue.string(s.getValue());
    }

    /** Splits {@code field|mod|mod} without a regex: rule text never reaches java.util.regex. */
    private static List<String> splitPipes(String key) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= key.length(); i++) {
            if (i == key.length() || key.charAt(i) == '|') {
                parts.add(key.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }
}
