package io.vigil.correlate;

import java.util.Locale;
import java.util.Optional;

/**
 * The seven correlation types of Sigma correlation specification v2.1. The specification's prose lists
 * only the first four; its JSON schema and history add the three numeric aggregations, which Vigil
 * supports as well.
 */
public enum CorrelationType {
    EVENT_COUNT,
    VALUE_COUNT,
    TEMPORAL,
    TEMPORAL_ORDERED,
    VALUE_SUM,
    VALUE_AVG,
    VALUE_PERCENTILE;

    /** The lower-case name used in rules and in the {@code correlation.type} output member. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the exact lower-case name as written in a rule; anything else is unknown. */
    public static Optional<CorrelationType> parse(String text) {
        for (CorrelationType t : values()) {
            if (t.label().equals(text)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** True for the types that aggregate the value of {@code condition.field}. */
    public boolean needsField() {
        return this == VALUE_COUNT || numeric();
    }

    /** True for the types that compute a number from the field's numeric values. */
    public boolean numeric() {
        return this == VALUE_SUM || this == VALUE_AVG || this == VALUE_PERCENTILE;
    }

    /** True for {@code temporal} and {@code temporal_ordered}, whose condition is optional. */
    public boolean temporal() {
        return this == TEMPORAL || this == TEMPORAL_ORDERED;
    }
}
