package io.vigil.ioc;

import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds test events from alternating field names and values. */
public final class Events {
    public static final Instant TIME = Instant.parse("2024-03-01T10:00:00Z");

    private Events() {}

    public static Event of(Object... nameValue) {
        return at(TIME, nameValue);
    }

    public static Event at(Instant time, Object... nameValue) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            fields.put((String) nameValue[i], nameValue[i + 1]);
        }
        return Event.of(fields, time, Provenance.line("test.jsonl", 1));
    }
}
