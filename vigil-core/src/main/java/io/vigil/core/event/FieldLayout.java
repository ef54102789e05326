package io.vigil.core.event;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The field names of an event in slot order, with their lookup table and name classes: what an
 * {@link Event} needs to find a field by name. Events of one shape (the same names put in the same
 * order, as most records of one source and event id are) share one layout when built through
 * {@link FieldLayouts}, so a matcher may resolve its field names once per layout instead of once per
 * event: two events with the same layout object have the same name in every slot.
 *
 * <p>Immutable. Its arrays are never handed out.
 */
public final class FieldLayout {
    final String[] names;
    /** Open-addressing hash table of slot + 1 (0 = empty): no boxing, no entry objects. */
    final int[] table;
    /**
     * One bit per class (length, case-folded first and last characters) of the names: a name whose
     * class is absent is not a field, exactly or ignoring case. Rules probe many fields an event lacks,
     * so most lookups end here.
     */
    final long classes0;

    final long classes1;

    /** For shared layouts a number no other shared layout of the process has; 0 otherwise. */
    private final int serial;

    private static final AtomicInteger SERIALS = new AtomicInteger();

    FieldLayout(String[] names, int[] table, long classes0, long classes1, boolean shared) {
        this.names = names;
        this.table = table;
        this.classes0 = classes0;
        this.classes1 = classes1;
        this.serial = shared ? SERIALS.incrementAndGet() : 0;
    }

    /** The layout of {@code names} (taken, not copied), all distinct. */
    static FieldLayout of(String[] names, boolean shared) {
        int[] table = new int[tableSize(names.length)];
        long classes0 = 0;
        long classes1 = 0;
        for (int i = 0; i < names.length; i++) {
            place(table, names[i], i);
            int c = nameClass(names[i]);
            if (c < 64) {
                classes0 |= 1L << c;
            } else {
                classes1 |= 1L << c;
            }
        }
        return new FieldLayout(names, table, classes0, classes1, shared);
    }

    /**
     * True when other events may have this layout (it came from {@link FieldLayouts}): only then is
     * remembering something per layout worth it.
     */
    public boolean shared() {
        return serial != 0;
    }

    /**
     * A number telling shared layouts apart, for caches that place them by it (distinct for every
     * shared layout the process makes, until it has made 2^32 of them); 0 for a layout of its own.
     */
    public int serial() {
        return serial;
    }

    /** Number of fields. */
    public int size() {
        return names.length;
    }

    /** The name in slot {@code i}. */
    public String nameAt(int i) {
        return names[i];
    }

    /** The slot of exactly {@code name}, or -1. */
    int exactSlot(String name) {
        return probe(table, names, name);
    }

    /**
     * The slot of {@code name}: exact first, else the first name equal ignoring case in slot order; -1
     * when none.
     */
    public int slotOf(String name) {
        // a name whose class is absent has no exact or case-insensitive match, and saying so first
        // spares most misses the probe of the table
        int c = nameClass(name);
        if (((c < 64 ? classes0 : classes1) & 1L << c) == 0) {
            return -1;
        }
        int s = probe(table, names, name);
        if (s >= 0) {
            return s;
        }
        // case-insensitive fallback: a scan, because it must not allocate
        int length = name.length();
        // the first and last characters told apart before the comparison proper, which is slow to call
        int first = length == 0 ? 0 : folded(name.charAt(0));
        int last = length == 0 ? 0 : folded(name.charAt(length - 1));
        for (int i = 0; i < names.length; i++) {
            String candidate = names[i];
            if (candidate.length() == length
                    && (length == 0
                            || folded(candidate.charAt(0)) == first && folded(candidate.charAt(length - 1)) == last)
                    && candidate.equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Open-addressing lookup: the index of {@code name}, or -1. */
    static int probe(int[] table, String[] names, String name) {
        int mask = table.length - 1;
        int at = spread(name.hashCode()) & mask;
        int entry;
        while ((entry = table[at]) != 0) {
            if (names[entry - 1].equals(name)) {
                return entry - 1;
            }
            at = (at + 1) & mask;
        }
        return -1;
    }

    static void place(int[] table, String name, int slot) {
        int mask = table.length - 1;
        int at = spread(name.hashCode()) & mask;
        while (table[at] != 0) {
            at = (at + 1) & mask;
        }
        table[at] = slot + 1;
    }

    static int tableSize(int n) {
        int size = 4;
        while (size < 2 * n) {
            size <<= 1;
        }
        return size;
    }

    static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /**
     * The class of a name, from its length and its first and last characters case-folded: two names
     * equal ignoring case have the same one. The last character matters because rules' names share
     * beginnings (the {@code System_} of displaced headers, {@code Target}, {@code Source}).
     */
    static int nameClass(String name) {
        int length = name.length();
        if (length == 0) {
            return 0;
        }
        int h = (length * 31 + folded(name.charAt(0))) * 31 + folded(name.charAt(length - 1));
        return (h ^ h >>> 7) & 127;
    }

    private static int folded(char c) {
        // String.equalsIgnoreCase compares toLowerCase(toUpperCase(c)) (so 'ſ' equals 's')
        return c < 128 ? (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) : Character.toLowerCase(Character.toUpperCase(c));
    }
}
