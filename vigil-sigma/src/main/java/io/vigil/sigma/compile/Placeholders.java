package io.vigil.sigma.compile;

import java.util.List;
import java.util.Map;

/**
 * Values for the {@code %name%} placeholders of {@code expand} rules, as given by the user (e.g. which
 * hosts are jump servers). Names are matched without the percent signs; each maps to one or more values.
 */
public record Placeholders(Map<String, List<String>> values) {
    public static final Placeholders NONE = new Placeholders(Map.of());

    public Placeholders {
        values = Map.copyOf(values);
    }
}
