package io.vigil.normalize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Builds test trees from JSON text the way the JSON reader does (LinkedHashMap, ArrayList, Long), using
 * the YAML parser this module already has: JSON is YAML 1.2, and the module must not depend on Jackson.
 */
final class JsonTrees {
    private JsonTrees() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        Object tree = new Load(LoadSettings.builder().build()).loadFromString(json);
        return (Map<String, Object>) plain(tree);
    }

    private static Object plain(Object value) {
        if (value instanceof Map) {
            Map<String, Object> map = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> map.put(String.valueOf(k), plain(v)));
            return map;
        }
        if (value instanceof List) {
            List<Object> list = new ArrayList<>();
            ((List<?>) value).forEach(item -> list.add(plain(item)));
            return list;
        }
        if (value instanceof Integer) {
            return ((Integer) value).longValue();
        }
        return value;
    }
}
