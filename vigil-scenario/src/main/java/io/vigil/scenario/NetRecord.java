package io.vigil.scenario;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A VPN session or flow record ({@code docs/msp-register.md}), ordered in its file by {@code time}. */
final class NetRecord {
    final Instant time;
    final long sequence;
    final Map<String, Object> fields = new LinkedHashMap<>();
    Label label;

    NetRecord(Instant time, long sequence) {
        this.time = time;
        this.sequence = sequence;
    }

    NetRecord put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    NetRecord label(Label value) {
        this.label = value;
        return this;
    }
}
