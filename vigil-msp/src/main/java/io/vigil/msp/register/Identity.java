package io.vigil.msp.register;

import java.util.List;
import java.util.Map;

/**
 * One MSP technician: their own MSP account, their accounts in each tenant they may work in, and the
 * sources they may act from.
 *
 * <p>{@code accounts} maps tenant id to the technician's accounts there; its keys are the tenants the
 * technician is allowed in. {@code sources} are the resolved allowed sources: the register's words
 * {@code jump_hosts}, {@code vpn_pools}, {@code rmm_servers} are expanded into {@code sourceHosts} and
 * {@code sourceRanges} by the parser.
 */
public record Identity(
        String id,
        String name,
        AccountName mspAccount,
        Map<String, List<AccountName>> accounts,
        List<NamedHost> sourceHosts,
        List<NetworkRange> sourceRanges) {
    public Identity {
        accounts = Map.copyOf(accounts);
        sourceHosts = List.copyOf(sourceHosts);
        sourceRanges = List.copyOf(sourceRanges);
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
