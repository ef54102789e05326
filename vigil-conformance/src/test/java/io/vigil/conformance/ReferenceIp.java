package io.vigil.conformance;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Address parsing and network membership for the reference evaluator's {@code cidr}. IPv4 is parsed
 * here; IPv6 goes to {@link InetAddress} only for text made solely of hex digits, '.' and ':' with at
 * least one ':', which Java treats as a literal and never resolves through DNS. An IPv4 network also
 * contains the IPv4-mapped IPv6 form of its addresses ({@code ::ffff:a.b.c.d}).
 */
final class ReferenceIp {
    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private ReferenceIp() {}

    /** 4 or 16 bytes, or null when the text is not an IP address. */
    static byte[] parse(String text) {
        String t = text.trim();
        Matcher m = V4.matcher(t);
        if (m.matches()) {
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(m.group(i + 1));
                if (part > 255) {
                    return null;
                }
                out[i] = (byte) part;
            }
            return out;
        }
        if (!V6_CHARS.matcher(t).matches()) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(t);
            byte[] raw = a.getAddress();
            if (a instanceof Inet4Address) {
                // Java turns ::ffff:a.b.c.d into an IPv4 address; keep it in its written, 16-byte form.
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(raw, 0, mapped, 12, 4);
                return mapped;
            }
            return raw;
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    /** Whether {@code address} is inside {@code network/prefix}. */
    static boolean contains(byte[] network, int prefix, byte[] address) {
        byte[] a = address;
        if (network.length == 4 && a.length == 16 && isV4Mapped(a)) {
            a = Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    /** Dotted or colon text of an address, for the event generator. */
    static String format(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(((a[i] & 0xff) << 8) | (a[i + 1] & 0xff)));
        }
        return sb.toString();
    }
}
