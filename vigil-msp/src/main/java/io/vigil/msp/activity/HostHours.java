package io.vigil.msp.activity;

import io.vigil.core.event.Provenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per attributed host, the hours it logged in with the first and last event time of each hour: enough to
 * find silences longer than a threshold, to tell hosts that log every hour from those that do not, and
 * to see whether the rest of the tenant kept logging, at about 100 bytes per host-hour.
 */
public final class HostHours {
    /** A host of an organisation (two tenants may both have a {@code DC01}). */
    public record Host(String tenant, String host) {}

    /** One hour of one host: first and last event time, and the first event's provenance. */
    public static final class Hour {
        Instant min;
        Instant max;
        Provenance minProvenance;
        String computer;

        public Instant min() {
            return min;
        }

        public Instant max() {
            return max;
        }

        public Provenance minProvenance() {
            return minProvenance;
        }

        public String computer() {
            return computer;
        }
    }

    private final Map<Host, TreeMap<Long, Hour>> hosts = new HashMap<>();

    public void add(String tenant, String computer, Instant t, Provenance p) {
        Host key = new Host(tenant, FieldText.shortHost(computer));
        long hour = Math.floorDiv(t.getEpochSecond(), 3600);
        Hour h = hosts.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(hour, k -> new Hour());
        if (h.min == null
                || t.isBefore(h.min)
                || (t.equals(h.min) && Fact.ORDER_PROVENANCE.compare(p, h.minProvenance) < 0)) {
            h.min = t;
            h.minProvenance = p;
            h.computer = computer;
        }
        if (h.max == null || t.isAfter(h.max)) {
            h.max = t;
        }
    }

    /** Hosts in a stable order. */
    public List<Host> hosts() {
        List<Host> out = new ArrayList<>(hosts.keySet());
        out.sort(java.util.Comparator.comparing(Host::tenant).thenComparing(Host::host));
        return out;
    }

    public TreeMap<Long, Hour> hours(Host host) {
        return hosts.get(host);
    }

    /** Host-hours held now. */
    public long size() {
        long n = 0;
        for (TreeMap<Long, Hour> m : hosts.values()) {
            n += m.size();
        }
        return n;
    }
}
