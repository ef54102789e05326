package io.vigil.sigma.match;

import com.google.re2j.Pattern;

/**
 * The {@code re} modifier on RE2/J: linear-time, so a hostile rule cannot stall matching. Searches for
 * the pattern anywhere in the value, as regular-expression matching in SIEMs does.
 */
public record RegexPredicate(Pattern pattern) implements ValuePredicate {
    @Override
    public boolean test(Object value) {
        return value != null && pattern.matcher(ValueText.of(value)).find();
    }
}
