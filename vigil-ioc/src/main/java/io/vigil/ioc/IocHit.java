package io.vigil.ioc;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.event.Event;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One indicator found in one event: which indicator, which of its comparisons (for an OR pattern, the
 * one that matched; for an AND, its first), and the event field it was found in.
 *
 * <p>Detections of IOCs use the same shape as rule detections: {@link #rule()} stands in for the rule
 * and {@link #iocMember()} is the extra {@value #MEMBER} member; {@link #detection} puts them together.
 */
public record IocHit(Indicator indicator, Comparison comparison, String field) {
    /** Name of the extra member of a detection that describes the indicator. */
    public static final String MEMBER = "ioc";

    /** Status written into {@link RuleRef#status()} for IOC detections: an exact match is not a heuristic. */
    public static final String STATUS = "stable";

    private static final int MAX_TITLE_VALUE = 200;

    /**
     * The {@code ioc} member: {@code id} (indicator id or MISP attribute uuid), {@code type}, {@code value}
     * as written in the feed, {@code feed} and {@code field} (the event field that matched). Unmodifiable.
     */
    public Map<String, Object> iocMember() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", indicator.id());
        m.put("type", comparison.type().label());
        m.put("value", comparison.value());
        m.put("feed", indicator.feed());
        m.put("field", field);
        return Collections.unmodifiableMap(m);
    }

    /**
     * The rule identity of this hit: id = indicator id, title {@code IOC match: <type> <value>}, the
     * indicator's level (the feed's, else low), author = the feed's creator, tags from the indicator, path =
     * the feed name.
     */
    public RuleRef rule() {
        String value = comparison.value();
        if (value.length() > MAX_TITLE_VALUE) {
            value = value.substring(0, MAX_TITLE_VALUE) + "…";
        }
        return new RuleRef(
                indicator.id(),
                "IOC match: " + comparison.type().label() + " " + value,
                indicator.level(),
                STATUS,
                indicator.author(),
                indicator.tags(),
                indicator.feed());
    }

    /** The detection for {@code event}, as sinks expect it. */
    public Detection detection(Event event) {
        return new Detection(rule(), event, Map.of(MEMBER, iocMember()));
    }
}
