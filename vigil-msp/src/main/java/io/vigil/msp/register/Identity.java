package io.vigil.msp.register;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * One MSP technician: their own MSP account, their accounts in each tenant they may work in, and the
 * sources they may act from, and optionally their own working hours.
 *
 * <p>{@code accounts} maps tenant id to the technician's accounts there; its keys are the tenants the
 * technician is allowed in. {@code sources} are the resolved allowed sources: the register's words
 * {@code jump_hosts}, {@code vpn_pools}, {@code rmm_servers} are expanded into {@code sourceHosts} and
 * {@code sourceRanges} by the parser. {@code windows} (empty when the register gives none) are the
 * technician's own working hours in {@code zone}: MSP work outside them is as suspect as work outside
 * a tenant's window.
 */
public record Identity(
        String id,
        String name,
        AccountName mspAccount,
        Map<String, List<AccountName>> accounts,
        List<NamedHost> sourceHosts,
        List<NetworkRange> sourceRanges,
        List<MaintenanceWindow> windows,
        ZoneId zone) {
    public Identity {
        accounts = Map.copyOf(accounts);
        sourceHosts = List.copyOf(sourceHosts);
        sourceRanges = List.copyOf(sourceRanges);
        windows = List.copyOf(windows);
    }

    /** A technician without working hours of their own: only the tenants' windows apply. */
    public Identity(
            String id,
            String name,
            AccountName mspAccount,
            Map<String, List<AccountName>> accounts,
            List<NamedHost> sourceHosts,
            List<NetworkRange> sourceRanges) {
        this(id, name, mspAccount, accounts, sourceHosts, sourceRanges, List.of(), ZoneOffset.UTC);
    }

    /**
     * True when the technician has working hours of their own ({@code windows}) and {@code time} is
     * outside all of them, judged in their {@code zone}.
     */
    public boolean outsideOwnHours(Instant time) {
        if (windows.isEmpty()) {
            return false;
        }
        ZonedDateTime local = time.atZone(zone);
        for (MaintenanceWindow w : windows) {
            if (w.contains(local)) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code hostOrIp} is one of the sources this technician may act from. */
    public boolean allowsSource(String hostOrIp) {
        if (hostOrIp == null) {
            return false;
        }
        for (NamedHost h : sourceHosts) {
            if (h.is(hostOrIp)) {
                return true;
            }
        }
        for (NetworkRange r : sourceRanges) {
            if (r.contains(hostOrIp)) {
                return true;
            }
        }
        return false;
    }

    /** True when the technician may work in the tenant at all. */
    public boolean allowedIn(String tenantId) {
        return accounts.containsKey(tenantId);
    }
}
