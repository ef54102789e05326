package io.vigil.ioc;

/**
 * 64-bit fingerprints of lookup keys ({@link #fingerprint}) in an open-addressing table: lets a filter ask
 * "could this text be one of the keys?" over bytes it has not turned into a String. Equal texts have
 * equal fingerprints, so a miss is certain; a hit only says "maybe" (the exact index decides).
 * Filled once while an {@link IocSet} is built, read-only afterwards.
 */
final class KeyHashSet {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private long[] slots = new long[16];
    private int size;
    // the fingerprint 0 marks an empty slot, so it is remembered apart
    private boolean hasZero;

    /** FNV-1a over the UTF-16 units of {@code s[from, to)}. */
    static long fingerprint(String s, int from, int to) {
        long h = FNV_OFFSET;
        for (int i = from; i < to; i++) {
            h = (h ^ s.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    /** The fingerprint of the ASCII text {@code b[from, to)}: the same as for the equal String. */
    static long fingerprint(byte[] b, int from, int to) {
        long h = FNV_OFFSET;
        for (int i = from; i < to; i++) {
            h = (h ^ (b[i] & 0xFF)) * FNV_PRIME;
        }
        return h;
    }

    void add(String key, int from, int to) {
        long f = fingerprint(key, from, to);
        if (f == 0) {
            hasZero = true;
            return;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        if (insert(slots, f)) {
            size++;
        }
    }

    boolean mayContain(long f) {
        if (f == 0) {
            return hasZero;
        }
        long[] s = slots;
        int mask = s.length - 1;
        for (int at = spread(f) & mask; ; at = (at + 1) & mask) {
            long x = s[at];
            if (x == f) {
                return true;
            }
            if (x == 0) {
                return false;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long f : slots) {
            if (f != 0) {
                insert(bigger, f);
            }
        }
        slots = bigger;
    }

    private static boolean insert(long[] s, long f) {
        int mask = s.length - 1;
        for (int at = spread(f) & mask; ; at = (at + 1) & mask) {
            if (s[at] == f) {
                return false;
            }
            if (s[at] == 0) {
                s[at] = f;
                return true;
            }
        }
    }

    private static int spread(long f) {
        return (int) (f ^ f >>> 32);
    }
}
