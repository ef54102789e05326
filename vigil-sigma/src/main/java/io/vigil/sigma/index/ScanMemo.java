package io.vigil.sigma.index;

import io.vigil.core.event.EncodedString;

/**
 * What scanning one field's value for a plan's literals found, remembered by the value's encoded bytes:
 * the same values come back event after event (process images, loaded DLLs, call traces, registry
 * keys, hash lists: within one pass over the OTRF corpus, 35,061 records without repetition, 73–99%
 * of those fields' values were among the field's last 1,024, and 60–98% found in a direct-mapped
 * table of 256), and hashing and comparing the bytes costs less than walking the literal tries and
 * automata again. A scan's result depends on the bytes alone, so a remembered one is exact.
 *
 * <p>One per plan field and worker thread (not thread-safe), direct-mapped with {@link #SLOTS} slots: a
 * new value takes its slot from the old one. Its memory is counted by the caller.
 */
final class ScanMemo {
    /**
     * 1,024 against 256 slots: 6.8–7.0 against 7.1–7.6 µs per event (read, match, indicators, one
     * thread). The benchmark input repeats the corpus 29 times; larger tables would gain more from that
     * repetition than from real logs, whose fields have more distinct values.
     */
    static final int SLOTS = 1024;
    /** Longer values are scanned each time: they repeat less and would crowd the memory. */
    static final int MAX_BYTES = 1024;
    /** Shorter values cost little to scan. */
    static final int MIN_BYTES = 8;

    private static final int[] NONE = new int[0];

    private final byte[][] keys = new byte[SLOTS][];
    /** Per slot: the mark numbers the scan of the key set. */
    private final int[][] marks = new int[SLOTS][];

    /** Whether values like this one are remembered. */
    static boolean takes(EncodedString value) {
        int length = value.to() - value.from();
        return length >= MIN_BYTES && length <= MAX_BYTES;
    }

    /** The slot of this value. */
    static int slot(EncodedString value) {
        return value.bytesHash() >>> 8 & (SLOTS - 1);
    }

    /** Sets in {@code into} what the scan of this value set, when the slot remembers it; else false. */
    boolean replay(int slot, EncodedString value, long[] into) {
        byte[] key = keys[slot];
        if (key == null || !value.hasBytes(key)) {
            return false;
        }
        for (int m : marks[slot]) {
            into[m >>> 6] |= 1L << m;
        }
        return true;
    }

    /**
     * Remembers the marks set in {@code scanned} (the first {@code words} words, set by scanning this
     * value alone) in the slot, adds them to {@code into} and clears {@code scanned}. Returns the bytes
     * the slot now holds beyond what it held.
     */
    int store(int slot, EncodedString value, long[] scanned, int words, long[] into) {
        int count = 0;
        for (int w = 0; w < words; w++) {
            count += Long.bitCount(scanned[w]);
        }
        int[] set = count == 0 ? NONE : new int[count];
        int k = 0;
        for (int w = 0; w < words && k < count; w++) {
            long bits = scanned[w];
            if (bits != 0) {
                into[w] |= bits;
                scanned[w] = 0;
                for (; bits != 0; bits &= bits - 1) {
                    set[k++] = (w << 6) + Long.numberOfTrailingZeros(bits);
                }
            }
        }
        int before = keys[slot] == null ? 0 : keys[slot].length + 4 * marks[slot].length;
        keys[slot] = value.copyOfBytes();
        marks[slot] = set;
        return keys[slot].length + 4 * set.length - before;
    }
}
