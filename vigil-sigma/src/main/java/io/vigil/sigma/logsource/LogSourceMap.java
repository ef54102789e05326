package io.vigil.sigma.logsource;

import io.vigil.sigma.ast.LogSource;
import io.vigil.sigma.match.SourceGate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Resolves a Sigma {@code logsource} (product/category/service) to the concrete event sources it stands
 * for. The table is data ({@code io/vigil/sigma/logsource/windows.yml}), not code: a rule's present
 * logsource keys must equal an entry's {@code match} keys exactly. An unmapped log source yields no
 * source, and its rules load but never fire on Windows events.
 */
public final class LogSourceMap {
    private static final String WINDOWS = "/io/vigil/sigma/logsource/windows.yml";

    private final Map<Map<String, String>, List<SourceMapping>> entries;

    private LogSourceMap(Map<Map<String, String>, List<SourceMapping>> entries) {
        this.entries = entries;
    }

    /** The built-in Windows table bundled with Vigil. */
    public static LogSourceMap windows() {
        try (InputStream in = LogSourceMap.class.getResourceAsStream(WINDOWS)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + WINDOWS);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a table in the format of the bundled file; malformed tables throw. */
    public static LogSourceMap parse(String yaml) {
        Object root = new Load(LoadSettings.builder().setLabel("logsource map").build()).loadFromString(yaml);
        Map<Map<String, String>, List<SourceMapping>> entries = new HashMap<>();
        for (Object item : list(map(root).get("logsources"))) {
            Map<String, Object> entry = map(item);
            Map<String, String> key = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : map(entry.get("match")).entrySet()) {
                key.put(e.getKey(), String.valueOf(e.getValue()).toLowerCase(Locale.ROOT));
            }
            List<SourceMapping> sources = new ArrayList<>();
            for (Object s : list(entry.get("sources"))) {
                sources.add(source(map(s)));
            }
            entries.put(key, List.copyOf(sources));
        }
        return new LogSourceMap(entries);
    }

    private static SourceMapping source(Map<String, Object> s) {
        String channel = s.get("channel") == null ? null : String.valueOf(s.get("channel"));
        if ("*".equals(channel)) {
            channel = null;
        }
        Set<Long> ids = null;
        if (s.get("event_ids") != null) {
            ids = new HashSet<>();
            for (Object id : list(s.get("event_ids"))) {
                ids.add(((Number) id).longValue());
            }
        }
        Set<String> providers = null;
        if (s.get("providers") != null) {
            providers = new HashSet<>();
            for (Object p : list(s.get("providers"))) {
                providers.add(String.valueOf(p));
            }
        }
        Map<String, String> renames = new HashMap<>();
        if (s.get("fields") != null) {
            for (Map.Entry<String, Object> e : map(s.get("fields")).entrySet()) {
                renames.put(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        return new SourceMapping(new SourceGate(channel, ids, providers), renames);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("logsource map: expected a mapping, got " + o);
        }
        return (Map<String, Object>) o;
    }

    private static List<?> list(Object o) {
        if (o instanceof List<?> l) {
            return l;
        }
        return o == null ? List.of() : List.of(o);
    }

    /** The sources of a rule's log source; empty when the log source has no mapping. */
    public Optional<List<SourceMapping>> resolve(LogSource ls) {
        return Optional.ofNullable(entries.get(ls.present()));
    }
}
