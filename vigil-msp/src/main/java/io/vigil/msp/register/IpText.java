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
        if (t.startsWith("::ffff:") && t.indexOf('.') > 0) {
            t = t.substring(7);
        }
        if (t.isEmpty() || !looksNumeric(t)) {
            return null;
        }
        try {
            byte[] b = InetAddress.getByName(t).getAddress();
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    // InetAddress.getByName would resolve names; only hand it literal addresses.
    private static boolean looksNumeric(String t) {
        boolean colon = t.indexOf(':') >= 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean ok = (c >= '0' && c <= '9')
                    || c == '.'
                    || (colon && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!ok) {
                return false;
            }
        }
        if (!colon) {
            int dots = 0;
            for (int i = 0; i < t.length(); i++) {
                if (t.charAt(i) == '.') {
                    dots++;
                }
            }
            return dots == 3;
        }
        return true;
    }
}
