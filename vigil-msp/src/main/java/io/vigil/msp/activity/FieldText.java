package io.vigil.msp.activity;

import io.vigil.core.event.Event;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads event fields the way the MSP facts need them: Windows writes "-" for an absent value, numbers
 * arrive as Long or text ({@code LogonType} "10" or 10, {@code Status} "0x0"), addresses as IPv4 mapped
 * into IPv6.
 */
public final class FieldText {
    private FieldText() {}

    /** The field as trimmed text; null when absent, empty or "-". */
    public static String text(Event e, String name) {
        Object v = e.get(name);
        if (v instanceof String s) {
            String t = s.trim();
            return t.isEmpty() || t.equals("-") ? null : t;
        }
        if (v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return String.valueOf(v);
        }
        return null;
    }

    /** The field as a number (decimal or 0x hex text accepted), or {@code absent}. */
    public static long number(Event e, String name, long absent) {
        Object v = e.get(name);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d) {
            return d.longValue();
        }
        if (v instanceof String s) {
            String t = s.trim();
            try {
                if (t.startsWith("0x") || t.startsWith("0X")) {
                    return Long.parseLong(t.substring(2), 16);
                }
                return Long.parseLong(t);
            } catch (NumberFormatException ex) {
                return absent;
            }
        }
        return absent;
    }

    /** An ISO-8601 time with offset (or a UTC instant), or null. */
    public static Instant instant(Event e, String name) {
        String t = text(e, name);
        if (t == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ex) {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException ex2) {
                return null;
            }
        }
    }

    /** A source address worth judging: not loopback, unspecified or "-"; IPv4-mapped IPv6 unwrapped. */
    public static String usableIp(String ip) {
        if (ip == null) {
            return null;
        }
        String t = ip.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("::ffff:") && t.indexOf('.') > 0) {
            t = t.substring(7);
        }
        if (t.isEmpty()
                || t.equals("-")
                || t.equals("::1")
                || t.equals("::")
                || t.equals("0.0.0.0")
                || t.startsWith("127.")
                || t.equals("localhost")) {
            return null;
        }
        return t;
    }

    /** A host name reduced to its lower-case first label ({@code FS01.acme.local} → {@code fs01}). */
    public static String shortHost(String host) {
        if (host == null) {
            return null;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        while (h.startsWith("\\")) {
            h = h.substring(1);
        }
        int dot = h.indexOf('.');
        if (dot > 0 && !Character.isDigit(h.charAt(0))) {
            h = h.substring(0, dot);
        }
        return h.isEmpty() || h.equals("-") ? null : h;
    }

    /** True for accounts that never stand for a person: machine accounts, SYSTEM, anonymous, window manager. */
    public static boolean isMachineOrSystem(String user) {
        if (user == null) {
            return true;
        }
        String u = user.toLowerCase(Locale.ROOT);
        return u.endsWith("$")
                || u.equals("system")
                || u.equals("anonymous logon")
                || u.equals("local service")
                || u.equals("network service")
                || u.equals("localsystem")
                || u.startsWith("dwm-")
                || u.startsWith("umfd-");
    }
}
