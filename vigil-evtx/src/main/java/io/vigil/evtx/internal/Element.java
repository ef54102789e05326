package io.vigil.evtx.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An XML element as decoded from binary XML: a template definition (whose content may hold {@link
 * Substitution}s and {@link TemplateInstance}s) or, after {@link TemplateExpander}, a record's
 * resolved element whose content holds only elements, text ({@code String}) and typed values.
 * Resolved trees share the parts of a template that have nothing to fill in, so nothing may modify an
 * element after it is sealed.
 */
final class Element {
    final String name;
    final List<Attribute> attributes;
    final List<Object> children;
    boolean hasElementChild;
    /** Whether the subtree holds substitutions or instances, i.e. must be copied per record. */
    boolean dynamic;
    /** Nodes in the subtree, charged to a record's budget when the subtree is shared. */
    int size = 1;
    /** Levels of elements in the subtree, itself included. */
    int height = 1;

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

    /** Computes {@link #dynamic}, {@link #size} and {@link #height} once the element is complete (children first). */
    void seal() {
        for (Attribute a : attributes) {
            // An attribute without value is dropped when copied, as evtx_dump drops it: copy it.
            a.dynamic = a.value.isEmpty();
            for (Object piece : a.value) {
                a.dynamic |= piece instanceof Substitution;
            }
            dynamic |= a.dynamic;
            size += 1 + a.value.size();
        }
        for (Object child : children) {
            if (child instanceof Element) {
                dynamic |= ((Element) child).dynamic;
                size += ((Element) child).size;
                height = Math.max(height, 1 + ((Element) child).height);
            } else {
                dynamic |=
                        child instanceof Substitution || child instanceof TemplateInstance || child instanceof Fragment;
                size++;
            }
        }
    }
}
