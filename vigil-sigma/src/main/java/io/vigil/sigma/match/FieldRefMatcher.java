package io.vigil.sigma.match;

import io.vigil.core.event.Event;
import java.util.Locale;

/**
 * The {@code fieldref} modifier: compares a field with the value of another field of the same event
 * (equality, or prefix/suffix/substring when combined with startswith/endswith/contains).
 */
public record FieldRefMatcher(String field, String otherField, StringPredicate.Mode mode, boolean cased)
        implements Matcher {
    @Override
    public boolean matches(Event event) {
        if (!event.has(field) || !event.has(otherField)) {
            return false;
        }
        String a = ValueText.of(event.get(field));
        String b = ValueText.of(event.get(otherField));
        if (a == null || b == null) {
            return a == null && b == null && mode == StringPredicate.Mode.EQUALS;
        }
        if (!cased) {
            a = a.toLowerCase(Locale.ROOT);
            b = b.toLowerCase(Locale.ROOT);
        }
        return switch (mode) {
            case EQUALS -> a.equals(b);
            case PREFIX -> a.startsWith(b);
            case SUFFIX -> a.endsWith(b);
            case CONTAINS -> a.contains(b);
        };
    }
}
