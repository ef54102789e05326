package io.vigil.msp.register;

import java.time.Instant;

/** A change ticket: work by {@code identity} in {@code tenant} between {@code from} and {@code to} is sanctioned. */
public record Ticket(String id, String tenant, String identity, Instant from, Instant to) {
    public boolean covers(String tenantId, String identityId, Instant time) {
        return tenant.equals(tenantId) && identity.equals(identityId) && !time.isBefore(from) && !time.isAfter(to);
    }
}
