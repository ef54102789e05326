package io.vigil.msp.register;

import java.util.Locale;

/** A host the register names with its address: an MSP jump host or RMM server. */
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
        return h.equals(ip) || h.equals(n) || h.startsWith(n + ".");
    }
}
