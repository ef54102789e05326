package io.vigil.engine;

import io.vigil.sigma.compile.Placeholders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads the {@code --placeholders} file: a YAML mapping from placeholder name (with or without the
 * surrounding {@code %}) to one value or a list of values, e.g. {@code Administrators: [adm_*, admin]}.
 */
public final class PlaceholderFile {
    private PlaceholderFile() {}

    public static Placeholders read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Object root;
        try {
            root = new Load(LoadSettings.builder()
                            .setLabel(file.toString())
                            .setMaxAliasesForCollections(50)
                            .build())
                    .loadFromString(text);
        } catch (YamlEngineException e) {
            throw new IOException(file + ": invalid YAML: " + e.getMessage().replace('\n', ' '), e);
        }
        if (root == null) {
            return Placeholders.NONE;
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IOException(file + ": expected a mapping of placeholder names to values");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (name.length() > 1 && name.startsWith("%") && name.endsWith("%")) {
                name = name.substring(1, name.length() - 1);
            }
            List<String> list = new ArrayList<>();
            if (e.getValue() instanceof List<?> l) {
                for (Object o : l) {
                    list.add(String.valueOf(o));
                }
            } else if (e.getValue() != null) {
                list.add(String.valueOf(e.getValue()));
            }
            values.put(name, list);
        }
        return new Placeholders(values);
    }
}
