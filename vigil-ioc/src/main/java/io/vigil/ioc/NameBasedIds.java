package io.vigil.ioc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based (version 5, RFC 9562) UUIDs, so that the same indicator gets the same id in every run and
 * every regeneration of the built-in bundle: CSV rows have no id of their own, and STIX ids of
 * generated objects must not change when nothing changed.
 */
public final class NameBasedIds {
    /** Vigil's namespace: the version 5 UUID of {@code urn:vigil:ioc} in the RFC URL namespace. */
    public static final UUID VIGIL = uuid5(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "urn:vigil:ioc");

    private NameBasedIds() {}

    /** The version 5 UUID of {@code name} (UTF-8) in {@code namespace}. */
    public static UUID uuid5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16);
        ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        h[6] = (byte) ((h[6] & 0x0f) | 0x50);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    /** The id Vigil gives an indicator of one comparison: a UUID of its type and lookup key. */
    public static UUID forComparison(Comparison c) {
        return uuid5(VIGIL, c.type().label() + ":" + c.key());
    }
}
