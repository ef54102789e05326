package io.vigil.ioc;

import java.util.HexFormat;

/**
 * An IPv4 or IPv6 address as bits, parsed by hand: {@link java.net.InetAddress} would resolve names
 * that are not literals, and a matcher must never touch the network.
 *
 * <p>IPv4 addresses keep their 32 bits in {@code lo}. IPv4-mapped IPv6 addresses ({@code
 * ::ffff:10.1.2.3}, as Windows writes IpAddress in logon events) are turned into IPv4, so that an
 * IPv4 indicator matches them.
 */
record IpAddress(boolean v4, long hi, long lo) {
    /** Bits in an address of this family. */
    int width() {
        return v4 ? 32 : 128;
    }

    /** Parses a literal, ignoring surrounding brackets and a {@code %zone}; null if it is not one. */
    static IpAddress parse(String text) {
        return parse(text, 0, text.length());
    }

    static IpAddress parse(CharSequence s, int from, int to) {
        if (to - from >= 2 && s.charAt(from) == '[' && s.charAt(to - 1) == ']') {
            from++;
            to--;
        }
        int zone = indexOf(s, '%', from, to);
        if (zone >= 0) {
            to = zone;
        }
        if (to <= from || to - from > 45) {
            return null;
        }
        if (indexOf(s, ':', from, to) < 0) {
            long v = parseV4(s, from, to);
            return v < 0 ? null : new IpAddress(true, 0, v);
        }
        return parseV6(s, from, to);
    }

    /** The 32-bit value of a dotted quad, or -1. */
    static long parseV4(CharSequence s, int from, int to) {
        long value = 0;
        int parts = 0;
        int i = from;
        while (i < to) {
            int start = i;
            int part = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                part = part * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return -1;
                }
            }
            if (i == start || part > 255) {
                return -1;
            }
            value = (value << 8) | part;
            parts++;
            if (i < to) {
                if (s.charAt(i) != '.' || parts == 4) {
                    return -1;
                }
                i++;
                if (i == to) {
                    return -1;
                }
            }
        }
        return parts == 4 ? value : -1;
    }

    private static IpAddress parseV6(CharSequence s, int from, int to) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = from;
        if (startsWith(s, i, to, "::")) {
            gap = 0;
            i += 2;
            if (i == to) {
                return new IpAddress(false, 0, 0);
            }
        } else if (s.charAt(i) == ':') {
            return null;
        }
        while (i < to) {
            int start = i;
            int group = 0;
            while (i < to && HexFormat.isHexDigit(s.charAt(i)) && i - start < 4) {
                group = (group << 4) | HexFormat.fromHexDigit(s.charAt(i));
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // embedded IPv4 in the last 32 bits
                long v4 = parseV4(s, start, to);
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xffff);
                i = to;
                break;
            }
            if (i == start || count == 8) {
                return null;
            }
            groups[count++] = group;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
                if (i == to) {
                    break;
                }
            } else if (i == to) {
                return null;
            }
        }
        if (gap < 0 && count != 8 || gap >= 0 && count > 7) {
            return null;
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            int tail = count - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | full[k];
            lo = (lo << 16) | full[k + 4];
        }
        if (hi == 0 && (lo >>> 32) == 0xffffL) {
            return new IpAddress(true, 0, lo & 0xffffffffL);
        }
        return new IpAddress(false, hi, lo);
    }

    /** This address with every bit after the first {@code prefix} cleared. */
    IpAddress masked(int prefix) {
        if (v4) {
            long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
            return new IpAddress(true, 0, lo & mask);
        }
        long hiMask = prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
        long loMask = prefix <= 64 ? 0 : -1L << (128 - prefix);
        return new IpAddress(false, hi & hiMask, lo & loMask);
    }

    /** Canonical text: dotted quad, or eight lower-case hexadecimal groups. */
    @Override
    public String toString() {
        if (v4) {
            return (lo >>> 24) + "." + ((lo >>> 16) & 0xff) + "." + ((lo >>> 8) & 0xff) + "." + (lo & 0xff);
        }
        StringBuilder sb = new StringBuilder(39);
        for (int k = 0; k < 8; k++) {
            long word = k < 4 ? hi : lo;
            int shift = 48 - 16 * (k % 4);
            if (k > 0) {
                sb.append(':');
            }
            sb.append(Long.toHexString((word >>> shift) & 0xffff));
        }
        return sb.toString();
    }

    private static int indexOf(CharSequence s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(CharSequence s, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (s.charAt(from + k) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
