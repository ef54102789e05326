package io.vigil.msp.activity;

import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.time.Instant;

/**
 * An account created (4720) or changed (4738), or a member added to a group (4728, 4732, 4756), by
 * {@code actor}.
 *
 * @param target the account or member changed ({@code MemberName}, else {@code MemberSid}, else {@code
 *     TargetUserName})
 * @param group the group for membership changes, else null
 */
public record PrivilegedChange(
        Instant time,
        String tenant,
        String host,
        long eventId,
        Actor actor,
        ActorIdentity who,
        String target,
        String group,
        Event event)
        implements Fact {
    @Override
    public Provenance provenance() {
        return event.provenance();
    }
}
