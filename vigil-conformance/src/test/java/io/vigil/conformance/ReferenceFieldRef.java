package io.vigil.conformance;

import io.vigil.core.event.Event;
import java.util.Collections;
import java.util.List;

/**
 * The reference evaluator's {@code fieldref}: the referenced field's value becomes a literal rule
 * value (with the position modifiers as wildcards) tested against the field. Both fields must exist.
 */
final class ReferenceFieldRef {
    private ReferenceFieldRef() {}

    static boolean matches(Event e, String field, String otherField, ReferenceModifiers m) {
        if (!e.has(field) || !e.has(otherField)) {
            return false;
        }
        for (Object expected : items(e.get(otherField))) {
            String needle = ReferenceText.of(expected);
            ReferencePattern p = ReferencePattern.literal(needle == null ? "" : needle);
            boolean contains = m.has("contains") || m.has("startswith") && m.has("endswith");
            p = p.withStars(contains || m.has("endswith"), contains || m.has("startswith"));
            com.google.re2j.Pattern re = com.google.re2j.Pattern.compile(p.regex(m.cased));
            for (Object actual : items(e.get(field))) {
                String text = ReferenceText.of(actual);
                if (re.matcher(text == null ? "" : text).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The values of a field: its elements when it is a list (an empty list is one null). */
    private static List<?> items(Object value) {
        if (value instanceof List<?> l && !l.isEmpty()) {
            return l;
        }
        return Collections.singletonList(value instanceof List<?> ? null : value);
    }
}
