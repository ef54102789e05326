package io.vigil.evtx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Attr;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Compares an {@code <Event>} rendered by libyal's evtxexport with a reader tree: every attribute and
 * text of System, and every EventData/UserData value, located by the evtx_dump layout rules (XML
 * attributes under {@code #attributes}, named Data as keys, unnamed Data under {@code Data.#text},
 * repeated names suffixed {@code _1}...). Value differences that are formatting conventions of one
 * side are classified by kind and counted; anything else is a difference.
 */
final class XmlTreeDiff {
    /** evtxexport prints FILETIME with nine fraction digits, the last two always 0. */
    private static final Pattern NINE_DIGITS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}00Z");

    private static final Pattern BRACED_GUID = Pattern.compile("\\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}}");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-f]+");

    /** Where the test parks control characters that XML 1.0 cannot carry (private-use area). */
    static final char CONTROL_BASE = '\uF700';

    final Map<String, Integer> conventions = new LinkedHashMap<>();
    final Map<String, Integer> differenceKinds = new LinkedHashMap<>();
    final List<String> differences = new ArrayList<>();
    int fields;

    void compareEvent(String where, Node event, Map<String, Object> tree) {
        Object root = tree.get("Event");
        if (!(root instanceof Map)) {
            difference("structure", where + ": no Event object");
            return;
        }
        Map<?, ?> eventTree = (Map<?, ?>) root;
        for (Node child : elements(event)) {
            String name = child.getNodeName();
            Object value = eventTree.get(name);
            boolean container = name.equals("EventData") || name.equals("UserData");
            compareElement(where + "." + name, child, value, container);
        }
    }

    private void compareElement(String path, Node xml, Object value, boolean dataContainer) {
        Map<String, String> attributes = attributes(xml);
        List<Node> children = elements(xml);
        String text = text(xml);
        if (attributes.isEmpty() && children.isEmpty()) {
            compareValue(path, text, value);
            return;
        }
        if (!(value instanceof Map)) {
            if (children.isEmpty() && attributes.values().stream().allMatch(String::isEmpty)) {
                compareValue(path, text, value);
            } else {
                difference("structure", path + ": expected an object for " + attributes + ", got " + value);
            }
            return;
        }
        Map<?, ?> map = (Map<?, ?>) value;
        Map<?, ?> treeAttributes =
                map.get("#attributes") instanceof Map ? (Map<?, ?>) map.get("#attributes") : Map.of();
        attributes.forEach((name, expected) -> {
            if (!expected.isEmpty() || treeAttributes.containsKey(name)) {
                compareValue(path + "/@" + name, expected, treeAttributes.get(name));
            }
        });
        if (children.isEmpty()) {
            if (!text.isEmpty() || map.containsKey("#text")) {
                compareValue(path + "/#text", text, map.get("#text"));
            }
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        List<Node> unnamed = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Node child : children) {
            String name = child.getNodeName();
            String dataName = name.equals("Data") ? attribute(child, "Name") : null;
            if (dataContainer && name.equals("Data") && dataName != null && !dataName.isEmpty()) {
                keys.add(dataName);
                compareValue(path + "." + dataName, text(child), map.get(dataName));
            } else if (dataContainer && name.equals("Data")) {
                keys.add("Data");
                unnamed.add(child);
            } else {
                int n = seen.merge(name, 1, Integer::sum) - 1;
                String key = n == 0 ? name : name + "_" + n;
                keys.add(key);
                compareElement(path + "." + key, child, map.get(key), false);
            }
        }
        for (Object key : map.keySet()) {
            if (keys.contains(String.valueOf(key)) || String.valueOf(key).startsWith("#")) {
                continue;
            }
            if (map.get(key) == null) {
                // e.g. <Binary>%2</Binary> with a NULL optional value: libevtx does not create the
                // element (its format notes say so), evtx_dump keeps it as null ("Binary": null in
                // evtx's event_json_sample_with_event_data_with_attributes_and_text snapshot).
                convention("element whose optional value is NULL: evtxexport omits it, evtx_dump keeps it as null");
            } else {
                difference("structure", path + ": reader has " + key + ", evtxexport does not");
            }
        }
        if (!unnamed.isEmpty()) {
            Object data = map.get("Data") instanceof Map ? ((Map<?, ?>) map.get("Data")).get("#text") : null;
            if (unnamed.size() == 1) {
                compareValue(path + ".Data", text(unnamed.get(0)), data);
            } else if (data instanceof List && ((List<?>) data).size() == unnamed.size()) {
                for (int i = 0; i < unnamed.size(); i++) {
                    compareValue(path + ".Data[" + i + "]", text(unnamed.get(i)), ((List<?>) data).get(i));
                }
            } else {
                difference("structure", path + ".Data: " + unnamed.size() + " unnamed values, got " + data);
            }
        }
    }

    private void compareValue(String path, String expected, Object actual) {
        fields++;
        String got = actual == null ? "" : String.valueOf(actual);
        if (expected.equals(got)) {
            return;
        }
        if (BRACED_GUID.matcher(expected).matches() && expected.substring(1, 37).equals(got)) {
            convention("GUID: evtxexport {braces}, evtx_dump none");
        } else if (NINE_DIGITS.matcher(expected).matches() && got.equals(expected.substring(0, 27) + "Z")) {
            convention("FILETIME: evtxexport 9 fraction digits, reader 7 (100 ns)");
        } else if (HEX.matcher(expected).matches()
                && HEX.matcher(got).matches()
                && Long.parseUnsignedLong(expected.substring(2), 16) == Long.parseUnsignedLong(got.substring(2), 16)) {
            convention("hex integer: evtxexport zero-pads to the type width, Windows/evtx_dump do not");
        } else {
            difference("value", path + ": evtxexport " + quote(expected) + ", reader " + quote(got));
        }
    }

    private void convention(String kind) {
        conventions.merge(kind, 1, Integer::sum);
    }

    private void difference(String kind, String detail) {
        differenceKinds.merge(kind, 1, Integer::sum);
        differences.add(detail);
    }

    private static String quote(String s) {
        String shown = s.length() > 120 ? s.substring(0, 120) + "..." : s;
        return '"' + shown.replace("\n", "\\n").replace("\r", "\\r") + '"';
    }

    static List<Node> elements(Node parent) {
        List<Node> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                out.add(n);
            }
        }
        return out;
    }

    /** Direct text; pure indentation between child elements is evtxexport's pretty-printing, not data. */
    private static String text(Node parent) {
        StringBuilder s = new StringBuilder();
        boolean elements = false;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                s.append(n.getNodeValue());
            } else if (n.getNodeType() == Node.ELEMENT_NODE) {
                elements = true;
            }
        }
        return elements && s.toString().isBlank() ? "" : restore(s.toString());
    }

    private static Map<String, String> attributes(Node element) {
        Map<String, String> out = new LinkedHashMap<>();
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            out.put(a.getName(), restore(a.getValue()));
        }
        return out;
    }

    private static String attribute(Node element, String name) {
        Node a = element.getAttributes().getNamedItem(name);
        return a == null ? null : restore(a.getNodeValue());
    }

    private static String restore(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= CONTROL_BASE && c < CONTROL_BASE + 0x20) {
                if (out == null) {
                    out = new StringBuilder(s.substring(0, i));
                }
                out.append((char) (c - CONTROL_BASE));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
