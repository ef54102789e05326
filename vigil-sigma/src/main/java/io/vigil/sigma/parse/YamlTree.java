package io.vigil.sigma.parse;

import io.vigil.core.diag.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed, location-aware access to a SnakeYAML Engine node tree. Every accessor that finds the wrong
 * shape throws {@link RuleSyntaxException} pointing at the offending node.
 */
final class YamlTree {
    private final String path;

    YamlTree(String path) {
        this.path = path;
    }

    SourceLocation at(Node node) {
        return node.getStartMark().map(this::at).orElse(SourceLocation.file(path));
    }

    SourceLocation at(Mark mark) {
        return SourceLocation.of(path, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** A mapping's entries by key text, in order; duplicate keys are an error (YAML forbids them). */
    Map<String, NodeTuple> entries(Node node, String what) {
        if (!(node instanceof MappingNode mapping)) {
            throw new RuleSyntaxException("wrong-type", what + " must be a mapping", at(node));
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            String key = keyText(t.getKeyNode());
            if (out.put(key, t) != null) {
                throw new RuleSyntaxException("duplicate-key", "duplicate key '" + key + "'", at(t.getKeyNode()));
            }
        }
        return out;
    }

    String keyText(Node key) {
        if (key instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new RuleSyntaxException("wrong-type", "mapping keys must be scalars", at(key));
    }

    /** A scalar's text, or null when the node is absent or YAML null. Lists are an error. */
    String text(Node node, String what) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new RuleSyntaxException("wrong-type", what + " must be a single value", at(node));
    }

    /** A scalar or a list of scalars, as strings (for tags, author lists, rule references). */
    List<String> texts(Node node, String what) {
        List<String> out = new ArrayList<>();
        if (node == null || isNull(node)) {
            return out;
        }
        if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                String t = text(item, what);
                if (t != null) {
                    out.add(t);
                }
            }
            return out;
        }
        out.add(text(node, what));
        return out;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }
}
