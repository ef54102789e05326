package io.vigil.ioc;

import java.net.IDN;
import java.util.Locale;

/**
 * Turns a value into the text that is looked up, the same way for a feed's value and for an event's
 * value, so that the two sides can only disagree where this class says so.
 *
 * <p>Everything is lower-cased ({@link Locale#ROOT}): hashes, DNS names, Windows paths, pipe, mutex
 * and registry names are case-insensitive. URL paths are folded too (a miss on {@code /Gate.php}
 * versus {@code /gate.php} would be worse than the rare false match). Feed values are also
 * "refanged" ({@code hxxp}, {@code [.]}), since community lists publish them defanged.
 */
final class LookupKeys {
    static final int MAX_DOMAIN = 253;
    static final int MAX_URL = 8192;
    static final int MAX_PATH_SEGMENTS = 32;

    private LookupKeys() {}

    /** The key of a feed value; throws {@link IllegalArgumentException} saying why it is unusable. */
    static String forIndicator(IocType type, String value) {
        if (value == null) {
            throw new IllegalArgumentException("no value");
        }
        String v = value.trim();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("empty value");
        }
        switch (type) {
            case MD5:
            case IMPHASH:
                return hex(v, type, 32);
            case SHA1:
                return hex(v, type, 40);
            case SHA256:
                return hex(v, type, 64);
            case HASH:
                return hex(v, type, -1);
            case DOMAIN:
            case HOSTNAME:
                return domain(refang(v));
            case IP:
            case IP_SRC:
            case IP_DST:
                return ipRange(refang(v));
            case URL:
                return url(refang(v));
            case FILENAME:
                return filename(v);
            case NAMED_PIPE:
                return pipe(v);
            case MUTEX:
                return mutex(v);
            case REGKEY:
                return registryKey(v);
            case PORT:
                return port(v);
            default:
                throw new IllegalArgumentException("unsupported type " + type);
        }
    }

    private static String hex(String v, IocType type, int length) {
        String h = v.toLowerCase(Locale.ROOT);
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                throw new IllegalArgumentException(type.label() + " is not hexadecimal");
            }
        }
        int n = h.length();
        if (length > 0 ? n != length : n != 32 && n != 40 && n != 64 && n != 128) {
            throw new IllegalArgumentException(type.label() + " has " + n + " hexadecimal digits, expected "
                    + (length > 0 ? String.valueOf(length) : "32, 40, 64 or 128"));
        }
        return h;
    }

    /** Lower case, no trailing dot, no leading {@code *.}; IDN labels in their ASCII form. */
    static String domain(String v) {
        String d = v.toLowerCase(Locale.ROOT);
        while (d.startsWith("*.") || d.startsWith(".")) {
            d = d.substring(d.charAt(0) == '*' ? 2 : 1);
        }
        while (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        boolean ascii = true;
        for (int i = 0; i < d.length(); i++) {
            if (d.charAt(i) > 0x7f) {
                ascii = false;
                break;
            }
        }
        if (!ascii) {
            try {
                d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a valid internationalised domain name");
            }
        }
        if (d.isEmpty() || d.length() > MAX_DOMAIN) {
            throw new IllegalArgumentException("domain name is empty or longer than 253 characters");
        }
        int labelStart = 0;
        for (int i = 0; i <= d.length(); i++) {
            if (i == d.length() || d.charAt(i) == '.') {
                int len = i - labelStart;
                if (len == 0 || len > 63) {
                    throw new IllegalArgumentException("domain name has an empty or over-long label");
                }
                labelStart = i + 1;
                continue;
            }
            char c = d.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                throw new IllegalArgumentException("domain name contains '" + c + "'");
            }
        }
        if (d.indexOf('.') < 0) {
            // a single label would match a whole top-level domain
            throw new IllegalArgumentException("domain name has a single label");
        }
        if (IpAddress.parse(d) != null) {
            throw new IllegalArgumentException("an IP address is not a domain name");
        }
        return d;
    }

    /** {@code address/prefix} in canonical form; a plain address gets the full prefix. */
    static String ipRange(String v) {
        int slash = v.indexOf('/');
        String addr = (slash < 0 ? v : v.substring(0, slash)).trim();
        IpAddress ip = IpAddress.parse(addr);
        if (ip == null) {
            throw new IllegalArgumentException("not an IP address or CIDR range");
        }
        boolean writtenAsV6 = addr.indexOf(':') >= 0;
        int max = writtenAsV6 ? 128 : 32;
        int prefix = max;
        if (slash >= 0) {
            String p = v.substring(slash + 1).trim();
            try {
                prefix = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("CIDR prefix '" + p + "' is not a number");
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("CIDR prefix must be 0 to " + max);
            }
        }
        if (writtenAsV6 && ip.v4()) {
            // ::ffff:a.b.c.d/120 is the IPv4 range a.b.c.d/24
            if (prefix < 96) {
                throw new IllegalArgumentException("IPv4-mapped prefix must be 96 to 128");
            }
            prefix -= 96;
        }
        return ip.masked(prefix) + "/" + prefix;
    }

    /** Host, port, path and query, lower-cased, without scheme, fragment or a lone trailing slash. */
    static String url(String v) {
        String u = v.toLowerCase(Locale.ROOT);
        if (u.length() > MAX_URL) {
            throw new IllegalArgumentException("URL longer than " + MAX_URL + " characters");
        }
        String key = urlKey(u);
        if (key.isEmpty() || key.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("not a URL");
        }
        return key;
    }

    /** The URL key of an already lower-cased URL, feed or event side. */
    static String urlKey(String u) {
        int scheme = u.indexOf("://");
        int start = scheme >= 0 && scheme <= 10 ? scheme + 3 : 0;
        int end = u.length();
        int hash = u.indexOf('#', start);
        if (hash >= 0) {
            end = hash;
        }
        if (end - start >= 1 && u.charAt(end - 1) == '/' && u.indexOf('/', start) == end - 1) {
            end--;
        }
        return u.substring(start, end);
    }

    /** The URL key without its query string, or null when it has none. */
    static String withoutQuery(String key) {
        int q = key.indexOf('?');
        return q < 0 ? null : key.substring(0, q);
    }

    /** The host part of a URL key (no user info, no port), or null. */
    static String urlHost(String key) {
        int end = key.length();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '/' || c == '?' || c == '\\') {
                end = i;
                break;
            }
        }
        int at = key.lastIndexOf('@', end - 1);
        int start = at >= 0 ? at + 1 : 0;
        if (start < end && key.charAt(start) == '[') {
            int close = key.indexOf(']', start);
            return close < 0 || close > end ? null : key.substring(start + 1, close);
        }
        int colon = key.indexOf(':', start);
        if (colon >= 0 && colon < end) {
            end = colon;
        }
        return start < end ? key.substring(start, end) : null;
    }

    /**
     * A file name or path suffix: backslashes as separators, no leading separators (so a suffix starts
     * at a segment boundary), no surrounding quotes.
     */
    static String filename(String v) {
        String p = path(v.toLowerCase(Locale.ROOT));
        while (p.startsWith("\\")) {
            p = p.substring(1);
        }
        if (p.startsWith("?\\")) {
            p = p.substring(2);
        }
        if (p.isEmpty() || p.endsWith("\\")) {
            throw new IllegalArgumentException("file name is empty or ends with a separator");
        }
        if (segments(p) > MAX_PATH_SEGMENTS) {
            throw new IllegalArgumentException("path has more than " + MAX_PATH_SEGMENTS + " segments");
        }
        return p;
    }

    /**
     * An event's path value (already lower-cased): the first quoted part when quoted, else the text up
     * to the first {@code .exe } (service image paths carry arguments), with {@code /} as {@code \}.
     */
    static String path(String folded) {
        String p = folded.trim();
        if (p.startsWith("\"")) {
            int close = p.indexOf('"', 1);
            p = close < 0 ? p.substring(1) : p.substring(1, close);
        } else {
            int exe = p.indexOf(".exe ");
            if (exe >= 0) {
                p = p.substring(0, exe + 4);
            }
        }
        return p.indexOf('/') >= 0 ? p.replace('/', '\\') : p;
    }

    static int segments(String path) {
        int n = 1;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '\\') {
                n++;
            }
        }
        return n;
    }

    /** A pipe name without {@code \\.\pipe\} or leading backslashes, lower case. */
    static String pipe(String v) {
        String p = v.trim().toLowerCase(Locale.ROOT).replace('/', '\\');
        for (String prefix :
                new String[] {"\\\\.\\pipe\\", "\\\\?\\pipe\\", "\\\\*\\pipe\\", "\\device\\namedpipe\\"}) {
            if (p.startsWith(prefix)) {
                p = p.substring(prefix.length());
                break;
            }
        }
        while (p.startsWith("\\")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException("empty pipe name");
        }
        return p;
    }

    /** A mutex name without its namespace ({@code Global\}, {@code \BaseNamedObjects\}), lower case. */
    static String mutex(String v) {
        String m = v.trim().toLowerCase(Locale.ROOT);
        int bs = m.lastIndexOf('\\');
        if (bs >= 0) {
            m = m.substring(bs + 1);
        }
        if (m.isEmpty()) {
            throw new IllegalArgumentException("empty mutex name");
        }
        return m;
    }

    /**
     * A registry key with the short hive names Sysmon uses ({@code HKLM}, {@code HKU}, {@code HKCU},
     * {@code HKCR}, {@code HKCC}); kernel names ({@code \REGISTRY\MACHINE}) are mapped too.
     */
    static String registryKey(String v) {
        String k = v.trim().toLowerCase(Locale.ROOT).replace('/', '\\');
        while (k.endsWith("\\")) {
            k = k.substring(0, k.length() - 1);
        }
        k = replacePrefix(k, "hkey_local_machine", "hklm");
        k = replacePrefix(k, "hkey_current_user", "hkcu");
        k = replacePrefix(k, "hkey_users", "hku");
        k = replacePrefix(k, "hkey_classes_root", "hkcr");
        k = replacePrefix(k, "hkey_current_config", "hkcc");
        k = replacePrefix(k, "\\registry\\machine", "hklm");
        k = replacePrefix(k, "\\registry\\user", "hku");
        if (k.isEmpty()) {
            throw new IllegalArgumentException("empty registry key");
        }
        return k;
    }

    private static String replacePrefix(String k, String prefix, String replacement) {
        if (k.startsWith(prefix) && (k.length() == prefix.length() || k.charAt(prefix.length()) == '\\')) {
            return replacement + k.substring(prefix.length());
        }
        return k;
    }

    static String port(String v) {
        try {
            int p = Integer.parseInt(v.trim());
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port out of range");
            }
            return Integer.toString(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number");
        }
    }

    /** Undoes the usual defanging: {@code hxxp}, {@code [.]}, {@code (.)}, {@code [dot]}, {@code [:]}. */
    static String refang(String v) {
        if (v.indexOf('[') < 0 && v.indexOf('(') < 0 && v.indexOf('{') < 0 && !startsWithIgnoreCase(v, "hxxp")) {
            return v;
        }
        String r = v.replace("[.]", ".")
                .replace("(.)", ".")
                .replace("{.}", ".")
                .replace("[dot]", ".")
                .replace("[:]", ":")
                .replace("[://]", "://");
        if (startsWithIgnoreCase(r, "hxxp")) {
            r = "http" + r.substring(4);
        }
        return r;
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
