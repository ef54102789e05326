package io.vigil.scenario;

import java.time.Instant;

/**
 * A stretch in which a host's events never reach the collector (S5): its events in [from, to) are not
 * written but still use up record ids, and {@code extraRecords} more ids are burnt by activity the attacker
 * caused in between, so the next forwarded event shows an EventRecordID jump.
 */
public record PlannedGap(String hostName, String org, Instant from, Instant to, long extraRecords) {
    boolean covers(WinEvent e) {
        return e.host.name().equals(hostName)
                && e.host.org().equals(org)
                && !e.time.isBefore(from)
                && e.time.isBefore(to);
    }
}
