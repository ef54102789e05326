package io.vigil.sink;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The plain-text form of one event field value, for the outputs that are text cells (CSV, table).
 *
 * <p>Absent and null values become the empty string, lists are joined with {@code ", "}.
 */
final class FieldText {
    private FieldText() {}

    static String of(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(FieldText::of).collect(Collectors.joining(", "));
        }
        return value.toString();
    }
}
