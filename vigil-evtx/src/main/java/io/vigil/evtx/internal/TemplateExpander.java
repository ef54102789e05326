package io.vigil.evtx.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Instantiates templates: copies a template definition with each substitution replaced by the
 * record's value, splices embedded binary XML and nested instances in place, drops optional
 * substitutions whose value is empty, and repeats an element once per item when it holds an array
 * value of two or more items (MS-EVEN6 array expansion, as libevtx and evtx_dump do). Every created
 * node is charged to the record's budget, which bounds the exponential cases (templates reused
 * inside templates, several arrays in one element).
 */
final class TemplateExpander {
    private final ChunkContext ctx;
    /** Whether the element being built received an array value of two or more items. */
    private boolean sawArray;

    TemplateExpander(ChunkContext ctx) {
        this.ctx = ctx;
    }

    /** The first root element of a record's top-level nodes. */
    Element root(List<Object> fragment) {
        List<Object> out = new ArrayList<>(1);
        for (Object node : fragment) {
            expand(node, null, out, 0, false);
            for (Object produced : out) {
                if (produced instanceof Element) {
                    return (Element) produced;
                }
            }
        }
        throw EvtxFormatException.malformed("record without root element");
    }

    private void expand(Object node, Object[] values, List<Object> out, int depth, boolean inAttribute) {
        ctx.spend(1);
        if (node instanceof Element) {
            element((Element) node, values, out, depth);
        } else if (node instanceof Substitution) {
            substitute((Substitution) node, values, out, depth, inAttribute);
        } else if (node instanceof TemplateInstance) {
            TemplateInstance instance = (TemplateInstance) node;
            element(instance.template(), instance.values(), out, depth + 1);
        } else if (node instanceof Fragment) {
            if (inAttribute) {
                throw EvtxFormatException.malformed("binary XML inside an attribute value");
            }
            for (Object inner : ((Fragment) node).nodes()) {
                expand(inner, null, out, depth + 1, false);
            }
        } else {
            out.add(node);
        }
    }

    private void substitute(Substitution s, Object[] values, List<Object> out, int depth, boolean inAttribute) {
        if (values == null || s.index() >= values.length) {
            return;
        }
        Object value = values[s.index()];
        if (s.optional() && isEmpty(value)) {
            return;
        }
        if (value instanceof Fragment) {
            expand(value, null, out, depth, inAttribute);
        } else {
            sawArray |=
                    value instanceof ArrayValue && ((ArrayValue) value).items().size() > 1;
            out.add(value);
        }
    }

    private void element(Element template, Object[] values, List<Object> out, int depth) {
        if (depth + (template.dynamic ? 0 : template.height - 1) > ctx.limits.maxNestingDepth()) {
            throw EvtxFormatException.limit("elements nested deeper than " + ctx.limits.maxNestingDepth());
        }
        if (!template.dynamic) {
            // Nothing to fill in: share the sealed subtree, but charge its size as if copied.
            ctx.spend(template.size);
            out.add(template);
            return;
        }
        Element e = new Element(template.name, template.attributes.size(), template.children.size());
        boolean outer = sawArray;
        sawArray = false;
        for (Attribute a : template.attributes) {
            if (!a.dynamic) {
                e.attributes.add(a);
                continue;
            }
            Attribute resolved = new Attribute(a.name, a.value.size());
            for (Object piece : a.value) {
                expand(piece, values, resolved.value, depth, true);
            }
            if (!resolved.value.isEmpty()) {
                e.attributes.add(resolved);
            }
        }
        boolean arrays = sawArray;
        for (Object child : template.children) {
            sawArray = false;
            expand(child, values, e.children, depth + 1, false);
            arrays |= sawArray;
        }
        sawArray = outer;
        for (Object child : e.children) {
            if (child instanceof Element) {
                e.hasElementChild = true;
                break;
            }
        }
        if (arrays) {
            repeatPerItem(e, out);
        } else {
            out.add(e);
        }
    }

    /** Repeats {@code e} once per item of its first array of two or more items, then the next array. */
    private void repeatPerItem(Element e, List<Object> out) {
        List<Object> holder = e.children;
        int at = firstExpandable(holder);
        for (int i = 0; at < 0 && i < e.attributes.size(); i++) {
            holder = e.attributes.get(i).value;
            at = firstExpandable(holder);
        }
        if (at < 0) {
            out.add(e);
            return;
        }
        List<Object> items = ((ArrayValue) holder.get(at)).items();
        for (Object item : items) {
            ctx.spend(1 + e.children.size() + e.attributes.size());
            repeatPerItem(copyReplacing(e, holder, at, item), out);
        }
    }

    private static Element copyReplacing(Element e, List<Object> holder, int at, Object item) {
        Element copy = new Element(e.name, e.attributes.size(), e.children.size());
        copy.hasElementChild = e.hasElementChild;
        for (Attribute a : e.attributes) {
            Attribute c = new Attribute(a.name, a.value.size());
            copyPieces(a.value, holder, at, item, c.value);
            if (!c.value.isEmpty()) {
                copy.attributes.add(c);
            }
        }
        copyPieces(e.children, holder, at, item, copy.children);
        return copy;
    }

    private static void copyPieces(List<Object> from, List<Object> holder, int at, Object item, List<Object> to) {
        for (int i = 0; i < from.size(); i++) {
            if (from == holder && i == at) {
                // An empty string item leaves the element empty (<Data/>), as evtx_dump renders it.
                if (!"".equals(item)) {
                    to.add(item);
                }
            } else {
                to.add(from.get(i));
            }
        }
    }

    private static int firstExpandable(List<Object> pieces) {
        for (int i = 0; i < pieces.size(); i++) {
            Object p = pieces.get(i);
            if (p instanceof ArrayValue && ((ArrayValue) p).items().size() > 1) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a value counts as absent for an optional substitution. */
    static boolean isEmpty(Object value) {
        return value == NullValue.INSTANCE
                || (value instanceof String && ((String) value).isEmpty())
                || (value instanceof ArrayValue && ((ArrayValue) value).items().isEmpty());
    }
}
