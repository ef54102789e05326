package io.vigil.msp.activity;

import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.time.Instant;

/** A log cleared: Security 1102 or System 104. */
public record LogClear(Instant time, String tenant, String host, Actor actor, Event event) implements Fact {
    @Override
    public Provenance provenance() {
        return event.provenance();
    }

    public String hostKey() {
        return FieldText.shortHost(host);
    }
}
