package io.vigil.msp.register;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses textual IP addresses without ever resolving a host name (no DNS lookups from log data). */
final class IpText {
    private IpText() {}

    /** The address bytes (4 for IPv4, including IPv4-mapped IPv6; 16 for IPv6), or null. */
    static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.regionMatches(true, 0, "::ffff:", 0, 7) && t.indexOf('.') > 0) {
            t = t.substring(7);
        }
        if (t.indexOf(':') < 0) {
            return ipv4(t);
        }
        return ipv6(t) ? literal(t) : null;
    }

    // Parsed by hand: InetAddress would treat a malformed dotted quad (10.0.0.300) as a host name and
    // resolve it.
    private static byte[] ipv4(String t) {
        byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= t.length(); i++) {
            char c = i < t.length() ? t.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                digits++;
                if (digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.') {
                if (digits == 0 || part == 4) {
                    return null;
                }
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    // With a colon InetAddress takes the text as an IPv6 literal and never resolves it; scope ids
    // (%eth0) are refused here because logs do not use them for remote peers.
    private static boolean ipv6(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean ok =
                    (c >= '0' && c <= '9') || c == '.' || c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static byte[] literal(String t) {
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }
}
