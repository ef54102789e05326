package io.vigil.ioc;

import java.util.Objects;

/**
 * One value an indicator looks for: its type, the value exactly as the feed wrote it (reported in
 * detections), and the normalised key that is looked up.
 *
 * <p>Build it with {@link #of}, which validates and normalises; a feed value that cannot be used
 * (a 31-digit MD5, a domain with spaces) fails there, so loaders can report it with its location.
 */
public record Comparison(IocType type, String value, String key) {
    public Comparison {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(key, "key");
    }

    /**
     * Validates and normalises a feed value.
     *
     * @throws IllegalArgumentException with a short reason when the value is not a valid {@code type}
     */
    public static Comparison of(IocType type, String value) {
        return new Comparison(type, value, LookupKeys.forIndicator(type, value));
    }
}
