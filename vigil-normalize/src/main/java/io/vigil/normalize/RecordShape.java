package io.vigil.normalize;

import java.util.Map;

/**
 * The JSON layouts Windows events arrive in. Each has its own field mapping resource, so that all of
 * them normalise to the same Sigma field names.
 */
public enum RecordShape {
    /** evtx_dump output: {@code {"Event": {"System": ..., "EventData": ...}}}. */
    EVTX_DUMP("evtx_dump.yaml"),
    /** Winlogbeat / Elastic Common Schema: {@code winlog.*}, nested or as dotted keys. */
    ECS("ecs.yaml"),
    /**
     * A VPN session or network flow record (docs/msp-register.md): a {@code log_type} of {@code
     * vpn_session} or {@code flow}.
     */
    NETWORK_LOG("network_log.yaml"),
    /** One flat object per event (NXLog, OTRF Security-Datasets): everything else. */
    FLAT("flat.yaml");

    private final String resource;

    RecordShape(String resource) {
        this.resource = resource;
    }

    /** Name of the mapping resource next to this class. */
    String resource() {
        return resource;
    }

    /**
     * Tells the shape of a record: an {@code Event} object means evtx_dump; a {@code winlog} object or
     * any key starting {@code winlog.} means ECS; a {@code log_type} of {@code vpn_session} or {@code
     * flow} means a network log; anything else is flat.
     */
    public static RecordShape detect(Map<String, ?> tree) {
        Object logType = tree.get("log_type");
        if ("vpn_session".equals(logType) || "flow".equals(logType)) {
            return NETWORK_LOG;
        }
        if (tree.get("Event") instanceof Map) {
            return EVTX_DUMP;
        }
        if (tree.get("winlog") instanceof Map) {
            return ECS;
        }
        for (String key : tree.keySet()) {
            if (key.startsWith("winlog.")) {
                return ECS;
            }
        }
        return FLAT;
    }
}
