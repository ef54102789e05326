package io.vigil.normalize;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Brings input values into the types an {@link io.vigil.core.event.Event} may hold (String, Long,
 * Double, Boolean, unmodifiable List, null), so that matchers can rely on them whichever reader built
 * the tree. Numbers are not reinterpreted: text stays text.
 */
final class FieldValues {
    private FieldValues() {}

    static Object of(Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            return big.bitLength() < 64 ? (Object) big.longValue() : big.toString();
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).doubleValue();
        }
        if (value instanceof List) {
            List<Object> items = new ArrayList<>();
            addAll((List<?>) value, items);
            return Collections.unmodifiableList(items);
        }
        if (value instanceof Map) {
            return CompactJson.of(value);
        }
        return value.toString();
    }

    /** Nested lists are flattened: a list field is a set of values to match against. */
    private static void addAll(List<?> list, List<Object> into) {
        for (Object item : list) {
            if (item instanceof List) {
                addAll((List<?>) item, into);
            } else {
                into.add(of(item));
            }
        }
    }
}
