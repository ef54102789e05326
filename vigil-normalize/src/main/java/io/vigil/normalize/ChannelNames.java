package io.vigil.normalize;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Canonical spelling of event log channel names, from the {@code channels.yaml} table, so that a rule's
 * {@code Channel: Security} matches what a collector shipped as {@code security}.
 */
final class ChannelNames {
    private final Map<String, String> byLowerCase = new HashMap<>();

    ChannelNames(List<String> canonicalNames) {
        for (String name : canonicalNames) {
            byLowerCase.put(name.toLowerCase(Locale.ROOT), name);
        }
    }

    /** The canonical spelling, or {@code channel} itself when the table does not know it. */
    String canonical(String channel) {
        return byLowerCase.getOrDefault(channel.trim().toLowerCase(Locale.ROOT), channel);
    }
}
