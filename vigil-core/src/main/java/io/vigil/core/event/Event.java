package io.vigil.core.event;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One normalised log record: the single event model every input shape (EVTX, evtx_dump JSON, flat JSON,
 * Winlogbeat/ECS) is turned into before matching.
 *
 * <p>Fields are named as Sigma rules name them ({@code EventID}, {@code Channel}, {@code Computer},
 * {@code Provider_Name}, {@code Image}, ...). A value is a {@link String}, {@link Long}, {@link Double},
 * {@link Boolean}, an unmodifiable {@link java.util.List} of such values, or {@code null} for a field
 * that is present but empty (JSON null). Immutable and safe to share between threads.
 *
 * <p>Lookups are exact first; a case-insensitive fallback exists because shippers disagree on the
 * case of field names (e.g. {@code Hostname} vs {@code hostname}).
 */
public final class Event {
    private final Map<String, Object> fields;
    private final Map<String, String> lowerNames;
    private final Instant timestamp;
    private final Provenance provenance;

    private Event(Map<String, Object> fields, Instant timestamp, Provenance provenance) {
        this.fields = Collections.unmodifiableMap(fields);
        Map<String, String> lower = new HashMap<>(fields.size() * 2);
        for (String name : fields.keySet()) {
            lower.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        }
        this.lowerNames = lower;
        this.timestamp = timestamp;
        this.provenance = provenance;
    }

    /** Builds an event; {@code fields} is copied (insertion order is kept for output). */
    public static Event of(Map<String, Object> fields, Instant timestamp, Provenance provenance) {
        return new Event(new LinkedHashMap<>(fields), timestamp, provenance);
    }

    /** True when the field exists (even with a null value). */
    public boolean has(String name) {
        return resolve(name) != null;
    }

    /** The field's value, or {@code null} when absent or empty; use {@link #has} to tell them apart. */
    public Object get(String name) {
        String key = resolve(name);
        return key == null ? null : fields.get(key);
    }

    private String resolve(String name) {
        if (fields.containsKey(name)) {
            return name;
        }
        return lowerNames.get(name.toLowerCase(Locale.ROOT));
    }

    /** All fields in their input order; unmodifiable. */
    public Map<String, Object> fields() {
        return fields;
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
        return "Event[" + provenance + " " + fields + "]";
    }
}
