package io.vigil.ioc;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of indicator Vigil can look up in events, named as MISP names its attribute types (plus
 * {@code hash}, {@code ip} and {@code port} for lists that do not say which hash or direction).
 *
 * <p>Every feed format maps onto these, so that {@code ioc.type} in a detection means the same thing
 * whatever the feed; the label is what detections print.
 */
public enum IocType {
    MD5("md5"),
    SHA1("sha1"),
    SHA256("sha256"),
    IMPHASH("imphash"),
    /** A file hash of unstated algorithm: matches any hash field value of the same text. */
    HASH("hash"),
    /** A file name, or a path suffix such as {@code Temp\obedience.exe}, matched on path segments. */
    FILENAME("filename"),
    /** A DNS name that also matches every subdomain. */
    DOMAIN("domain"),
    /** A DNS name matched exactly. */
    HOSTNAME("hostname"),
    IP_SRC("ip-src"),
    IP_DST("ip-dst"),
    /** An address or CIDR range of unstated direction. */
    IP("ip"),
    URL("url"),
    NAMED_PIPE("named pipe"),
    MUTEX("mutex"),
    REGKEY("regkey"),
    /** A destination port; only useful inside an AND, or as context (feeds mark it not for detection). */
    PORT("port");

    private final String label;

    IocType(String label) {
        this.label = label;
    }

    /** The name printed in detections and accepted in CSV lists. */
    public String label() {
        return label;
    }

    /** True for the hash kinds, whose values are hexadecimal digests. */
    public boolean isHash() {
        return this == MD5 || this == SHA1 || this == SHA256 || this == IMPHASH || this == HASH;
    }

    /**
     * Looks a label up case-insensitively; {@code named-pipe}, {@code sha-1} and {@code sha-256} are
     * accepted as spellings seen in hand-made lists.
     */
    public static Optional<IocType> fromLabel(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "named-pipe":
            case "named_pipe":
            case "pipe":
                return Optional.of(NAMED_PIPE);
            case "sha-1":
                return Optional.of(SHA1);
            case "sha-256":
                return Optional.of(SHA256);
            default:
                break;
        }
        for (IocType type : values()) {
            if (type.label.equals(t)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
