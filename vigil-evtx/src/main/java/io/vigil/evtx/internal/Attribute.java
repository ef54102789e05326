package io.vigil.evtx.internal;

import java.util.ArrayList;
import java.util.List;

/** An attribute: its name and the content pieces (text, values, substitutions) of its value. */
final class Attribute {
    final String name;
    final List<Object> value;
    /** Whether the value holds a substitution; set by {@link Element#seal()}. */
    boolean dynamic;

    Attribute(String name, int pieces) {
        this.name = name;
        this.value = new ArrayList<>(pieces);
    }
}
