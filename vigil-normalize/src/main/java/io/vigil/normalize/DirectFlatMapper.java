package io.vigil.normalize;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.core.event.Event;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fast path of {@link Normalizer} for {@link RecordShape#FLAT} records: reads a record's JSON tokens
 * straight into event fields and applies the shape's mapping on the way, without the per-record tree,
 * flattened copy and name sets of the {@link FieldMapper} path. Parsing into a tree and normalising it
 * were 60% of a hunt's CPU time on flat corpora such as OTRF.
 *
 * <p>Contract: for a record it accepts, the event (names, values, order, time) is exactly the one
 * {@code TreeBuilder} + {@link Normalizer#normalize} give; a differential test over the shared corpus
 * and the examples holds the two paths together. It declines, returning null, whatever it does not
 * handle identically: a nested object (other shapes, dotted flattening), an object inside an array, a
 * {@code log_type} or {@code winlog.*} key (other shapes), anything after the object, and a mapping
 * with data subtrees or with a source path named by two rules. The caller then takes the tree path,
 * which also reports malformed records: a parse error here is only a reason to decline.
 */
final class DirectFlatMapper {
    private final FieldRule[] rules;
    private final String displacedPrefix;
    private final ChannelNames channels;
    private final boolean usable;

    DirectFlatMapper(ShapeMapping mapping, ChannelNames channels) {
        this.rules = mapping.rules().toArray(new FieldRule[0]);
        this.displacedPrefix = mapping.displacedPrefix();
        this.channels = channels;
        Set<String> sources = new HashSet<>();
        boolean disjoint = true;
        for (FieldRule rule : rules) {
            for (String source : rule.sources()) {
                disjoint &= sources.add(source);
            }
        }
        // data subtrees, stripped prefixes and dropped paths never occur in flat mappings; declining
        // them keeps this class to the one shape it was proven on
        this.usable = disjoint && mapping.hasNoPathRules();
    }

    /**
     * The event fields of the record whose first token the parser is before, or null when declined.
     *
     * @throws IOException when the record does not parse (the caller declines too)
     */
    Event.Builder map(JsonParser parser) throws IOException {
        if (!usable || parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Event.Builder raw = Event.builder(64);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (name.equals("log_type") || name.startsWith("winlog.")) {
                return null;
            }
            JsonToken token = parser.nextToken();
            Object value;
            if (token == JsonToken.START_ARRAY) {
                List<Object> items = new ArrayList<>();
                if (!array(parser, items)) {
                    return null;
                }
                value = Collections.unmodifiableList(items);
            } else if (token == JsonToken.START_OBJECT) {
                return null;
            } else {
                value = scalar(parser, token);
            }
            // a duplicate key replaces the value in place, as in the tree's LinkedHashMap
            raw.put(name, value);
        }
        if (parser.nextToken() != null) {
            return null;
        }
        return mapped(raw);
    }

    /**
     * The event fields of the record in {@code bytes[0, length)}, read by {@code scanner} with string
     * values left encoded, or null when declined (by the scanner or, like {@link #map(JsonParser)}, by
     * this mapper).
     */
    Event.Builder map(byte[] bytes, int length, FlatRecordScanner scanner) {
        if (!usable) {
            return null;
        }
        Event.Builder raw = scanner.scan(bytes, length);
        return raw == null ? null : mapped(raw);
    }

    private Event.Builder mapped(Event.Builder raw) {
        int n = raw.size();
        boolean[] taken = new boolean[n];
        Object[] header = new Object[rules.length];
        boolean[] present = new boolean[rules.length];
        Event.Builder asides = null;
        int headers = 0;
        for (int r = 0; r < rules.length; r++) {
            FieldRule rule = rules[r];
            for (String source : rule.sources()) {
                int at = raw.indexOf(source);
                if (at < 0) {
                    continue;
                }
                if (!present[r]) {
                    taken[at] = true;
                    header[r] = rule.conversion().apply(raw.valueAt(at), channels);
                    present[r] = true;
                    headers++;
                } else if (rule.aside() != null) {
                    taken[at] = true;
                    if (asides == null) {
                        asides = Event.builder(4);
                    }
                    asides.put(rule.aside(), raw.storedAt(at));
                }
            }
        }
        int asideCount = asides == null ? 0 : asides.size();
        Event.Builder fields = Event.builder(headers + n + asideCount);
        for (int r = 0; r < rules.length; r++) {
            if (present[r]) {
                String name = rules[r].name();
                boolean displaced = asides != null && asides.has(name);
                if (!displaced) {
                    int at = raw.indexOf(name);
                    displaced = at >= 0 && !taken[at];
                }
                fields.put(displaced ? displacedPrefix + name : name, header[r]);
            }
        }
        // the same sequence of puts as FieldMapper's data fields followed by its asides
        for (int i = 0; i < n; i++) {
            if (!taken[i]) {
                fields.put(raw.nameAt(i), raw.storedAt(i));
            }
        }
        for (int i = 0; i < asideCount; i++) {
            fields.put(asides.nameAt(i), asides.storedAt(i));
        }
        return fields;
    }

    /** Adds the array's values, nested arrays flattened, to {@code into}; false at an object. */
    private static boolean array(JsonParser parser, List<Object> into) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.START_ARRAY) {
                if (!array(parser, into)) {
                    return false;
                }
            } else if (token == JsonToken.START_OBJECT || token == null) {
                return false;
            } else {
                into.add(scalar(parser, token));
            }
        }
        return true;
    }

    /** A scalar as TreeBuilder reads it and FieldValues keeps it. */
    private static Object scalar(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                JsonParser.NumberType type = parser.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    return parser.getLongValue();
                }
                BigInteger big = parser.getBigIntegerValue();
                double asDouble = big.doubleValue();
                if (Double.isFinite(asDouble)
                        && new BigDecimal(asDouble).toBigIntegerExact().equals(big)) {
                    return asDouble;
                }
                return parser.getText();
            case VALUE_NUMBER_FLOAT:
                double d = parser.getDoubleValue();
                return Double.isFinite(d) ? d : parser.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected token " + token);
        }
    }
}
