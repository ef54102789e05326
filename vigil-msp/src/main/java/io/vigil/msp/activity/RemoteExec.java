package io.vigil.msp.activity;

import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.time.Instant;

/**
 * Remote execution arriving on a host: a PsExec service (7045 {@code PSEXESVC}), a process started by
 * WMI ({@code WmiPrvSE.exe} parent) or a scheduled task created (4698).
 *
 * @param method {@code psexec}, {@code wmi} or {@code task}
 * @param actor the acting account when the event names one, else null
 */
public record RemoteExec(
        Instant time, String tenant, String host, String method, Actor actor, ActorIdentity who, Event event)
        implements Fact {
    @Override
    public Provenance provenance() {
        return event.provenance();
    }

    public String hostKey() {
        return FieldText.shortHost(host);
    }
}
