package io.vigil.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentSinkTest {
    private static Detection alert(
            String time, Level level, String tenant, String host, String identity, String title) {
        Map<String, Object> extra = new HashMap<>();
        if (tenant != null) {
            extra.put("tenant", tenant);
        }
        if (identity != null) {
            extra.put("identity", identity);
            extra.put("control", "C04");
            extra.put("explanation", identity + " acted from an unsanctioned source");
        }
        Event e = Event.of(
                Map.of("Computer", host, "EventID", 4624L), Instant.parse(time), Provenance.line("x.jsonl", 1));
        return new Detection(new RuleRef(title, title, level, "test", "a", List.of(), "r"), e, extra);
    }

    private static String render(boolean colour, Detection... ds) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (IncidentSink sink = new IncidentSink(out, false, colour)) {
            for (Detection d : ds) {
                sink.accept(d);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void groupsAlertsByTenantThenIncidentLinkedByHostOrIdentity() throws IOException {
        String text = render(
                false,
                alert("2026-11-06T07:40:00Z", Level.HIGH, "acme", "fs01.acme.local", "t.nguyen", "Outside window"),
                alert("2026-11-06T08:00:00Z", Level.MEDIUM, "acme", "app03.acme.local", "t.nguyen", "Fan-out"),
                alert("2026-11-06T09:00:00Z", Level.MEDIUM, "acme", "app03.acme.local", null, "PsExec"),
                // same host, but more than 24 h after the last alert on it: a new incident
                alert("2026-11-09T09:00:00Z", Level.HIGH, "acme", "app03.acme.local", null, "Log cleared"),
                alert("2026-11-06T08:30:00Z", Level.HIGH, "betaco", "DC01", null, "Secretsdump"),
                alert("2026-11-06T08:31:00Z", Level.LOW, "betaco", "DC01", null, "Admin share"),
                alert("2026-11-06T08:32:00Z", Level.HIGH, null, "lab01", null, "Unknown host"));
        assertThat(text).contains("Tenant acme: 2 incidents, 4 alerts, 0 low/informational");
        assertThat(text).contains("Incident acme-1  2026-11-06 07:40:00 → 2026-11-06 09:00:00 UTC  high");
        assertThat(text).contains("identities: t.nguyen  controls: C04");
        assertThat(text).contains("Incident acme-2  2026-11-09 09:00:00 → 2026-11-09 09:00:00 UTC");
        assertThat(text).contains("Tenant betaco: 1 incident, 1 alerts, 1 low/informational");
        assertThat(text).contains("low/informational: Admin share × 1");
        assertThat(text).contains("t.nguyen acted from an unsanctioned source");
        assertThat(text.indexOf("Tenant acme")).isLessThan(text.indexOf("Tenant betaco"));
        assertThat(text.indexOf("Tenant betaco")).isLessThan(text.indexOf("Tenant (no tenant)"));
        assertThat(text).doesNotContain("\u001b");
    }

    @Test
    void coloursOnlyWhenAsked() throws IOException {
        Detection d = alert("2026-11-06T07:40:00Z", Level.HIGH, "acme", "fs01", null, "X");
        assertThat(render(true, d)).contains("\u001b[31m");
        assertThat(render(false, d)).doesNotContain("\u001b");
    }

    @Test
    void saysSoWhenNothingWasDetected() throws IOException {
        assertThat(render(false)).isEqualTo("No detections.\n");
    }
}
