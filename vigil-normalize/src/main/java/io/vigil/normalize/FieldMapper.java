package io.vigil.normalize;

import io.vigil.core.event.Event;
import io.vigil.core.event.FieldLayouts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a {@link ShapeMapping} to one flattened record and yields the event's fields: header fields
 * first in mapping order, then data and passed-through fields in input order.
 *
 * <p>Inside data subtrees the XML conventions of evtx_dump are undone: {@code #attributes} are dropped,
 * {@code X.#text} is {@code X}, and unnamed {@code <Data>} values (a {@code Data} list, {@code
 * Data.#text}, text directly in the subtree) are gathered, in order, into one field {@code Data}: the
 * value itself when there is one, else a list. List elements that carry a name ({@code {"@Name": ..,
 * "#text": ..}} or {@code {"#attributes": {"Name": ..}, "#text": ..}}, as other XML-to-JSON converters
 * write) become fields of that name.
 */
final class FieldMapper {
    private static final String DATA = "Data";
    private static final String TEXT = "#text";
    private static final String ATTRIBUTES = "#attributes";

    private final ShapeMapping mapping;
    private final ChannelNames channels;
    /** Records of one shape make events of one layout (see {@link FieldLayouts}), per thread. */
    private final ThreadLocal<FieldLayouts> layouts = ThreadLocal.withInitial(FieldLayouts::new);

    FieldMapper(ShapeMapping mapping, ChannelNames channels) {
        this.mapping = mapping;
        this.channels = channels;
    }

    /** Maps a flattened record; {@code paths} is only read. */
    Event.Builder map(Map<String, Object> paths) {
        // paths taken by header rules; a set rather than a copy of the record without them, because
        // this runs for every event and records have far more fields than headers
        Set<String> taken = new HashSet<>();
        Map<String, Object> header = new LinkedHashMap<>();
        Map<String, Object> asides = null;
        for (FieldRule rule : mapping.rules()) {
            boolean found = false;
            for (String source : rule.sources()) {
                if (!paths.containsKey(source) || taken.contains(source)) {
                    continue;
                }
                if (!found) {
                    taken.add(source);
                    Object value = FieldValues.of(paths.get(source));
                    header.put(rule.name(), rule.conversion().apply(value, channels));
                    found = true;
                } else if (rule.aside() != null) {
                    taken.add(source);
                    if (asides == null) {
                        asides = new LinkedHashMap<>();
                    }
                    asides.put(rule.aside(), FieldValues.of(paths.get(source)));
                }
            }
        }

        Data data = new Data(paths.size());
        for (Map.Entry<String, Object> entry : paths.entrySet()) {
            String path = entry.getKey();
            if (taken.contains(path) || mapping.dropped(path)) {
                continue;
            }
            String below = mapping.belowData(path);
            if (below != null) {
                data.add(below, entry.getValue());
            } else {
                data.fields.put(mapping.passThroughName(path), FieldValues.of(entry.getValue()));
            }
        }
        if (asides != null) {
            asides.forEach(data.fields::put);
        }
        data.finish();

        Event.Builder fields = Event.builder(header.size() + data.fields.size(), layouts.get());
        for (Map.Entry<String, Object> entry : header.entrySet()) {
            String name = entry.getKey();
            // the record's own field keeps the name: that is the field rules mean (e.g. the cleared
            // channel of System 104 against the header Channel)
            String target = data.fields.has(name) ? mapping.displacedPrefix() + name : name;
            fields.put(target, entry.getValue());
        }
        for (int i = 0; i < data.fields.size(); i++) {
            fields.put(data.fields.nameAt(i), data.fields.valueAt(i));
        }
        return fields;
    }

    /** The non-header fields of one record under construction. */
    private static final class Data {
        final Event.Builder fields;
        final List<Object> unnamed = new ArrayList<>();

        Data(int expectedFields) {
            // sized up front: resizing showed in profiles, records have dozens of fields
            fields = Event.builder(expectedFields);
        }

        void add(String below, Object value) {
            if (below.isEmpty() || below.equals(TEXT)) {
                unnamed(value);
                return;
            }
            if (below.equals(ATTRIBUTES) || below.startsWith(ATTRIBUTES + ".") || below.contains("." + ATTRIBUTES)) {
                return;
            }
            String name = below.endsWith("." + TEXT) ? below.substring(0, below.length() - TEXT.length() - 1) : below;
            if (name.equals(DATA)) {
                dataElements(value);
            } else {
                fields.put(name, FieldValues.of(value));
            }
        }

        private void dataElements(Object value) {
            if (!(value instanceof List)) {
                unnamed(value);
                return;
            }
            for (Object element : (List<?>) value) {
                String name = nameOf(element);
                if (name != null) {
                    fields.put(name, FieldValues.of(((Map<?, ?>) element).get(TEXT)));
                } else if (element instanceof Map && ((Map<?, ?>) element).containsKey(TEXT)) {
                    unnamed(((Map<?, ?>) element).get(TEXT));
                } else {
                    unnamed(element);
                }
            }
        }

        private static String nameOf(Object element) {
            if (!(element instanceof Map)) {
                return null;
            }
            Map<?, ?> map = (Map<?, ?>) element;
            Object name = map.get("@Name");
            if (name == null && map.get(ATTRIBUTES) instanceof Map) {
                name = ((Map<?, ?>) map.get(ATTRIBUTES)).get("Name");
            }
            return name == null ? null : name.toString();
        }

        private void unnamed(Object value) {
            if (value == null) {
                return;
            }
            if (unnamed.isEmpty()) {
                // hold the position of the first unnamed value so that Data keeps its input order
                if (!fields.has(DATA)) {
                    fields.put(DATA, null);
                }
            }
            Object legal = FieldValues.of(value);
            if (legal instanceof List) {
                unnamed.addAll((List<?>) legal);
            } else {
                unnamed.add(legal);
            }
        }

        void finish() {
            if (unnamed.isEmpty()) {
                return;
            }
            Object existing = fields.get(DATA);
            List<Object> values = new ArrayList<>();
            if (existing instanceof List) {
                values.addAll((List<?>) existing);
            } else if (existing != null) {
                values.add(existing);
            }
            values.addAll(unnamed);
            fields.put(DATA, values.size() == 1 ? values.get(0) : java.util.Collections.unmodifiableList(values));
        }
    }
}
