package io.vigil.normalize;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Canonical spelling of event log channel names, from the {@code channels.yaml} table, so that a rule's
 * {@code Channel: Security} matches what a collector shipped as {@code security}.
 */
final class ChannelNames {
    private static final int CACHE_LIMIT = 1024;

    private final Map<String, String> byLowerCase = new HashMap<>();
    /**
     * Answers by exact spelling: every event has a channel, inputs use a handful of spellings, and
     * trimming and lower-casing each one showed in profiles. Bounded against inputs with endless ones.
     */
    private final Map<String, String> byExact = new ConcurrentHashMap<>();

    ChannelNames(List<String> canonicalNames) {
        for (String name : canonicalNames) {
            byLowerCase.put(name.toLowerCase(Locale.ROOT), name);
        }
    }

    /** The canonical spelling, or {@code channel} itself when the table does not know it. */
    String canonical(String channel) {
        String known = byExact.get(channel);
        if (known != null) {
            return known;
        }
        String canonical = byLowerCase.getOrDefault(channel.trim().toLowerCase(Locale.ROOT), channel);
        if (byExact.size() < CACHE_LIMIT) {
            byExact.put(channel, canonical);
        }
        return canonical;
    }
}
