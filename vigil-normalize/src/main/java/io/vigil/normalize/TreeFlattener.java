package io.vigil.normalize;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flattens nested objects into dotted paths ({@code {"a": {"b": 1}}} → {@code a.b}), so that nested
 * and dotted-key documents ({@code {"a.b": 1}}) look alike to the mapping. Lists are leaves, left as
 * they are; empty objects vanish. A later duplicate path replaces an earlier one.
 */
final class TreeFlattener {
    private TreeFlattener() {}

    static Map<String, Object> flatten(Map<String, ?> tree) {
        Map<String, Object> paths = new LinkedHashMap<>();
        walk("", tree, paths);
        return paths;
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
