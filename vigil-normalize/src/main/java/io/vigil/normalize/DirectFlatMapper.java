package io.vigil.normalize;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.core.event.Event;
import io.vigil.core.event.FieldLayouts;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    /** Header sources and rules are tracked as bits of a long per record. */
    private static final int MAX_TRACKED = Long.SIZE;

    private final FieldRule[] rules;
    private final ChannelNames channels;
    private final boolean usable;
    /** Index of each header source; a rule's sources are numbered consecutively in preference order. */
    private final Map<String, Integer> sourceIndex = new HashMap<>();
    /** Index of the rule of each canonical header name. */
    private final Map<String, Integer> ruleIndex = new HashMap<>();
    /** Per rule, the bits of its sources. */
    private final long[] ruleSources;
    /** Per rule, the source index of the rule's own name, or -1 when no rule reads that name. */
    private final int[] headerSource;
    /** Per rule, the bits of the rules whose aside field has this rule's name. */
    private final long[] displacingAsides;
    /** Per rule, the name under which a displaced header field goes (computed once, not per record). */
    private final String[] displacedNames;

    private final ThreadLocal<Scratch> scratch;

    /**
     * The names decided so far: a name a reader's cache dropped comes back as the same instances, which
     * {@link FieldLayouts} follows by identity (28% of a hunt's names were equal copies before).
     * Bounded, for inputs with ever new names.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, FlatFieldName> decided =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final int MAX_DECIDED = 16_384;

    DirectFlatMapper(ShapeMapping mapping, ChannelNames channels) {
        this.rules = mapping.rules().toArray(new FieldRule[0]);
        this.channels = channels;
        this.ruleSources = new long[rules.length];
        this.headerSource = new int[rules.length];
        this.displacingAsides = new long[rules.length];
        this.displacedNames = new String[rules.length];
        boolean disjoint = true;
        for (int r = 0; r < rules.length; r++) {
            for (String source : rules[r].sources()) {
                int index = sourceIndex.size();
                disjoint &= sourceIndex.putIfAbsent(source, index) == null;
                if (index < MAX_TRACKED) {
                    ruleSources[r] |= 1L << index;
                }
            }
            ruleIndex.putIfAbsent(rules[r].name(), r);
            displacedNames[r] = mapping.displacedPrefix() + rules[r].name();
        }
        for (int r = 0; r < rules.length; r++) {
            headerSource[r] = sourceIndex.getOrDefault(rules[r].name(), -1);
            for (int q = 0; q < rules.length; q++) {
                if (rules[r].name().equals(rules[q].aside()) && q < MAX_TRACKED) {
                    displacingAsides[r] |= 1L << q;
                }
            }
        }
        // data subtrees, stripped prefixes and dropped paths never occur in flat mappings; declining
        // them keeps this class to the one shape it was proven on. Duplicate header names would make
        // the rule index ambiguous.
        this.usable = disjoint
                && mapping.hasNoPathRules()
                && sourceIndex.size() <= MAX_TRACKED
                && rules.length <= MAX_TRACKED
                && ruleIndex.size() == rules.length;
        int sources = sourceIndex.size();
        int ruleCount = rules.length;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(sources, ruleCount));
    }

    /**
     * What this mapping does with a field of this name; the byte scanner asks once per distinct name
     * and caches the answer.
     */
    FlatFieldName nameOf(String name) {
        FlatFieldName known = decided.get(name);
        if (known != null) {
            return known;
        }
        FlatFieldName made = decide(name);
        if (decided.size() < MAX_DECIDED) {
            FlatFieldName raced = decided.putIfAbsent(name, made);
            return raced != null ? raced : made;
        }
        return made;
    }

    private FlatFieldName decide(String name) {
        Integer source = sourceIndex.get(name);
        Integer rule = ruleIndex.get(name);
        return new FlatFieldName(
                name,
                source == null ? -1 : source,
                rule == null ? -1 : rule,
                name.equals("log_type") || name.startsWith("winlog."));
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
        Scratch s = scratch.get();
        FlatFields raw = s.fields;
        raw.clear();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            FlatFieldName name = nameOf(parser.currentName());
            if (name.declines()) {
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
            raw.add(name, value);
        }
        if (parser.nextToken() != null) {
            return null;
        }
        return mapped(s);
    }

    /**
     * The event fields of the record in {@code bytes[0, length)}, read by {@code scanner} (made with
     * {@link #nameOf} as its names) with string values left encoded, or null when declined (by the
     * scanner or, like {@link #map(JsonParser)}, by this mapper).
     */
    Event.Builder map(byte[] bytes, int length, FlatRecordScanner scanner) {
        if (!usable) {
            return null;
        }
        Scratch s = scratch.get();
        return scanner.scan(bytes, length, s.fields) ? mapped(s) : null;
    }

    /**
     * Places the fields read: the same sequence of puts as {@link FieldMapper} makes for the record's
     * tree (header fields in rule order, then the fields no rule took in input order, then asides), so
     * that the builder's duplicate handling (first position, last value) gives the same event. Which
     * rule a field feeds was decided once per name ({@link FlatFieldName}); here only bits are set.
     */
    private Event.Builder mapped(Scratch s) {
        FlatFields raw = s.fields;
        int n = raw.size();
        Object[] sourceValues = s.sourceValues;
        long present = 0;
        long headerNamesSeen = 0;
        for (int i = 0; i < n; i++) {
            FlatFieldName name = raw.nameAt(i);
            int source = name.source();
            if (source >= 0) {
                present |= 1L << source;
                sourceValues[source] = raw.valueAt(i); // a duplicate's last value wins
            }
            if (name.header() >= 0) {
                headerNamesSeen |= 1L << name.header();
            }
        }
        long taken = 0;
        long headers = 0;
        long rulesWithAsides = 0;
        int asideCount = 0;
        Object[] header = s.header;
        for (int r = 0; r < rules.length; r++) {
            long mine = present & ruleSources[r];
            if (mine == 0) {
                continue;
            }
            // sources are numbered in preference order: the lowest present one wins
            long winner = Long.lowestOneBit(mine);
            taken |= winner;
            headers |= 1L << r;
            FieldRule rule = rules[r];
            Object value = sourceValues[Long.numberOfTrailingZeros(winner)];
            // a conversion reads the decoded value; NONE returns it as is, so it may stay encoded
            // until someone reads it (Event decodes on every access)
            header[r] = rule.conversion() == Conversion.NONE
                    ? value
                    : s.conversions[r].apply(rule.conversion(), value, channels);
            long others = mine & ~winner;
            if (rule.aside() != null && others != 0) {
                taken |= others;
                rulesWithAsides |= 1L << r;
                for (long bits = others; bits != 0; bits &= bits - 1) {
                    s.aside(asideCount++, rule.aside(), sourceValues[Long.numberOfTrailingZeros(bits)]);
                }
            }
        }
        Event.Builder fields = Event.builder(Long.bitCount(headers) + n - Long.bitCount(taken) + asideCount, s.layouts);
        for (long bits = headers; bits != 0; bits &= bits - 1) {
            int r = Long.numberOfTrailingZeros(bits);
            // the record's own field keeps the name: that is the field rules mean (e.g. the cleared
            // channel of System 104 against the header Channel)
            boolean displaced = (rulesWithAsides & displacingAsides[r]) != 0
                    || (headerNamesSeen & 1L << r) != 0
                            && (headerSource[r] < 0 || (taken & 1L << headerSource[r]) == 0);
            fields.put(displaced ? displacedNames[r] : rules[r].name(), header[r]);
            header[r] = null;
        }
        for (int i = 0; i < n; i++) {
            FlatFieldName name = raw.nameAt(i);
            Object value = raw.takeValueAt(i);
            int source = name.source();
            if (source < 0 || (taken & 1L << source) == 0) {
                fields.put(name.name(), value);
            }
        }
        for (int k = 0; k < asideCount; k++) {
            fields.put(s.asideNames[k], s.asideValues[k]);
            s.asideValues[k] = null;
        }
        java.util.Arrays.fill(sourceValues, null);
        return fields;
    }

    /** One thread's working memory for records, reused so that a record allocates only its event. */
    private static final class Scratch {
        final FlatFields fields = new FlatFields();
        /** Records of one shape make events of one layout (see {@link FieldLayouts}). */
        final FieldLayouts layouts = new FieldLayouts();

        final Object[] sourceValues;
        final Object[] header;
        String[] asideNames = new String[4];
        Object[] asideValues = new Object[4];

        /** Per rule, its last conversion. */
        final ConversionMemo[] conversions;

        Scratch(int sources, int rules) {
            this.sourceValues = new Object[sources];
            this.header = new Object[rules];
            this.conversions = new ConversionMemo[rules];
            for (int r = 0; r < rules; r++) {
                conversions[r] = new ConversionMemo();
            }
        }

        void aside(int k, String name, Object value) {
            if (k == asideNames.length) {
                asideNames = java.util.Arrays.copyOf(asideNames, k * 2);
                asideValues = java.util.Arrays.copyOf(asideValues, k * 2);
            }
            asideNames[k] = name;
            asideValues[k] = value;
        }
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
