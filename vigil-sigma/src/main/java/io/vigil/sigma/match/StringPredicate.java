package io.vigil.sigma.match;

import java.util.Locale;

/**
 * Literal string comparison, the common case of Sigma values: equality, prefix, suffix or substring.
 * Case-insensitive unless {@code cased}; the needle is folded once at compile time.
 */
public record StringPredicate(Mode mode, String needle, boolean cased) implements ValuePredicate {
    /** How the needle is compared with the value. */
    public enum Mode {
        EQUALS,
        PREFIX,
        SUFFIX,
        CONTAINS
    }

    public StringPredicate {
        if (!cased) {
            needle = needle.toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public boolean takesFolded() {
        return !cased;
    }

    @Override
    public boolean testFolded(Object folded) {
        if (folded == null) {
            return needle.isEmpty();
        }
        return compare(ValueText.of(folded));
    }

    private boolean compare(String s) {
        return switch (mode) {
            case EQUALS -> s.equals(needle);
            case PREFIX -> s.startsWith(needle);
            case SUFFIX -> s.endsWith(needle);
            case CONTAINS -> s.contains(needle);
        };
    }

    @Override
    public boolean test(Object value) {
        if (value == null) {
            // An empty field is written as null by evtx_dump; the rule value '' means "empty".
            return needle.isEmpty();
        }
        String s = ValueText.of(value);
        if (!cased) {
            s = s.toLowerCase(Locale.ROOT);
        }
        return compare(s);
    }
}
