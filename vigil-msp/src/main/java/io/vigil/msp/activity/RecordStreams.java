package io.vigil.msp.activity;

import io.vigil.core.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The EventRecordIDs seen per (organisation, host, channel) stream, held as runs of consecutive ids so
 * that a complete log costs one run however many events it has; the holes between runs are the skips
 * {@code msp-event-gap} reports. Records may arrive in any order and more than once (overlapping exports).
 *
 * <p>A stream broken into more than {@link #MAX_RUNS} runs is a filtered collection (a forwarder that
 * ships a subset of event ids), not a log with holes: it is abandoned and counted.
 */
public final class RecordStreams {
    /** Most runs kept per stream; each run holds one event reference. */
    public static final int MAX_RUNS = 10_000;

    /** A stream of one channel on one host of one organisation (or one input path when unattributed). */
    public record Key(String scope, String host, String channel) {}

    /** Consecutive record ids {@code lo..hi}; {@code first} is the event holding {@code lo}. */
    public static final class Run {
        long lo;
        long hi;
        Instant loTime;
        Instant hiTime;
        Event first;

        Run(long r, Instant t, Event e) {
            lo = r;
            hi = r;
            loTime = t;
            hiTime = t;
            first = e;
        }

        public long lo() {
            return lo;
        }

        public long hi() {
            return hi;
        }

        public Instant loTime() {
            return loTime;
        }

        public Instant hiTime() {
            return hiTime;
        }

        public Event first() {
            return first;
        }
    }

    private final Map<Key, TreeMap<Long, Run>> streams = new HashMap<>();
    private final Map<Key, String> tenants = new HashMap<>();
    private final Map<Key, String> hosts = new HashMap<>();
    private long abandoned;
    private final java.util.Set<Key> dropped = new java.util.HashSet<>();

    /** Adds record {@code r} of the stream; {@code tenant} may be null. */
    public void add(Key key, String tenant, String host, long r, Instant t, Event e) {
        if (dropped.contains(key)) {
            return;
        }
        TreeMap<Long, Run> runs = streams.computeIfAbsent(key, k -> new TreeMap<>());
        tenants.putIfAbsent(key, tenant);
        hosts.putIfAbsent(key, host);
        Map.Entry<Long, Run> floor = runs.floorEntry(r);
        if (floor != null && floor.getValue().hi >= r) {
            return;
        }
        Run below = floor != null && floor.getValue().hi == r - 1 ? floor.getValue() : null;
        Run above = runs.get(r + 1);
        if (below != null && above != null) {
            below.hi = above.hi;
            below.hiTime = above.hiTime;
            runs.remove(r + 1);
        } else if (below != null) {
            below.hi = r;
            below.hiTime = t;
        } else if (above != null) {
            runs.remove(r + 1);
            above.lo = r;
            above.loTime = t;
            above.first = e;
            runs.put(r, above);
        } else {
            runs.put(r, new Run(r, t, e));
            if (runs.size() > MAX_RUNS) {
                streams.remove(key);
                dropped.add(key);
                abandoned++;
            }
        }
    }

    /** Every stream's runs in record order, streams in a stable order. */
    public List<Map.Entry<Key, List<Run>>> streams() {
        List<Map.Entry<Key, List<Run>>> out = new ArrayList<>();
        for (Map.Entry<Key, TreeMap<Long, Run>> e : streams.entrySet()) {
            out.add(Map.entry(e.getKey(), List.copyOf(e.getValue().values())));
        }
        out.sort(java.util.Comparator.comparing(
                        (Map.Entry<Key, List<Run>> e) -> e.getKey().scope())
                .thenComparing(e -> e.getKey().host())
                .thenComparing(e -> e.getKey().channel()));
        return out;
    }

    public String tenant(Key key) {
        return tenants.get(key);
    }

    public String host(Key key) {
        return hosts.get(key);
    }

    /** Streams given up because they had too many runs. */
    public long abandoned() {
        return abandoned;
    }

    /** Runs held now, over all streams. */
    public long runs() {
        long n = 0;
        for (TreeMap<Long, Run> r : streams.values()) {
            n += r.size();
        }
        return n;
    }
}
