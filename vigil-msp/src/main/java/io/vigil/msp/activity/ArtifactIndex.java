package io.vigil.msp.activity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per artefact hash and organisation, the earliest occurrence and whether any occurrence there was
 * suspicious: one entry per distinct (hash, organisation), however often the hash repeats.
 */
public final class ArtifactIndex {
    /** The earliest occurrence of a hash in one organisation and whether any there was suspicious. */
    public static final class Seen {
        Artifact first;
        boolean suspicious;

        public Artifact first() {
            return first;
        }

        public boolean suspicious() {
            return suspicious;
        }
    }

    private final Map<String, Map<String, Seen>> byHash = new HashMap<>();
    private long entries;

    public void add(Artifact a) {
        Map<String, Seen> tenants = byHash.computeIfAbsent(a.hash(), k -> new TreeMap<>());
        Seen s = tenants.get(a.tenant());
        if (s == null) {
            s = new Seen();
            tenants.put(a.tenant(), s);
            entries++;
        }
        if (s.first == null || Fact.ORDER.compare(a, s.first) < 0) {
            s.first = a;
        }
        s.suspicious |= a.suspicious();
    }

    /** Hashes seen in at least two organisations, each with its organisations' entries. */
    public List<Map<String, Seen>> crossing() {
        List<Map<String, Seen>> out = new ArrayList<>();
        for (Map<String, Seen> m : byHash.values()) {
            if (m.size() >= 2) {
                out.add(m);
            }
        }
        return out;
    }

    public long entries() {
        return entries;
    }
}
