package io.vigil.evtx.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a resolved record element as the JSON tree the Rust {@code evtx_dump} writes, so that an
 * EVTX file and its evtx_dump rendering normalise to the same events. The rules follow evtx 0.12's
 * JSON renderer: an element without attributes and with one text or value child is that value
 * (integers and booleans as numbers, empty as {@code null}); attributes go under {@code
 * "#attributes"} (those with empty values are left out), text beside child elements under {@code
 * "#text"}; repeated child names get {@code _1}, {@code _2}... suffixes; directly inside {@code
 * EventData} or {@code UserData}, named {@code <Data Name="n">} elements become key {@code n} (empty
 * ones {@code ""}) and unnamed ones are gathered into {@code "Data": {"#text": value or [values]}}.
 */
final class DumpTree {
    /** Marks "not a leaf / not a number" in the mirrored evtx_dump decisions. */
    private static final Object NO = new Object();

    private DumpTree() {}

    static Map<String, Object> of(Element root) {
        Map<String, Object> tree = new LinkedHashMap<>(2);
        tree.put(root.name, elementValue(root, false));
        return tree;
    }

    private static Object elementValue(Element e, boolean dataContainer) {
        if (e.attributes.isEmpty()) {
            Object leaf = leaf(e, false);
            if (leaf != NO) {
                return leaf;
            }
        }
        boolean hasText = hasText(e.children);
        boolean attributeText = false;
        for (Attribute a : e.attributes) {
            attributeText |= hasText(a.value);
        }
        if (!e.hasElementChild && !hasText && !attributeText) {
            return null;
        }
        if (!e.hasElementChild && !attributeText) {
            return contentValue(e.children, false);
        }
        return body(e, dataContainer, false, hasText);
    }

    private static Object dataValue(Element e) {
        Object leaf = leaf(e, true);
        if (leaf != NO) {
            return leaf;
        }
        boolean hasText = hasText(e.children);
        if (!hasText && !e.hasElementChild) {
            return "";
        }
        return e.hasElementChild ? body(e, false, true, hasText) : contentValue(e.children, false);
    }

    private static Map<String, Object> body(Element e, boolean dataContainer, boolean omitAttributes, boolean hasText) {
        boolean named = dataContainer && hasNamedData(e);
        Map<String, Object> map = new LinkedHashMap<>(capacity(e.children.size() + 2));
        if (!omitAttributes) {
            Map<String, Object> attributes = attributes(e.attributes);
            if (attributes != null) {
                map.put("#attributes", attributes);
            }
        }
        if (hasText) {
            map.put("#text", contentValue(e.children, true));
        }
        List<Element> unnamedData = null;
        for (int i = 0; i < e.children.size(); i++) {
            if (!(e.children.get(i) instanceof Element)) {
                continue;
            }
            Element child = (Element) e.children.get(i);
            if (dataContainer && child.name.equals("Data")) {
                if (named) {
                    List<Object> name = nameOf(child);
                    if (name != null && hasText(name)) {
                        map.put(text(name, false), dataValue(child));
                    }
                } else {
                    if (unnamedData == null) {
                        unnamedData = new ArrayList<>();
                        map.put("Data", null); // holds the position of the first <Data>
                    }
                    unnamedData.add(child);
                }
                continue;
            }
            String key = child.name;
            if (map.containsKey(key)) {
                int earlier = earlierSiblings(e, i, dataContainer);
                key = earlier == 0 ? key : key + "_" + earlier;
            }
            map.put(key, elementValue(child, child.name.equals("EventData") || child.name.equals("UserData")));
        }
        if (unnamedData != null) {
            Object text;
            if (unnamedData.size() == 1) {
                text = dataValue(unnamedData.get(0));
            } else {
                List<Object> values = new ArrayList<>(unnamedData.size());
                for (Element data : unnamedData) {
                    values.add(dataValue(data));
                }
                text = values;
            }
            Map<String, Object> data = new LinkedHashMap<>(2);
            data.put("#text", text);
            map.put("Data", data);
        }
        return map;
    }

    /**
     * How many earlier siblings (other than flattened Data) share child {@code i}'s name: evtx_dump
     * suffixes repeats {@code _1}, {@code _2}... by that count, whatever other keys exist.
     */
    private static int earlierSiblings(Element e, int i, boolean dataContainer) {
        String name = ((Element) e.children.get(i)).name;
        int count = 0;
        for (int j = 0; j < i; j++) {
            Object node = e.children.get(j);
            if (node instanceof Element
                    && ((Element) node).name.equals(name)
                    && !(dataContainer && name.equals("Data"))) {
                count++;
            }
        }
        return count;
    }

    private static boolean hasNamedData(Element e) {
        for (Object node : e.children) {
            if (node instanceof Element && ((Element) node).name.equals("Data")) {
                List<Object> name = nameOf((Element) node);
                if (name != null && hasText(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Object> nameOf(Element data) {
        for (Attribute a : data.attributes) {
            if (a.name.equals("Name")) {
                return a.value;
            }
        }
        return null;
    }

    private static Map<String, Object> attributes(List<Attribute> attributes) {
        Map<String, Object> map = null;
        for (Attribute a : attributes) {
            if (!hasText(a.value)) {
                continue;
            }
            if (map == null) {
                map = new LinkedHashMap<>(capacity(attributes.size()));
            }
            map.put(a.name, contentValue(a.value, false));
        }
        return map;
    }

    /** evtx_dump's leaf value: one text or value child and no elements; {@code NO} otherwise. */
    private static Object leaf(Element e, boolean emptyAsString) {
        if (e.hasElementChild || e.children.size() != 1) {
            return NO;
        }
        Object only = e.children.get(0);
        if (only instanceof ProcessingInstruction) {
            return NO;
        }
        if (isEmpty(only)) {
            return emptyAsString ? "" : null;
        }
        return isNumber(only) ? only : ScalarText.of(only);
    }

    private static Object contentValue(List<Object> nodes, boolean skipElements) {
        Object number = number(nodes, skipElements);
        return number != NO ? number : text(nodes, skipElements);
    }

    /** The single numeric value of {@code nodes}, as evtx_dump's try_write_as_number decides it. */
    private static Object number(List<Object> nodes, boolean skipElements) {
        Object single = null;
        for (Object node : nodes) {
            if (node instanceof Element) {
                if (skipElements) {
                    continue;
                }
                return NO;
            } else if (node instanceof String) {
                if (skipElements) {
                    if (!((String) node).isEmpty()) {
                        return NO;
                    }
                } else if (single != null || !((String) node).isEmpty()) {
                    return NO;
                } else {
                    single = node;
                }
            } else if (node instanceof ProcessingInstruction) {
                // evtx_dump sees a target and a data node: two nodes never make a single value.
                if (!skipElements) {
                    return NO;
                }
            } else {
                if (skipElements && isEmpty(node)) {
                    continue;
                }
                if (single != null) {
                    return NO;
                }
                single = node;
            }
        }
        return single != null && isNumber(single) ? single : NO;
    }

    private static String text(List<Object> nodes, boolean skipElements) {
        if (nodes.size() == 1 && nodes.get(0) instanceof String) {
            return (String) nodes.get(0);
        }
        StringBuilder s = new StringBuilder();
        for (Object node : nodes) {
            if (!(node instanceof Element)) {
                s.append(ScalarText.of(node));
            } else if (!skipElements) {
                throw EvtxFormatException.malformed("element inside text");
            }
        }
        return s.toString();
    }

    private static boolean hasText(List<Object> nodes) {
        for (Object node : nodes) {
            if (!(node instanceof Element) && !(node instanceof ProcessingInstruction) && !isEmpty(node)) {
                return true;
            }
        }
        return false;
    }

    /** A HashMap capacity that holds {@code entries} without resizing. */
    private static int capacity(int entries) {
        return entries + entries / 3 + 1;
    }

    private static boolean isNumber(Object value) {
        return value instanceof Long || value instanceof Boolean || value instanceof Double;
    }

    private static boolean isEmpty(Object value) {
        return TemplateExpander.isEmpty(value);
    }
}
