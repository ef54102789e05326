package io.vigil.msp.register;

/**
 * An IPv4 or IPv6 CIDR block from the register ({@code 10.10.0.0/16}, {@code 198.51.100.10/32}; a bare
 * address means a single host).
 *
 * <p>{@code text} is the block as written; {@code address} the network address bytes and {@code
 * prefix} the prefix length. {@link #contains} accepts the textual forms logs use, including IPv4
 * mapped into IPv6 ({@code ::ffff:10.10.5.17}) as Kerberos events write it.
 */
public record NetworkRange(String text, byte[] address, int prefix) {
    // A record compares arrays by identity; two parses of the same block must be equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkRange r
                && r.prefix == prefix
                && r.text.equals(text)
                && java.util.Arrays.equals(r.address, address);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * text.hashCode() + java.util.Arrays.hashCode(address)) + prefix;
    }

    @Override
    public String toString() {
        return text;
    }

    /** True when {@code ip} (textual) lies in this block; false for text that is not an address. */
    public boolean contains(String ip) {
        byte[] a = IpText.parse(ip);
        if (a == null || a.length != address.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != address[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (address[full] & mask);
    }

    /**
     * Parses {@code address[/prefix]}.
     *
     * @throws IllegalArgumentException with a reason when the text is not a CIDR block
     */
    public static NetworkRange parse(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = IpText.parse(addr);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length that is not a number");
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length out of range");
            }
        }
        return new NetworkRange(text, bytes, prefix);
    }
}
