package io.vigil.core.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One normalised log record: the single event model every input shape (EVTX, evtx_dump JSON, flat JSON,
 * Winlogbeat/ECS) is turned into before matching.
 *
 * <p>Fields are named as Sigma rules name them ({@code EventID}, {@code Channel}, {@code Computer},
 * {@code Provider_Name}, {@code Image}, ...). A value is a {@link String}, {@link Long}, {@link Double},
 * {@link Boolean}, an unmodifiable {@link java.util.List} of such values, or {@code null} for a field
 * that is present but empty (JSON null).
 *
 * <p>Immutable and safe to share between threads. Lookups are exact first; a case-insensitive fallback
 * exists because shippers disagree on the case of field names ({@code Hostname} vs {@code hostname}).
 * {@link #folded} gives each value lower-cased, computed at most once per field: Sigma matching is
 * case-insensitive, and folding the same value again for every rule dominated hunting time. The
 * lazily filled caches only ever hold immutable values, so a race merely computes a value twice.
 */
public final class Event {
    private final String[] names;
    private final Object[] values;
    private final Map<String, Integer> index;
    private final Object[] folded;
    private Map<String, Integer> lowerIndex;
    private Map<String, Object> view;
    private final Instant timestamp;
    private final Provenance provenance;

    private static final Object UNSET = new Object();

    private Event(Map<String, Object> fields, Instant timestamp, Provenance provenance) {
        int n = fields.size();
        this.names = new String[n];
        this.values = new Object[n];
        this.index = new HashMap<>(n * 2);
        int i = 0;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            names[i] = e.getKey();
            values[i] = e.getValue();
            index.put(e.getKey(), i);
            i++;
        }
        this.folded = new Object[n];
        java.util.Arrays.fill(folded, UNSET);
        this.timestamp = timestamp;
        this.provenance = provenance;
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
        return s < 0 ? null : values[s];
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

    /** The value of the {@code i}-th field in input order. */
    public Object valueAt(int i) {
        return values[i];
    }

    /** The folded value of the {@code i}-th field in input order (see {@link #folded}). */
    public Object foldedAt(int i) {
        Object f = folded[i];
        if (f == UNSET) {
            f = fold(values[i]);
            folded[i] = f;
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

    private int slot(String name) {
        Integer s = index.get(name);
        if (s != null) {
            return s;
        }
        Map<String, Integer> lower = lowerIndex;
        if (lower == null) {
            Map<String, Integer> m = new HashMap<>(names.length * 2);
            for (int i = names.length - 1; i >= 0; i--) {
                m.put(names[i].toLowerCase(Locale.ROOT), i);
            }
            lower = Collections.unmodifiableMap(m);
            lowerIndex = lower;
        }
        Integer l = lower.get(name.toLowerCase(Locale.ROOT));
        return l == null ? -1 : l;
    }

    /** All fields in their input order; unmodifiable. */
    public Map<String, Object> fields() {
        Map<String, Object> v = view;
        if (v == null) {
            Map<String, Object> m = new LinkedHashMap<>(names.length * 2);
            for (int i = 0; i < names.length; i++) {
                m.put(names[i], values[i]);
            }
            v = Collections.unmodifiableMap(m);
            view = v;
        }
        return v;
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
