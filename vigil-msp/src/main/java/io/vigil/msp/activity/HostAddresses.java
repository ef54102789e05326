package io.vigil.msp.activity;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which addresses a host name has been seen with, learned from events where a name and an address of the
 * same machine co-occur: the register's jump hosts and RMM servers, 4624/4625 {@code WorkstationName}
 * with {@code IpAddress}, Sysmon 3 {@code Computer} with its own side of the connection ({@code SourceIp}
 * when it initiated, else {@code DestinationIp}) and {@code SourceHostname} with {@code SourceIp}.
 *
 * <p>Names are short lower-case host names. An address seen with more than {@link #MAX_NAMES} names (NAT,
 * DHCP churn) decides nothing. Sets are sorted so answers do not depend on input order.
 */
public final class HostAddresses {
    /** An address shared by more names than this is not one host's. */
    public static final int MAX_NAMES = 2;

    private final Map<String, Set<String>> byName = new HashMap<>();
    private final Map<String, Set<String>> byAddress = new HashMap<>();

    public void learn(String host, String ip) {
        String name = FieldText.shortHost(host);
        String addr = FieldText.usableIp(ip);
        if (name == null || addr == null || name.indexOf('.') >= 0 && Character.isDigit(name.charAt(0))) {
            return;
        }
        byName.computeIfAbsent(name, k -> new TreeSet<>()).add(addr);
        byAddress.computeIfAbsent(addr, k -> new TreeSet<>()).add(name);
    }

    /** The host's addresses that at most {@link #MAX_NAMES} names share. */
    public Set<String> addressesOf(String host) {
        Set<String> out = new TreeSet<>();
        for (String ip : byName.getOrDefault(FieldText.shortHost(host), Set.of())) {
            if (byAddress.get(ip).size() <= MAX_NAMES) {
                out.add(ip);
            }
        }
        return out;
    }

    public int size() {
        return byAddress.size();
    }
}
