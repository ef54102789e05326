package io.vigil.normalize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads one of the mapping resources shipped next to this class and checks its structure, so that a
 * broken mapping fails loudly at start-up with the resource and key named, never silently per event.
 */
final class YamlResource {
    private final String name;
    private final Map<?, ?> root;

    private YamlResource(String name, Map<?, ?> root) {
        this.name = name;
        this.root = root;
    }

    static YamlResource load(String name) {
        try (InputStream in = YamlResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing mapping resource " + name);
            }
            Object document = new Load(LoadSettings.builder().setLabel(name).build()).loadFromInputStream(in);
            if (!(document instanceof Map)) {
                throw new IllegalStateException(name + ": top level must be a mapping");
            }
            return new YamlResource(name, (Map<?, ?>) document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mapping resource " + name, e);
        }
    }

    String name() {
        return name;
    }

    /** Fails on keys other than {@code allowed}: a misspelt key would otherwise be ignored. */
    static void onlyKeys(String where, Map<?, ?> map, List<String> allowed) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new IllegalStateException(where + ": unknown key '" + key + "', expected one of " + allowed);
            }
        }
    }

    Map<?, ?> root() {
        return root;
    }

    Map<?, ?> map(String key) {
        Object value = root.get(key);
        if (!(value instanceof Map)) {
            throw new IllegalStateException(name + ": '" + key + "' must be a mapping");
        }
        return (Map<?, ?>) value;
    }

    List<String> strings(String key) {
        return strings(name + ": '" + key + "'", root.get(key));
    }

    String string(String key) {
        Object value = root.get(key);
        if (!(value instanceof String)) {
            throw new IllegalStateException(name + ": '" + key + "' must be text");
        }
        return (String) value;
    }

    static List<String> strings(String where, Object value) {
        if (!(value instanceof List)) {
            throw new IllegalStateException(where + " must be a list");
        }
        List<String> strings = new ArrayList<>();
        for (Object item : (List<?>) value) {
            if (!(item instanceof String)) {
                throw new IllegalStateException(where + " must hold text, found " + item);
            }
            strings.add((String) item);
        }
        return strings;
    }
}
