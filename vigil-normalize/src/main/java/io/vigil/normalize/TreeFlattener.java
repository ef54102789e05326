package io.vigil.normalize;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flattens nested objects into dotted paths ({@code {"a": {"b": 1}}} → {@code a.b}), so that nested
 * and dotted-key documents ({@code {"a.b": 1}}) look alike to the mapping. Lists are leaves, left as
 * they are; empty objects vanish. A later duplicate path replaces an earlier one. The result is only
 * read: a tree that is flat already is returned as it is, which spares a copy for most inputs.
 */
final class TreeFlattener {
    private TreeFlattener() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> flatten(Map<String, ?> tree) {
        if (isFlat(tree)) {
            return (Map<String, Object>) tree;
        }
        Map<String, Object> paths = new LinkedHashMap<>();
        walk("", tree, paths);
        return paths;
    }

    private static boolean isFlat(Map<String, ?> tree) {
        for (Object value : tree.values()) {
            if (value instanceof Map) {
                return false;
            }
        }
        return true;
    }

    private static void walk(String prefix, Map<?, ?> object, Map<String, Object> paths) {
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            Object value = entry.getValue();
            if (value instanceof Map) {
                walk(path, (Map<?, ?>) value, paths);
            } else {
                paths.put(path, value);
            }
        }
    }
}
