package io.vigil.sigma.logsource;

import io.vigil.sigma.match.SourceGate;
import java.util.Map;

/**
 * One concrete event source for a Sigma log source: which events (the gate) and how Sigma field names
 * are spelled in them (e.g. Security 4688 calls {@code Image} {@code NewProcessName}).
 */
public record SourceMapping(SourceGate gate, Map<String, String> fieldRenames) {
    public SourceMapping {
        fieldRenames = Map.copyOf(fieldRenames);
    }

    /** The event field for a Sigma field name in this source. */
    public String field(String sigmaName) {
        return fieldRenames.getOrDefault(sigmaName, sigmaName);
    }
}
