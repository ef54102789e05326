package io.vigil.sigma.match;

/**
 * The {@code cidr} modifier: the value is an IPv4 or IPv6 address inside the network. An IPv4 network
 * also matches IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}), as Windows logs both forms.
 */
public record CidrPredicate(byte[] network, int prefix, String display) implements ValuePredicate {
    @Override
    public boolean test(Object value) {
        if (value == null) {
            return false;
        }
        byte[] ip = IpAddressText.parse(ValueText.of(value));
        if (ip == null) {
            return false;
        }
        if (ip.length == 16 && network.length == 4 && isV4Mapped(ip)) {
            ip = java.util.Arrays.copyOfRange(ip, 12, 16);
        }
        if (ip.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (ip[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (ip[full] & mask) == (network[full] & mask);
    }

    private static boolean isV4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CidrPredicate c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return "Cidr[" + display + "]";
    }
}
