package io.vigil.ioc.load;

import io.vigil.ioc.Comparison;
import io.vigil.ioc.IocType;
import java.util.List;
import java.util.Locale;

/**
 * MISP attribute types (also used as the {@code type} column of CSV lists) mapped onto indicator
 * clauses. Single types map one to one ({@code md5}, {@code domain}, {@code ip-dst}, {@code named
 * pipe}, …; CSV adds {@code hash}, {@code ip} and {@code port}). Composite types keep what an event can
 * show: {@code filename|md5} (and the other hashes) is the hash, {@code ip-dst|port} is address AND
 * port, {@code domain|ip} is domain OR address, {@code hostname|port} is host AND port, {@code
 * regkey|value} is the key.
 */
final class AttributeTypes {
    private AttributeTypes() {}

    /**
     * The clauses for a typed value, or null when the type is not one Vigil matches.
     *
     * @throws IllegalArgumentException when the value is not valid for the type
     */
    static List<List<Comparison>> clauses(String type, String value) {
        String t = type.trim().toLowerCase(Locale.ROOT);
        int bar = t.indexOf('|');
        if (bar < 0) {
            IocType single = single(t);
            return single == null ? null : List.of(List.of(Comparison.of(single, value)));
        }
        String first = t.substring(0, bar);
        String second = t.substring(bar + 1);
        int vbar = value.indexOf('|');
        if (vbar < 0) {
            throw new IllegalArgumentException("composite type " + t + " needs a value of the form a|b");
        }
        String a = value.substring(0, vbar);
        String b = value.substring(vbar + 1);
        IocType hash = hash(second);
        if (first.equals("filename") && hash != null) {
            return List.of(List.of(Comparison.of(hash, b)));
        }
        switch (t) {
            case "ip-src|port":
                return List.of(List.of(Comparison.of(IocType.IP_SRC, a), Comparison.of(IocType.PORT, b)));
            case "ip-dst|port":
                return List.of(List.of(Comparison.of(IocType.IP_DST, a), Comparison.of(IocType.PORT, b)));
            case "hostname|port":
                return List.of(List.of(Comparison.of(IocType.HOSTNAME, a), Comparison.of(IocType.PORT, b)));
            case "domain|ip":
                return List.of(List.of(Comparison.of(IocType.DOMAIN, a)), List.of(Comparison.of(IocType.IP, b)));
            case "regkey|value":
                return List.of(List.of(Comparison.of(IocType.REGKEY, a)));
            default:
                return null;
        }
    }

    private static IocType single(String t) {
        IocType hash = hash(t);
        if (hash != null) {
            return hash;
        }
        switch (t) {
            case "hash":
                return IocType.HASH;
            case "filename":
                return IocType.FILENAME;
            case "domain":
                return IocType.DOMAIN;
            case "hostname":
                return IocType.HOSTNAME;
            case "ip-src":
                return IocType.IP_SRC;
            case "ip-dst":
                return IocType.IP_DST;
            case "ip":
                return IocType.IP;
            case "url":
                return IocType.URL;
            case "named pipe":
            case "named-pipe":
                return IocType.NAMED_PIPE;
            case "mutex":
                return IocType.MUTEX;
            case "regkey":
                return IocType.REGKEY;
            case "port":
                return IocType.PORT;
            default:
                return null;
        }
    }

    private static IocType hash(String t) {
        switch (t) {
            case "md5":
                return IocType.MD5;
            case "sha1":
                return IocType.SHA1;
            case "sha256":
                return IocType.SHA256;
            case "imphash":
                return IocType.IMPHASH;
            default:
                return null;
        }
    }
}
