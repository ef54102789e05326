package io.vigil.msp.activity;

import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.time.Instant;

/** A network flow touching an MSP address (only those are kept). */
public record Flow(Instant time, String srcIp, String dstIp, long bytes, Event event) implements Fact {
    @Override
    public Provenance provenance() {
        return event.provenance();
    }
}
