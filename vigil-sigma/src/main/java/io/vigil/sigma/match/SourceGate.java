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

    /**
     * The prefix under which the normaliser keeps a record header field whose name an event's own data
     * reuses (System 104 carries a {@code Channel} of its own); gates must read the header.
     */
    private static final String DISPLACED = "System_";

    private static final String CHANNEL = "Channel";
    private static final String EVENT_ID = "EventID";
    private static final String PROVIDER = "Provider_Name";
    // the displaced names once, not concatenated on every event and rule
    private static final String DISPLACED_CHANNEL = DISPLACED + CHANNEL;
    private static final String DISPLACED_EVENT_ID = DISPLACED + EVENT_ID;
    private static final String DISPLACED_PROVIDER = DISPLACED + PROVIDER;

    private static Object header(Event event, String displacedName, String name) {
        Object displaced = event.get(displacedName);
        return displaced != null ? displaced : event.get(name);
    }

    /** The event's log channel (from the record header), or null. */
    public static String channelOf(Event event) {
        return ValueText.of(header(event, DISPLACED_CHANNEL, CHANNEL));
    }

    /** The event's numeric event id (from the record header), or null. */
    public static Long eventIdOf(Event event) {
        Object id = header(event, DISPLACED_EVENT_ID, EVENT_ID);
        if (id instanceof Long l) {
            return l;
        }
        Double number = ValueText.number(id);
        return number == null ? null : number.longValue();
    }

    /** The provider part of the gate alone, for callers that have already checked channel and id. */
    public boolean matchesProvider(Event event) {
        if (providers == null) {
            return true;
        }
        // the event keeps the lower-cased value: every gated rule tested on it asks again
        int displaced = event.indexOf(DISPLACED_PROVIDER);
        Object folded =
                displaced >= 0 && event.valueAt(displaced) != null ? event.foldedAt(displaced) : event.folded(PROVIDER);
        String p = ValueText.of(folded);
        return p != null && providers.contains(p);
    }

    @Override
    public boolean matches(Event event) {
        if (channel != null) {
            String c = channelOf(event);
            if (c == null || !c.toLowerCase(Locale.ROOT).equals(channel)) {
                return false;
            }
        }
        if (eventIds != null) {
            Long id = eventIdOf(event);
            if (id == null || !eventIds.contains(id)) {
                return false;
            }
        }
        return matchesProvider(event);
    }
}
