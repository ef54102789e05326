package io.vigil.sigma.match;

import io.vigil.core.event.Event;
import java.util.Locale;
import java.util.Set;

/**
 * The log-source precondition of a compiled rule branch: the event's channel, event id and provider
 * must be those of the Sigma {@code logsource}, so that event ids that collide across channels never
 * cause false matches. Null parts are unconstrained. Channel and provider compare case-insensitively
 * (shippers lower-case channel names).
 */
public record SourceGate(String channel, Set<Long> eventIds, Set<String> providers) implements Matcher {
    public static final SourceGate ANY = new SourceGate(null, null, null);

    public SourceGate {
        channel = channel == null ? null : channel.toLowerCase(Locale.ROOT);
        eventIds = eventIds == null ? null : Set.copyOf(eventIds);
        providers = providers == null
                ? null
                : Set.copyOf(
                        providers.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList());
    }

    /** The provider part of the gate alone, for callers that have already checked channel and id. */
    public boolean matchesProvider(Event event) {
        if (providers == null) {
            return true;
        }
        String p = ValueText.of(event.get("Provider_Name"));
        return p != null && providers.contains(p.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean matches(Event event) {
        if (channel != null) {
            String c = ValueText.of(event.get("Channel"));
            if (c == null || !c.toLowerCase(Locale.ROOT).equals(channel)) {
                return false;
            }
        }
        if (eventIds != null) {
            Double id = ValueText.number(event.get("EventID"));
            if (id == null || !eventIds.contains(id.longValue())) {
                return false;
            }
        }
        if (providers != null) {
            String p = ValueText.of(event.get("Provider_Name"));
            return p != null && providers.contains(p.toLowerCase(Locale.ROOT));
        }
        return true;
    }
}
