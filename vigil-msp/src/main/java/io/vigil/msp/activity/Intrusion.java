package io.vigil.msp.activity;

import io.vigil.core.detect.Level;
import io.vigil.core.event.Provenance;
import java.time.Instant;

/** A single-event detection of level high or above on a host (after sanctioned work was lowered). */
public record Intrusion(
        Instant time, String tenant, String host, String ruleId, String title, Level level, Provenance provenance)
        implements Fact {
    public String hostKey() {
        return FieldText.shortHost(host);
    }
}
