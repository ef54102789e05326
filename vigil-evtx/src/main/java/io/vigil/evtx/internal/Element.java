package io.vigil.evtx.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An XML element as decoded from binary XML: a template definition (whose content may hold {@link
 * Substitution}s and {@link TemplateInstance}s) or, after {@link TemplateExpander}, a record's
 * resolved element whose content holds only elements, text ({@code String}) and typed values.
 */
final class Element {
    final String name;
    final List<Attribute> attributes;
    final List<Object> children;
    boolean hasElementChild;

    Element(String name, int attributeCount, int childCount) {
        this.name = name;
        this.attributes = new ArrayList<>(attributeCount);
        this.children = new ArrayList<>(childCount);
    }

    void addChild(Object child) {
        if (child instanceof Element) {
            hasElementChild = true;
        }
        children.add(child);
    }
}
