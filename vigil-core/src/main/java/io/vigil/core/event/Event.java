package io.vigil.core.event;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One normalised log record: the single event model every input shape (EVTX, evtx_dump JSON, flat JSON,
 * Winlogbeat/ECS) is turned into before matching.
 *
 * <p>Fields are named as Sigma rules name them ({@code EventID}, {@code Channel}, {@code Computer},
 * {@code Provider_Name}, {@code Image}, ...). A value is a {@link String}, {@link Long}, {@link Double},
 * {@link Boolean}, an unmodifiable {@link java.util.List} of such values, or {@code null} for a field
 * that is present but empty (JSON null).
 *
 * <p>A string read from flat JSON may be held as its {@link EncodedString encoded bytes} until first read:
 * every accessor except {@link #storedAt} decodes it then and keeps the string, so callers only ever see
 * the types above.
 *
 * <p>Immutable and safe to share between threads. Lookups are exact first; a case-insensitive fallback
 * exists because shippers disagree on the case of field names ({@code Hostname} vs {@code hostname}).
 * {@link #folded} gives each value lower-cased, computed at most once per field: Sigma matching is
 * case-insensitive, and folding the same value again for every rule dominated hunting time. The
 * lazily filled caches (folded values, decoded strings) only ever hold immutable values, so a race
 * merely computes a value twice.
 */
public final class Event {
    private final String[] names;
    private final Object[] values;
    /** Open-addressing hash table of slot + 1 (0 = empty): no boxing, no entry objects per event. */
    private final int[] table;

    /**
     * One bit per class (length, case-folded first and last characters) of the field names: a name whose
     * class is absent is not a field, exactly or ignoring case. Rules probe many fields an event lacks,
     * so most lookups end here.
     */
    private final long nameClasses0;

    private final long nameClasses1;

    /** Folded values by slot, null until the first is asked for; a null entry is not computed yet. */
    private Object[] folded;

    private Map<String, Object> view;
    private final Instant timestamp;
    private final Provenance provenance;

    private Event(Map<String, Object> fields, Instant timestamp, Provenance provenance) {
        int n = fields.size();
        this.names = new String[n];
        this.values = new Object[n];
        this.table = new int[tableSize(n)];
        int i = 0;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            names[i] = e.getKey();
            values[i] = e.getValue();
            insert(i);
            i++;
        }
        this.nameClasses0 = nameClasses(names, 0);
        this.nameClasses1 = nameClasses(names, 64);
        this.timestamp = timestamp;
        this.provenance = provenance;
    }

    private Event(
            String[] names,
            Object[] values,
            int[] table,
            long nameClasses0,
            long nameClasses1,
            Instant timestamp,
            Provenance provenance) {
        this.names = names;
        this.values = values;
        this.table = table;
        this.nameClasses0 = nameClasses0;
        this.nameClasses1 = nameClasses1;
        this.timestamp = timestamp;
        this.provenance = provenance;
    }

    /** The bits of the name classes {@code from} to {@code from + 63} present among {@code names}. */
    private static long nameClasses(String[] names, int from) {
        long bits = 0;
        for (String name : names) {
            int c = nameClass(name) - from;
            if (c >= 0 && c < 64) {
                bits |= 1L << c;
            }
        }
        return bits;
    }

    /**
     * The class of a name, from its length and its first and last characters case-folded: two names
     * equal ignoring case have the same one. The last character matters because rules' names share
     * beginnings (the {@code System_} of displaced headers, {@code Target}, {@code Source}).
     */
    private static int nameClass(String name) {
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

    /** Starts an event of about {@code expectedFields} fields. */
    public static Builder builder(int expectedFields) {
        return new Builder(expectedFields);
    }

    /**
     * Builds an event field by field, so that normalisers need no intermediate map per event. A name
     * put twice keeps its first position and takes the last value, as a {@link LinkedHashMap} would.
     * Single use, single thread.
     */
    public static final class Builder {
        private String[] names;
        private Object[] values;
        private int[] table;
        private int size;
        /** The name classes of the names set, kept as they are set (see {@link Event#nameClasses0}). */
        private long nameClasses0;

        private long nameClasses1;

        private Builder(int expectedFields) {
            int n = Math.max(4, expectedFields);
            names = new String[n];
            values = new Object[n];
            table = new int[tableSize(n)];
        }

        /** Sets a field; returns this builder. */
        public Builder put(String name, Object value) {
            int mask = table.length - 1;
            int at = spread(name.hashCode()) & mask;
            int entry;
            while ((entry = table[at]) != 0) {
                if (names[entry - 1].equals(name)) {
                    values[entry - 1] = value;
                    return this;
                }
                at = (at + 1) & mask;
            }
            if (size == names.length) {
                names = java.util.Arrays.copyOf(names, size * 2);
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size] = value;
            size++;
            // here, where the name is at hand, rather than in a second pass over the names at build
            int c = nameClass(name);
            if (c < 64) {
                nameClasses0 |= 1L << c;
            } else {
                nameClasses1 |= 1L << c;
            }
            if (2 * size > table.length) {
                table = new int[tableSize(size)];
                for (int i = 0; i < size; i++) {
                    place(table, names[i], i);
                }
            } else {
                table[at] = size;
            }
            return this;
        }

        /** The value set for {@code name} (exact name), or null. */
        public Object get(String name) {
            int s = find(name);
            return s < 0 ? null : valueAt(s);
        }

        /** True when {@code name} (exact name) was set, even to null. */
        public boolean has(String name) {
            return find(name) >= 0;
        }

        /** The position of {@code name} (exact name) in set order, or -1 when it was not set. */
        public int indexOf(String name) {
            return find(name);
        }

        /** Fields set so far. */
        public int size() {
            return size;
        }

        /** The name of the {@code i}-th field set. */
        public String nameAt(int i) {
            return names[i];
        }

        /** The value of the {@code i}-th field set, decoded (see {@link Event#valueAt}). */
        public Object valueAt(int i) {
            return decodedAt(values, i);
        }

        /** The value of the {@code i}-th field as stored: possibly still an {@link EncodedString}. */
        public Object storedAt(int i) {
            return values[i];
        }

        private int find(String name) {
            return probe(table, names, name);
        }

        public Event build(Instant timestamp, Provenance provenance) {
            // a builder sized exactly hands its arrays over (it is single use) instead of copying them
            return new Event(
                    names.length == size ? names : java.util.Arrays.copyOf(names, size),
                    values.length == size ? values : java.util.Arrays.copyOf(values, size),
                    table,
                    nameClasses0,
                    nameClasses1,
                    timestamp,
                    provenance);
        }
    }

    private static void place(int[] table, String name, int slot) {
        int mask = table.length - 1;
        int at = spread(name.hashCode()) & mask;
        while (table[at] != 0) {
            at = (at + 1) & mask;
        }
        table[at] = slot + 1;
    }

    private static int tableSize(int n) {
        int size = 4;
        while (size < 2 * n) {
            size <<= 1;
        }
        return size;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private void insert(int slot) {
        place(table, names[slot], slot);
    }

    /** Builds an event; {@code fields} is copied (insertion order is kept for output). */
    public static Event of(Map<String, Object> fields, Instant timestamp, Provenance provenance) {
        return new Event(fields, timestamp, provenance);
    }

    /** True when the field exists (even with a null value). */
    public boolean has(String name) {
        return slot(name) >= 0;
    }

    /** The field's value, or {@code null} when absent or empty; use {@link #has} to tell them apart. */
    public Object get(String name) {
        int s = slot(name);
        return s < 0 ? null : valueAt(s);
    }

    /**
     * The position of the field (with the same case-insensitive fallback as {@link #get}), or -1 when
     * absent.
     */
    public int indexOf(String name) {
        return slot(name);
    }

    /**
     * The field's value with every string lower-cased ({@link Locale#ROOT}); numbers and booleans as
     * they are. Null when absent or empty.
     */
    public Object folded(String name) {
        int s = slot(name);
        return s < 0 ? null : foldedAt(s);
    }

    /** Number of fields. */
    public int size() {
        return names.length;
    }

    /** The name of the {@code i}-th field in input order. */
    public String nameAt(int i) {
        return names[i];
    }

    /** The value of the {@code i}-th field in input order. */
    public Object valueAt(int i) {
        return decodedAt(values, i);
    }

    /** {@code values[i]}, an encoded string decoded and put back in its place. */
    private static Object decodedAt(Object[] values, int i) {
        Object v = values[i];
        if (v instanceof EncodedString e) {
            v = e.decode();
            values[i] = v;
        }
        return v;
    }

    /**
     * The value of the {@code i}-th field as stored: like {@link #valueAt}, except that a string not read
     * yet may still be an {@link EncodedString}. For scanners that read the encoded bytes faster than
     * they could decode them; everyone else wants {@link #valueAt}.
     */
    public Object storedAt(int i) {
        return values[i];
    }

    /** The folded value of the {@code i}-th field in input order (see {@link #folded}). */
    public Object foldedAt(int i) {
        Object[] cache = folded;
        if (cache == null) {
            cache = new Object[names.length];
            folded = cache;
        }
        Object f = cache[i];
        if (f == null) {
            // null values fold to null: computing them again costs nothing
            f = fold(valueAt(i));
            cache[i] = f;
        }
        return f;
    }

    private static Object fold(Object v) {
        if (v instanceof String s) {
            return s.toLowerCase(Locale.ROOT);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(fold(o));
            }
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    private int exactSlot(String name) {
        return probe(table, names, name);
    }

    /** Open-addressing lookup shared by the event and its builder: the index of {@code name}, or -1. */
    private static int probe(int[] table, String[] names, String name) {
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

    private int slot(String name) {
        // Rules probe many fields an event lacks: a name whose class is absent has no exact or
        // case-insensitive match, and saying so first spares most misses the probe of the table.
        int c = nameClass(name);
        if (((c < 64 ? nameClasses0 : nameClasses1) & 1L << c) == 0) {
            return -1;
        }
        int mask = table.length - 1;
        int at = spread(name.hashCode()) & mask;
        int entry;
        while ((entry = table[at]) != 0) {
            if (names[entry - 1].equals(name)) {
                return entry - 1;
            }
            at = (at + 1) & mask;
        }
        // case-insensitive fallback: a scan, because it must not allocate; the first field in input
        // order wins
        int length = name.length();
        for (int i = 0; i < names.length; i++) {
            String candidate = names[i];
            if (candidate.length() == length && candidate.equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * All fields in their input order; unmodifiable. A view over the event's own arrays (lookups in it
     * are exact, without the case-insensitive fallback), so asking for it costs no copy.
     */
    public Map<String, Object> fields() {
        Map<String, Object> v = view;
        if (v == null) {
            v = new FieldsView();
            view = v;
        }
        return v;
    }

    /** The read-only map view of {@link #fields()}. */
    private final class FieldsView extends AbstractMap<String, Object> {
        private Set<Map.Entry<String, Object>> entries;

        @Override
        public int size() {
            return names.length;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && exactSlot(name) >= 0;
        }

        @Override
        public Object get(Object key) {
            int s = key instanceof String name ? exactSlot(name) : -1;
            return s < 0 ? null : valueAt(s);
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            Set<Map.Entry<String, Object>> e = entries;
            if (e == null) {
                e = new AbstractSet<>() {
                    @Override
                    public int size() {
                        return names.length;
                    }

                    @Override
                    public Iterator<Map.Entry<String, Object>> iterator() {
                        return new Iterator<>() {
                            private int next;

                            @Override
                            public boolean hasNext() {
                                return next < names.length;
                            }

                            @Override
                            public Map.Entry<String, Object> next() {
                                if (next >= names.length) {
                                    throw new NoSuchElementException();
                                }
                                int i = next++;
                                return new AbstractMap.SimpleImmutableEntry<>(names[i], valueAt(i));
                            }
                        };
                    }
                };
                entries = e;
            }
            return e;
        }
    }

    /** Event time in UTC, or {@code null} when the input carried none. */
    public Instant timestamp() {
        return timestamp;
    }

    public Provenance provenance() {
        return provenance;
    }

    @Override
    public String toString() {
        return "Event[" + provenance + " " + fields() + "]";
    }
}
