package io.vigil.scenario;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Windows event before it is written: the host that logged it, its channel, id and provider, its true
 * time (the host's clock skew is applied when written) and its own fields in Windows order. {@code
 * userDataElement} names the UserData element for events that carry UserData instead of EventData.
 */
public final class WinEvent {
    final Host host;
    final String channel;
    final String provider;
    final int eventId;
    final Instant time;
    final long sequence;
    final Map<String, Object> data = new LinkedHashMap<>();
    String userDataElement;
    Label label;

    WinEvent(Host host, String channel, String provider, int eventId, Instant time, long sequence) {
        this.host = host;
        this.channel = channel;
        this.provider = provider;
        this.eventId = eventId;
        this.time = time;
        this.sequence = sequence;
    }

    /** Adds a field; values are Strings or Longs as the event schema renders them. */
    WinEvent put(String name, Object value) {
        data.put(name, value);
        return this;
    }

    WinEvent label(Label value) {
        this.label = value;
        return this;
    }

    Instant recorded() {
        return time.plusMillis(host.skewMillis());
    }
}
