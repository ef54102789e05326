package io.vigil.msp.activity;

import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.msp.register.AccountName;
import java.time.Instant;

/**
 * One successful access of an account to a host or to the VPN.
 *
 * @param end when the session ended (VPN {@code end}, or the matching logoff), null when unknown
 * @param tenant attributed organisation id, or null
 * @param host {@code Computer} as written (the VPN {@code gateway} for VPN sessions), may be null
 * @param who the MSP identities the account stands for
 * @param sourceIp usable source address, or null
 * @param sourceHost source workstation name as written, or null
 * @param logonType 4624 {@code LogonType}, -1 otherwise
 * @param logonId 4624 {@code TargetLogonId}, or null
 * @param mfa VPN {@code mfa}, or null
 * @param assignedIp VPN {@code assigned_ip}, or null
 * @param event the triggering event
 */
public record Access(
        AccessKind kind,
        Instant time,
        Instant end,
        String tenant,
        String host,
        AccountName account,
        ActorIdentity who,
        String sourceIp,
        String sourceHost,
        int logonType,
        String logonId,
        String mfa,
        String assignedIp,
        Event event)
        implements Fact {
    @Override
    public Provenance provenance() {
        return event.provenance();
    }

    /** The source as one word: the address when known, else the short workstation name; may be null. */
    public String source() {
        return sourceIp != null ? sourceIp : FieldText.shortHost(sourceHost);
    }

    /** The host's short lower-case name, or null. */
    public String hostKey() {
        return FieldText.shortHost(host);
    }

    public Access withEnd(Instant newEnd) {
        return new Access(
                kind,
                time,
                newEnd,
                tenant,
                host,
                account,
                who,
                sourceIp,
                sourceHost,
                logonType,
                logonId,
                mfa,
                assignedIp,
                event);
    }
}
