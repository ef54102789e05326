package io.vigil.msp.register;

import java.util.Locale;

/**
 * A host the register names with its address: an MSP jump host or RMM server, or a host name given as an
 * identity source, whose {@code ip} is then empty (the host is recognised by name only).
 */
public record NamedHost(String name, String ip) {
    /** True when {@code hostOrIp} is this host's name (short or fully qualified) or its address. */
    public boolean is(String hostOrIp) {
        if (hostOrIp == null || hostOrIp.isEmpty()) {
            return false;
        }
        String h = hostOrIp.toLowerCase(Locale.ROOT);
        if (h.startsWith("::ffff:")) {
            h = h.substring(7);
        }
        String n = name.toLowerCase(Locale.ROOT);
        boolean byIp = ip != null && !ip.isEmpty() && h.equals(ip.toLowerCase(Locale.ROOT));
        return byIp || (!n.isEmpty() && (h.equals(n) || h.startsWith(n + ".")));
    }
}
