package io.vigil.scenario;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The three JSON shapes Vigil reads Windows events in (vigil-normalize's flat.yaml, ecs.yaml and
 * evtx_dump.yaml), each written as one object per line so that labels can point at a line.
 */
public enum EventShape {
    /** NXLog / OTRF: header and event fields at the top level. */
    FLAT {
        @Override
        void write(JsonGenerator g, WinEvent e, long recordId) throws IOException {
            g.writeStartObject();
            g.writeNumberField("EventID", e.eventId);
            g.writeStringField("Channel", e.channel);
            g.writeStringField("SourceName", e.provider);
            g.writeStringField("Hostname", e.host.computer());
            g.writeStringField("TimeCreated", MILLIS.format(e.recorded()));
            g.writeNumberField("EventRecordID", recordId);
            fields(g, e.data);
            g.writeEndObject();
        }
    },
    /** Winlogbeat / Elastic Common Schema. */
    ECS {
        @Override
        void write(JsonGenerator g, WinEvent e, long recordId) throws IOException {
            Instant t = e.recorded();
            g.writeStartObject();
            g.writeStringField("@timestamp", MILLIS.format(t));
            g.writeObjectFieldStart("agent");
            g.writeStringField("type", "winlogbeat");
            g.writeStringField("version", "8.15.3");
            g.writeStringField("name", e.host.name().toLowerCase(java.util.Locale.ROOT));
            g.writeEndObject();
            g.writeObjectFieldStart("event");
            g.writeStringField("code", Integer.toString(e.eventId));
            g.writeStringField("provider", e.provider);
            g.writeStringField("kind", "event");
            g.writeEndObject();
            g.writeObjectFieldStart("host");
            g.writeStringField("name", e.host.computer());
            g.writeEndObject();
            g.writeObjectFieldStart("winlog");
            g.writeStringField("channel", e.channel);
            g.writeStringField("computer_name", e.host.computer());
            g.writeNumberField("event_id", e.eventId);
            g.writeStringField("provider_name", e.provider);
            g.writeNumberField("record_id", recordId);
            g.writeObjectFieldStart(e.userDataElement == null ? "event_data" : "user_data");
            fields(g, e.data);
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        }
    },
    /** The Rust evtx crate's {@code evtx_dump -o jsonl}. */
    EVTX_DUMP {
        @Override
        void write(JsonGenerator g, WinEvent e, long recordId) throws IOException {
            g.writeStartObject();
            g.writeObjectFieldStart("Event");
            g.writeObjectFieldStart("#attributes");
            g.writeStringField("xmlns", "http://schemas.microsoft.com/win/2004/08/events/event");
            g.writeEndObject();
            g.writeObjectFieldStart("System");
            g.writeObjectFieldStart("Provider");
            g.writeObjectFieldStart("#attributes");
            g.writeStringField("Name", e.provider);
            g.writeEndObject();
            g.writeEndObject();
            g.writeNumberField("EventID", e.eventId);
            g.writeObjectFieldStart("TimeCreated");
            g.writeObjectFieldStart("#attributes");
            g.writeStringField("SystemTime", MICROS.format(e.recorded()));
            g.writeEndObject();
            g.writeEndObject();
            g.writeNumberField("EventRecordID", recordId);
            g.writeStringField("Channel", e.channel);
            g.writeStringField("Computer", e.host.computer());
            g.writeEndObject();
            if (e.userDataElement == null) {
                g.writeObjectFieldStart("EventData");
            } else {
                g.writeObjectFieldStart("UserData");
                g.writeObjectFieldStart(e.userDataElement);
            }
            fields(g, e.data);
            if (e.userDataElement != null) {
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        }
    };

    static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    abstract void write(JsonGenerator g, WinEvent e, long recordId) throws IOException;

    private static void fields(JsonGenerator g, Map<String, Object> data) throws IOException {
        for (Map.Entry<String, Object> f : data.entrySet()) {
            if (f.getValue() instanceof Long n) {
                g.writeNumberField(f.getKey(), n);
            } else {
                g.writeStringField(f.getKey(), String.valueOf(f.getValue()));
            }
        }
    }
}
