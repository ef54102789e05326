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
    private final FieldLayout layout;
    /** {@code layout.names}, held here too: the hottest accessors read it. */
    private final String[] names;

    private final Object[] values;

    /** Folded values by slot, null until the first is asked for; a null entry is not computed yet. */
    private Object[] folded;

    private Map<String, Object> view;
    private final Instant timestamp;
    private final Provenance provenance;

    private Event(Map<String, Object> fields, Instant timestamp, Provenance provenance) {
        int n = fields.size();
        String[] names = new String[n];
        this.values = new Object[n];
        int i = 0;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            names[i] = e.getKey();
            values[i] = e.getValue();
            i++;
        }
        this.layout = FieldLayout.of(names, false);
        this.names = names;
        this.timestamp = timestamp;
        this.provenance = provenance;
    }

    private Event(FieldLayout layout, Object[] values, Instant timestamp, Provenance provenance) {
        this.layout = layout;
        this.names = layout.names;
        this.values = values;
        this.timestamp = timestamp;
        this.provenance = provenance;
    }

    /** Starts an event of about {@code expectedFields} fields, with a layout of its own. */
    public static Builder builder(int expectedFields) {
        return new Builder(expectedFields, null);
    }

    /**
     * Starts an event of about {@code expectedFields} fields whose layout is shared with the earlier
     * events of {@code layouts} that had the same names in the same order (see {@link FieldLayouts};
     * the caller's thread must own it).
     */
    public static Builder builder(int expectedFields, FieldLayouts layouts) {
        return new Builder(expectedFields, layouts);
    }

    /**
     * Builds an event field by field, so that normalisers need no intermediate map per event. A name
     * put twice keeps its first position and takes the last value, as a {@link LinkedHashMap} would.
     * Single use, single thread.
     */
    public static final class Builder {
        private final FieldLayouts layouts;
        /** Where the names put so far lead in {@link #layouts}; null once off it (or without it). */
        private FieldLayouts.Node node;
        /** The builder's own names and table: only once off the trie. */
        private String[] names;

        private int[] table;
        private Object[] values;
        private int size;
        /** The name classes of the names set, kept as they are set (see {@link FieldLayout#classes0}). */
        private long nameClasses0;

        private long nameClasses1;

        private Builder(int expectedFields, FieldLayouts layouts) {
            int n = Math.max(4, expectedFields);
            this.layouts = layouts;
            values = new Object[n];
            if (layouts != null) {
                node = layouts.root;
            } else {
                names = new String[n];
                table = new int[FieldLayout.tableSize(n)];
            }
        }

        /** Sets a field; returns this builder. */
        public Builder put(String name, Object value) {
            FieldLayouts.Node path = node;
            if (path != null) {
                FieldLayouts.Node next = path.next(name, layouts);
                if (next != null) {
                    if (size == values.length) {
                        values = java.util.Arrays.copyOf(values, size * 2);
                    }
                    values[size++] = value;
                    node = next;
                    return this;
                }
                leave(path.layout());
            }
            int mask = table.length - 1;
            int at = FieldLayout.spread(name.hashCode()) & mask;
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
            }
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size] = value;
            size++;
            // here, where the name is at hand, rather than in a second pass over the names at build
            int c = FieldLayout.nameClass(name);
            if (c < 64) {
                nameClasses0 |= 1L << c;
            } else {
                nameClasses1 |= 1L << c;
            }
            if (2 * size > table.length) {
                table = new int[FieldLayout.tableSize(size)];
                for (int i = 0; i < size; i++) {
                    FieldLayout.place(table, names[i], i);
                }
            } else {
                table[at] = size;
            }
            return this;
        }

        /** Leaves the trie: the names put so far (those of {@code path}) become the builder's own. */
        private void leave(FieldLayout path) {
            node = null;
            names = java.util.Arrays.copyOf(path.names, Math.max(values.length, 4));
            table = new int[FieldLayout.tableSize(names.length)];
            for (int i = 0; i < size; i++) {
                FieldLayout.place(table, names[i], i);
            }
            nameClasses0 = path.classes0;
            nameClasses1 = path.classes1;
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
            if (i >= size) {
                throw new IndexOutOfBoundsException(i);
            }
            return node != null ? node.layout().names[i] : names[i];
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
            return node != null ? node.layout().exactSlot(name) : FieldLayout.probe(table, names, name);
        }

        public Event build(Instant timestamp, Provenance provenance) {
            FieldLayout layout = node != null
                    ? node.layout()
                    : new FieldLayout(
                            names.length == size ? names : java.util.Arrays.copyOf(names, size),
                            table,
                            nameClasses0,
                            nameClasses1,
                            false);
            // a builder sized exactly hands its values over (it is single use) instead of copying them
            return new Event(
                    layout,
                    values.length == size ? values : java.util.Arrays.copyOf(values, size),
                    timestamp,
                    provenance);
        }
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
            // null values fold to null: computing them again costs nothing. A string still encoded is
            // folded from its bytes when it can be, and stays encoded for whoever wants it as it is.
            f = values[i] instanceof EncodedString e ? e.decodeFolded() : null;
            if (f == null) {
                f = fold(valueAt(i));
            }
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
        return layout.exactSlot(name);
    }

    private int slot(String name) {
        return layout.slotOf(name);
    }

    /**
     * The layout of the event's names: events with the same layout object have the same name in every
     * slot, so a lookup by name done for one holds for all (see {@link FieldLayouts}).
     */
    public FieldLayout layout() {
        return layout;
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
