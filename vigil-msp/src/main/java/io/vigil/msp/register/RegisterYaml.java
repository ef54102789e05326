package io.vigil.msp.register;

import io.vigil.core.diag.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed, location-aware access to the register's YAML node tree. Every accessor that finds the wrong
 * shape throws {@link RegisterException} pointing at the offending node, so the parser itself reads
 * like the format description.
 */
final class RegisterYaml {
    private final String source;

    RegisterYaml(String source) {
        this.source = source;
    }

    SourceLocation at(Node node) {
        return node.getStartMark().map(this::at).orElse(SourceLocation.file(source));
    }

    SourceLocation at(Mark mark) {
        return SourceLocation.of(source, mark.getLine() + 1, mark.getColumn() + 1);
    }

    RegisterException error(Node node, String problem) {
        return new RegisterException(at(node), problem);
    }

    /**
     * The entries of a mapping that may hold only {@code allowed} keys. Unknown keys are errors at the
     * key (with a hint when a known key is close); {@code misplaced} explains keys that are valid
     * elsewhere but not here.
     */
    Fields fields(Node node, String what, Set<String> allowed, Map<String, String> misplaced) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " must be a mapping, not " + shape(node));
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            Node keyNode = t.getKeyNode();
            if (!(keyNode instanceof ScalarNode k)) {
                throw error(keyNode, "keys of " + what + " must be plain words, not " + shape(keyNode));
            }
            String key = k.getValue();
            if (entries.containsKey(key)) {
                throw error(keyNode, "duplicate key '" + key + "' in " + what);
            }
            if (!allowed.contains(key)) {
                String why = misplaced.get(key);
                if (why != null) {
                    throw error(keyNode, why);
                }
                throw error(keyNode, "unknown key '" + key + "' in " + what + NearMiss.hint(key, allowed));
            }
            entries.put(key, t);
        }
        return new Fields(node, what, entries);
    }

    /** A scalar's text; lists, mappings, YAML null and blank text are errors. */
    String string(Node node, String what) {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, what + " must be a single value, not " + shape(node));
        }
        if (isNull(node) || s.getValue().isBlank()) {
            throw error(node, what + " must not be empty");
        }
        return s.getValue().trim();
    }

    /** A sequence's items; anything else (including a lone scalar) is an error. */
    List<Node> list(Node node, String what) {
        if (!(node instanceof SequenceNode seq)) {
            throw error(node, what + " must be a list, not " + shape(node));
        }
        return seq.getValue();
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    static String shape(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "empty";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    /** The checked entries of one mapping, with accessors that report missing keys at the mapping. */
    final class Fields {
        private final Node mapping;
        private final String what;
        private final Map<String, NodeTuple> entries;

        Fields(Node mapping, String what, Map<String, NodeTuple> entries) {
            this.mapping = mapping;
            this.what = what;
            this.entries = entries;
        }

        Node mapping() {
            return mapping;
        }

        boolean has(String key) {
            return value(key) != null;
        }

        /** The value node, or null when the key is absent or its value is YAML null. */
        Node value(String key) {
            NodeTuple t = entries.get(key);
            return t == null || isNull(t.getValueNode()) ? null : t.getValueNode();
        }

        Node key(String key) {
            NodeTuple t = entries.get(key);
            return t == null ? mapping : t.getKeyNode();
        }

        Node required(String key) {
            Node v = value(key);
            if (v == null) {
                NodeTuple t = entries.get(key);
                if (t != null) {
                    throw error(t.getValueNode(), "'" + key + "' in " + what + " must not be empty");
                }
                throw error(mapping, what + " is missing required key '" + key + "'");
            }
            return v;
        }

        String requiredString(String key) {
            return string(required(key), "'" + key + "'");
        }

        /** The text, or {@code fallback} when the key is absent or empty. */
        String optionalString(String key, String fallback) {
            Node v = value(key);
            return v == null ? fallback : string(v, "'" + key + "'");
        }

        /** The list's items, empty when the key is absent or empty. */
        List<Node> optionalList(String key) {
            Node v = value(key);
            return v == null ? List.of() : list(v, "'" + key + "'");
        }
    }
}
