package io.vigil.sigma.match;

/**
 * Parses IPv4 and IPv6 address literals without any name resolution ({@code InetAddress.getByName}
 * would query DNS for untrusted event text). IPv4-mapped IPv6 and embedded IPv4 tails are accepted; a
 * zone suffix ({@code %eth0}) and IPv6 brackets are ignored. Returns 4 or 16 bytes, or null.
 */
public final class IpAddressText {
    private IpAddressText() {}

    public static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        if (t.isEmpty() || t.length() > 45) {
            return null;
        }
        return t.indexOf(':') >= 0 ? v6(t) : v4(t);
    }

    static byte[] v4(String t) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= t.length(); i++) {
            char c = i < t.length() ? t.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value) * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    static byte[] v6(String t) {
        int dbl = t.indexOf("::");
        if (dbl >= 0 && t.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? t.substring(0, dbl) : t;
        String tail = dbl >= 0 ? t.substring(dbl + 2) : "";
        int[] h = groups(head);
        int[] tl = groups(tail);
        if (h == null || tl == null) {
            return null;
        }
        int total = h.length + tl.length;
        if (dbl < 0 ? total != 16 : total > 14) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < h.length; i++) {
            out[i] = (byte) h[i];
        }
        for (int i = 0; i < tl.length; i++) {
            out[16 - tl.length + i] = (byte) tl[i];
        }
        return out;
    }

    /** Colon-separated hex groups (last may be dotted IPv4) as bytes; null when malformed. */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = splitColons(s);
        int[] bytes = new int[parts.length * 2 + 2];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                byte[] v4 = v4(p);
                if (v4 == null) {
                    return null;
                }
                for (byte b : v4) {
                    bytes[n++] = b & 0xff;
                }
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                v = v * 16 + d;
            }
            bytes[n++] = v >> 8;
            bytes[n++] = v & 0xff;
        }
        return java.util.Arrays.copyOf(bytes, n);
    }

    private static String[] splitColons(String s) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == ':') {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        return parts.toArray(new String[0]);
    }
}
