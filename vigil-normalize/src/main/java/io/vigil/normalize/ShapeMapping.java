package io.vigil.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The field mapping of one {@link RecordShape}, read from its YAML resource (format described at the
 * top of {@code evtx_dump.yaml}). Keeping mappings as data lets them be reviewed against collector
 * documentation and extended without touching code. Immutable.
 */
final class ShapeMapping {
    private static final List<String> TOP_KEYS = List.of("fields", "data", "strip", "drop", "time", "displacedPrefix");
    private static final List<String> RULE_KEYS = List.of("from", "type", "aside");

    private final List<FieldRule> rules;
    private final List<PathPattern> data;
    private final List<String> strip;
    private final List<PathPattern> drop;
    private final List<String> time;
    private final String displacedPrefix;

    private ShapeMapping(
            List<FieldRule> rules,
            List<PathPattern> data,
            List<String> strip,
            List<PathPattern> drop,
            List<String> time,
            String displacedPrefix) {
        this.rules = List.copyOf(rules);
        this.data = List.copyOf(data);
        this.strip = List.copyOf(strip);
        this.drop = List.copyOf(drop);
        this.time = List.copyOf(time);
        this.displacedPrefix = displacedPrefix;
    }

    static ShapeMapping load(String resource) {
        YamlResource yaml = YamlResource.load(resource);
        YamlResource.onlyKeys(resource, yaml.root(), TOP_KEYS);
        List<FieldRule> rules = new ArrayList<>();
        for (Map.Entry<?, ?> field : yaml.map("fields").entrySet()) {
            String name = String.valueOf(field.getKey());
            String where = resource + ": field " + name;
            if (!(field.getValue() instanceof Map)) {
                throw new IllegalStateException(where + " must be a mapping");
            }
            Map<?, ?> rule = (Map<?, ?>) field.getValue();
            YamlResource.onlyKeys(where, rule, RULE_KEYS);
            List<String> sources = YamlResource.strings(where + " 'from'", rule.get("from"));
            Conversion conversion =
                    rule.get("type") == null ? Conversion.NONE : conversion(where, String.valueOf(rule.get("type")));
            Object aside = rule.get("aside");
            rules.add(new FieldRule(name, sources, conversion, aside == null ? null : String.valueOf(aside)));
        }
        return new ShapeMapping(
                rules,
                patterns(yaml.strings("data")),
                yaml.strings("strip"),
                patterns(yaml.strings("drop")),
                yaml.strings("time"),
                yaml.string("displacedPrefix"));
    }

    private static Conversion conversion(String where, String type) {
        try {
            return Conversion.named(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": unknown type '" + type + "'", e);
        }
    }

    private static List<PathPattern> patterns(List<String> globs) {
        return globs.stream().map(PathPattern::new).toList();
    }

    List<FieldRule> rules() {
        return rules;
    }

    /** Fields holding the event time, in order of preference. */
    List<String> timeFields() {
        return time;
    }

    /** True when no data subtree, stripped prefix or dropped path applies: every path keeps its name. */
    boolean hasNoPathRules() {
        return data.isEmpty() && strip.isEmpty() && drop.isEmpty();
    }

    String displacedPrefix() {
        return displacedPrefix;
    }

    boolean dropped(String path) {
        for (PathPattern pattern : drop) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** The path below the first data subtree containing it ({@code ""} for the subtree itself), else null. */
    String belowData(String path) {
        for (PathPattern root : data) {
            String below = root.below(path);
            if (below != null) {
                return below;
            }
        }
        return null;
    }

    /** The name a remaining non-data path is kept under. */
    String passThroughName(String path) {
        for (String prefix : strip) {
            if (path.length() > prefix.length() + 1 && path.startsWith(prefix) && path.charAt(prefix.length()) == '.') {
                return path.substring(prefix.length() + 1);
            }
        }
        return path;
    }
}
