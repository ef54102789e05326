package io.vigil.msp.register;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The MSP or one customer tenant: everything the register says about who owns which hosts, accounts
 * and addresses, and when MSP work there is sanctioned.
 *
 * <p>{@code id} is {@code "msp"} for the MSP. Lists are never null (empty when the register omits them);
 * {@code domains} are lower-cased. {@code jumpHosts}, {@code vpnPools} and {@code rmmServers} are only
 * filled for the MSP; {@code windows} and {@code remoteTools} only for tenants.
 */
public record Organisation(
        String id,
        String name,
        boolean isMsp,
        List<String> domains,
        List<String> domainSids,
        List<NetworkRange> networks,
        List<HostGlob> hosts,
        List<String> paths,
        ZoneId zone,
        List<MaintenanceWindow> windows,
        List<String> remoteTools,
        List<NamedHost> jumpHosts,
        List<NetworkRange> vpnPools,
        List<NamedHost> rmmServers) {
    public Organisation {
        domains = List.copyOf(domains);
        domainSids = List.copyOf(domainSids);
        networks = List.copyOf(networks);
        hosts = List.copyOf(hosts);
        paths = List.copyOf(paths);
        windows = List.copyOf(windows);
        remoteTools = List.copyOf(remoteTools);
        jumpHosts = List.copyOf(jumpHosts);
        vpnPools = List.copyOf(vpnPools);
        rmmServers = List.copyOf(rmmServers);
    }

    /** True when {@code time} falls in one of the maintenance windows, judged in this tenant's zone. */
    public boolean inWindow(Instant time) {
        ZonedDateTime local = time.atZone(zone);
        for (MaintenanceWindow w : windows) {
            if (w.contains(local)) {
                return true;
            }
        }
        return false;
    }

    /** True when the address lies in one of this organisation's internal networks. */
    public boolean ownsAddress(String ip) {
        for (NetworkRange r : networks) {
            if (r.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /** True when the account domain (NetBIOS or DNS, any case) is one of this organisation's. */
    public boolean ownsDomain(String domain) {
        return domain != null && domains.contains(domain.toLowerCase(java.util.Locale.ROOT));
    }
}
