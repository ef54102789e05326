package io.vigil.sigma.match;

import io.vigil.core.event.Event;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The {@code fieldref} modifier: compares a field with the value of another field of the same event
 * (equality, or prefix/suffix/substring when combined with startswith/endswith/contains). As in every
 * other field test, an array field matches when any of its elements does, and an empty value (JSON
 * null, empty array) compares as the empty string.
 */
public record FieldRefMatcher(String field, String otherField, StringPredicate.Mode mode, boolean cased)
        implements Matcher {
    @Override
    public boolean matches(Event event) {
        if (!event.has(field) || !event.has(otherField)) {
            return false;
        }
        for (Object expected : items(event.get(otherField))) {
            String b = text(expected);
            for (Object actual : items(event.get(field))) {
                if (compare(text(actual), b)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean compare(String a, String b) {
        return switch (mode) {
            case EQUALS -> a.equals(b);
            case PREFIX -> a.startsWith(b);
            case SUFFIX -> a.endsWith(b);
            case CONTAINS -> a.contains(b);
        };
    }

    private String text(Object value) {
        String s = value == null ? "" : ValueText.of(value);
        return cased ? s : s.toLowerCase(Locale.ROOT);
    }

    private static List<?> items(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? Collections.singletonList(null) : list;
        }
        return Collections.singletonList(value);
    }
}
