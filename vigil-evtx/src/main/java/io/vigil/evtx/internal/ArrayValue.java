package io.vigil.evtx.internal;

import java.util.List;

/**
 * An array substitution value; its items are scalars ({@code String}, {@code Long}, {@code Double},
 * {@code Boolean}). An element holding one with two or more items is repeated once per item.
 */
record ArrayValue(List<Object> items) {
    String text() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(ScalarText.of(items.get(i)));
        }
        return s.toString();
    }
}
