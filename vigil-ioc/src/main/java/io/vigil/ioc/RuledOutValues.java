package io.vigil.ioc;

import io.vigil.core.event.EncodedString;

/**
 * Values the {@link EncodedValueFilter} ruled out, remembered by their encoded bytes per field role:
 * the same paths, hash lists and command lines come back event after event (the hash list of one
 * Sysmon image-load event cost the filter 1.4 µs), and hashing and comparing a value's bytes costs
 * less than the filter's walk over it. A ruling depends on the role and the bytes alone, so a
 * remembered one is exact.
 *
 * <p>One per worker thread (not thread-safe), direct-mapped per role, within {@link #BUDGET} bytes:
 * past it, everything is forgotten.
 */
final class RuledOutValues {
    static final int SLOTS = 512;
    /** Shorter values cost the filter little. */
    static final int MIN_BYTES = 16;
    /** Longer values repeat less and would crowd the memory. */
    static final int MAX_BYTES = 1024;

    static final long BUDGET = 4L << 20;

    /** By role ordinal, then slot: the bytes of a value ruled out; made on first use. */
    private byte[][][] keys = new byte[FieldRole.values().length][][];

    private long bytes;

    /** Whether values like this one are remembered. */
    static boolean takes(EncodedString value) {
        int length = value.to() - value.from();
        return length >= MIN_BYTES && length <= MAX_BYTES;
    }

    /** Whether this value (of {@code hash}, its {@link EncodedString#bytesHash}) was ruled out for the role. */
    boolean holds(FieldRole role, EncodedString value, int hash) {
        byte[][] slots = keys[role.ordinal()];
        if (slots == null) {
            return false;
        }
        byte[] key = slots[hash >>> 8 & (SLOTS - 1)];
        return key != null && value.hasBytes(key);
    }

    /** Remembers that the filter ruled this value out for the role. */
    void add(FieldRole role, EncodedString value, int hash) {
        if (bytes > BUDGET) {
            keys = new byte[FieldRole.values().length][][];
            bytes = 0;
        }
        byte[][] slots = keys[role.ordinal()];
        if (slots == null) {
            slots = new byte[SLOTS][];
            keys[role.ordinal()] = slots;
        }
        int slot = hash >>> 8 & (SLOTS - 1);
        byte[] old = slots[slot];
        byte[] key = value.copyOfBytes();
        slots[slot] = key;
        bytes += key.length - (old == null ? 0 : old.length);
    }
}
