package io.vigil.ioc.load;

import io.vigil.ioc.Comparison;
import io.vigil.ioc.IocType;
import io.vigil.ioc.load.StixPattern.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps parsed STIX comparisons onto Vigil's indicator types: which object paths mean a hash, a file
 * name, a DNS name, an address, a URL, a registry key, a mutex, a named pipe or a port.
 *
 * <p>Supported paths: {@code file:hashes.(MD5|SHA-1|SHA-256|IMPHASH)} (also on {@code artifact} and on
 * {@code process:image_ref}/{@code binary_ref}), {@code file:extensions.'windows-pebinary-ext'.imphash},
 * {@code file:name}, {@code file:parent_directory_ref.path} together with one {@code file:name} in the
 * same AND ({@code = '\\.\pipe'} makes it a named pipe; {@code LIKE '%\dir'} a path suffix), {@code
 * domain-name:value}, {@code ipv4-addr:value}, {@code ipv6-addr:value} ({@code =} or {@code ISSUBSET}
 * a CIDR), {@code network-traffic:dst_ref.value}/{@code src_ref.value}/{@code dst_port}, {@code
 * url:value}, {@code windows-registry-key:key}, {@code mutex:name}. Comparisons on {@code
 * *_ref.type} only restate the value's type (MISP exports them) and are dropped.
 */
final class StixTerms {
    private static final String PIPE_DIRECTORY = "\\\\.\\pipe";

    private StixTerms() {}

    static List<List<Comparison>> comparisons(List<List<Term>> dnf) throws PatternException {
        List<List<Comparison>> out = new ArrayList<>(dnf.size());
        for (List<Term> clause : dnf) {
            out.add(clause(clause));
        }
        return out;
    }

    private static List<Comparison> clause(List<Term> terms) throws PatternException {
        List<Comparison> out = new ArrayList<>();
        Term directory = null;
        List<Term> names = new ArrayList<>();
        for (Term t : terms) {
            String type = t.objectType().toLowerCase(Locale.ROOT);
            String path = t.path();
            if (path.endsWith("_ref.type")) {
                continue;
            }
            if (type.equals("file") && path.equals("parent_directory_ref.path")) {
                if (directory != null) {
                    throw PatternException.unsupported("two parent directories in one AND", t.offset());
                }
                directory = t;
                continue;
            }
            if (!t.op().equals("=") && !(t.op().equals("ISSUBSET") && isAddressPath(type, path))) {
                throw PatternException.unsupported(
                        t.op() + " on " + t.objectType() + ":" + path
                                + (t.op().equals("LIKE")
                                        ? " (LIKE is supported on file:parent_directory_ref.path)"
                                        : ""),
                        t.offset());
            }
            if (type.equals("file") && path.equals("name")) {
                names.add(t);
                continue;
            }
            out.add(of(typeOf(t, type, path), t));
        }
        if (directory != null) {
            if (names.size() != 1) {
                throw PatternException.unsupported(
                        "file:parent_directory_ref.path without exactly one file:name in the same AND",
                        directory.offset());
            }
            out.add(inDirectory(names.get(0), directory));
        } else {
            for (Term n : names) {
                out.add(fileName(n));
            }
        }
        if (out.isEmpty()) {
            throw PatternException.unsupported(
                    "no comparison on a value Vigil can match", terms.get(0).offset());
        }
        return out;
    }

    private static boolean isAddressPath(String type, String path) {
        return (type.equals("ipv4-addr") || type.equals("ipv6-addr")) && path.equals("value")
                || type.equals("network-traffic") && (path.equals("dst_ref.value") || path.equals("src_ref.value"));
    }

    private static IocType typeOf(Term t, String type, String path) throws PatternException {
        String hashPath = hashPath(type, path);
        if (hashPath != null) {
            switch (hashPath.toUpperCase(Locale.ROOT).replace("'", "")) {
                case "MD5":
                    return IocType.MD5;
                case "SHA-1":
                case "SHA1":
                    return IocType.SHA1;
                case "SHA-256":
                case "SHA256":
                    return IocType.SHA256;
                case "IMPHASH":
                    return IocType.IMPHASH;
                default:
                    throw PatternException.unsupported(
                            "hash algorithm " + hashPath + " (no Windows log field carries it)", t.offset());
            }
        }
        switch (type + ":" + path) {
            case "file:extensions.windows-pebinary-ext.imphash":
                return IocType.IMPHASH;
            case "process:image_ref.name":
            case "process:binary_ref.name":
                return IocType.FILENAME;
            case "domain-name:value":
                return IocType.DOMAIN;
            case "ipv4-addr:value":
            case "ipv6-addr:value":
                return IocType.IP;
            case "network-traffic:dst_ref.value":
                return looksLikeAddress(t.value()) ? IocType.IP_DST : IocType.HOSTNAME;
            case "network-traffic:src_ref.value":
                return looksLikeAddress(t.value()) ? IocType.IP_SRC : IocType.HOSTNAME;
            case "network-traffic:dst_port":
                return IocType.PORT;
            case "url:value":
                return IocType.URL;
            case "windows-registry-key:key":
                return IocType.REGKEY;
            case "mutex:name":
                return IocType.MUTEX;
            default:
                throw PatternException.unsupported(
                        "object path " + t.objectType() + ":" + path + " (no matching event field)", t.offset());
        }
    }

    /** The algorithm of a hashes path on a file-like object, or null. */
    private static String hashPath(String type, String path) {
        for (String prefix : new String[] {"hashes.", "image_ref.hashes.", "binary_ref.hashes."}) {
            if (path.startsWith(prefix)) {
                boolean fileLike = prefix.equals("hashes.")
                        ? type.equals("file") || type.equals("artifact")
                        : type.equals("process");
                return fileLike ? path.substring(prefix.length()) : null;
            }
        }
        return null;
    }

    private static boolean looksLikeAddress(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ':') {
                return true;
            }
            if (!(c >= '0' && c <= '9' || c == '.' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    private static Comparison fileName(Term name) throws PatternException {
        String lower = name.value().toLowerCase(Locale.ROOT);
        if (lower.startsWith(PIPE_DIRECTORY + "\\")) {
            return of(IocType.NAMED_PIPE, name);
        }
        return of(IocType.FILENAME, name);
    }

    private static Comparison inDirectory(Term name, Term directory) throws PatternException {
        String dir = directory.value();
        String written;
        String suffix;
        if (directory.op().equals("LIKE")) {
            // only '%\dir' (a suffix starting at a separator) has a lookup; other wildcards need scanning
            String rest = dir.startsWith("%") ? dir.substring(1) : null;
            if (rest == null || !rest.startsWith("\\") || rest.indexOf('%') >= 0 || rest.indexOf('_') >= 0) {
                throw PatternException.unsupported(
                        "LIKE '" + dir + "' on a directory (only '%\\suffix' without other wildcards is supported)",
                        directory.offset());
            }
            suffix = rest;
            written = dir + "\\" + name.value();
        } else if (directory.op().equals("=")) {
            if (dir.equalsIgnoreCase(PIPE_DIRECTORY)) {
                return ofValue(IocType.NAMED_PIPE, name.value(), name.value(), name.offset());
            }
            suffix = dir;
            written = dir + "\\" + name.value();
        } else {
            throw PatternException.unsupported(directory.op() + " on a directory", directory.offset());
        }
        while (suffix.endsWith("\\")) {
            suffix = suffix.substring(0, suffix.length() - 1);
        }
        return ofValue(IocType.FILENAME, written, suffix + "\\" + name.value(), name.offset());
    }

    private static Comparison of(IocType type, Term t) throws PatternException {
        return ofValue(type, t.value(), t.value(), t.offset());
    }

    /** {@code written} is reported in detections; {@code lookup} is normalised into the key. */
    private static Comparison ofValue(IocType type, String written, String lookup, int offset) throws PatternException {
        try {
            Comparison c = Comparison.of(type, lookup);
            return written.equals(lookup) ? c : new Comparison(type, written, c.key());
        } catch (IllegalArgumentException e) {
            throw PatternException.invalidValue(
                    "invalid " + type.label() + " '" + written + "': " + e.getMessage(), offset);
        }
    }
}
