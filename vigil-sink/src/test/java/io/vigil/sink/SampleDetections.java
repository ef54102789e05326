package io.vigil.sink;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Detections built for the sink tests. */
final class SampleDetections {
    static final RuleRef LSASS = new RuleRef(
            "0d894093-71bc-43c3-8c4d-ecfc28dcf5d9",
            "LSASS Memory Dump",
            Level.HIGH,
            "test",
            "Florian Roth",
            List.of("attack.credential_access", "attack.t1003.001"),
            "rules/windows/process_access/lsass.yml");

    private SampleDetections() {}

    static RuleRef rule(String title, Level level) {
        return new RuleRef("id-" + title, title, level, "stable", "someone", List.of(), "rules/" + title + ".yml");
    }

    static Detection detection(RuleRef rule, Instant time, String computer) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("EventID", 4624L);
        fields.put("Channel", "Security");
        fields.put("Computer", computer);
        return new Detection(rule, Event.of(fields, time, Provenance.record("logs/Security.evtx", 7)));
    }

    static Detection detection(RuleRef rule, Map<String, Object> fields, Instant time, Provenance source) {
        return new Detection(rule, Event.of(fields, time, source));
    }
}
