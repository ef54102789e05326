package io.vigil.msp.activity;

import io.vigil.core.event.Provenance;
import java.time.Instant;

/** An interactive logoff (4634 with logon type 2/10/11, or 4647): closes the session with that logon id. */
public record Logoff(Instant time, String tenant, String hostKey, String logonId, Provenance provenance)
        implements Fact {}
