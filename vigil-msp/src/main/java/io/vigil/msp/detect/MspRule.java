package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.event.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One MSP detection id of docs/msp-detections.md with its fixed metadata, and the one place that shapes
 * an MSP detection's output members ({@code tenant}, {@code identity}, {@code control}, {@code
 * explanation}, {@code msp}).
 *
 * @param control TA18-276A control id ({@code C03}), or null
 */
public record MspRule(String id, String title, Level level, String control, List<String> tags) {
    public static final String AUTHOR = "Vigil";
    public static final String STATUS = "experimental";

    public MspRule {
        tags = List.copyOf(tags);
    }

    public RuleRef ref() {
        return new RuleRef(id, title, level, STATUS, AUTHOR, tags, "builtin:msp/" + id);
    }

    /**
     * The detection for {@code event}.
     *
     * @param tenant organisation id or null; @param identity identity id(s) or null
     */
    public Detection detection(
            Event event, String tenant, String identity, String explanation, Map<String, Object> details) {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (tenant != null) {
            extra.put("tenant", tenant);
        }
        if (identity != null) {
            extra.put("identity", identity);
        }
        if (control != null) {
            extra.put("control", control);
        }
        extra.put("explanation", explanation);
        extra.put("msp", details);
        return new Detection(ref(), event, extra);
    }

    /**
     * The detection at level {@code low} with {@code original_level}: what the rule saw during sanctioned
     * maintenance, kept for the analyst but not an alert (the same convention as lowered single-event
     * detections).
     */
    public Detection lowered(
            Event event, String tenant, String identity, String explanation, Map<String, Object> details) {
        Detection d = detection(event, tenant, identity, explanation, details);
        Map<String, Object> extra = new LinkedHashMap<>(d.extra());
        extra.put("original_level", level.label());
        RuleRef r = ref();
        return new Detection(
                new RuleRef(r.id(), r.title(), Level.LOW, r.status(), r.author(), r.tags(), r.path()), event, extra);
    }
}
