package io.vigil.normalize;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one parsed JSON record into an {@link Event} with Sigma field names, whichever of the {@link
 * RecordShape shapes} it arrives in, so that one rule fires the same on evtx_dump, flat collector and
 * Winlogbeat/ECS exports of the same Windows event.
 *
 * <p>Contract: header fields get their canonical names ({@code EventID}, {@code Channel}, {@code
 * Provider_Name}, {@code Provider_Guid}, {@code Computer}, {@code EventRecordID}, {@code Level}, {@code
 * Task}, {@code Opcode}, {@code Keywords}, {@code Version}, {@code ExecutionProcessID}, {@code ExecutionThreadID}, {@code
 * UserID}, ...); {@code EventID} and {@code EventRecordID} are Longs when numeric; the channel takes its
 * canonical spelling; event data fields keep their own names and their values as the input has them;
 * other fields pass through (nested ones under dotted names). The mappings are the YAML resources next
 * to this class. The event time is parsed from the shape's time fields (null when absent or
 * unparseable; the raw text stays a field). The input tree is not modified. Thread-safe.
 */
public final class Normalizer {
    private final Map<RecordShape, FieldMapper> mappers;
    private final Map<RecordShape, ShapeMapping> mappings;
    private final DirectFlatMapper direct;
    /** The byte scanner for the limits last asked for (callers keep to one set). */
    private volatile FlatRecordScanner scanner;

    private Normalizer(Map<RecordShape, ShapeMapping> mappings, ChannelNames channels) {
        this.mappings = mappings;
        this.mappers = new EnumMap<>(RecordShape.class);
        mappings.forEach((shape, mapping) -> mappers.put(shape, new FieldMapper(mapping, channels)));
        this.direct = new DirectFlatMapper(mappings.get(RecordShape.FLAT), channels);
    }

    /**
     * The normaliser with the built-in mappings.
     *
     * @throws IllegalStateException when a mapping resource is missing or malformed (a build defect)
     */
    public static Normalizer standard() {
        ChannelNames channels =
                new ChannelNames(YamlResource.load("channels.yaml").strings("channels"));
        Map<RecordShape, ShapeMapping> mappings = new EnumMap<>(RecordShape.class);
        for (RecordShape shape : RecordShape.values()) {
            mappings.put(shape, ShapeMapping.load(shape.resource()));
        }
        return new Normalizer(mappings, channels);
    }

    /** Normalises {@code tree}, detecting its shape. */
    public Event normalize(Map<String, Object> tree, Provenance provenance) {
        return normalize(RecordShape.detect(tree), tree, provenance);
    }

    /**
     * Normalises the JSON record the parser stands before without building its tree, when it is a
     * {@link RecordShape#FLAT} record of the simple kind most corpora hold (no nested objects); the
     * event is then exactly the one {@link #normalize(Map, Provenance)} gives for the record's tree.
     * Returns null for any other record, and when the record does not parse (a parse error is then left
     * to the tree path to report): the caller normalises such records from their tree.
     *
     * @throws IOException only from the parser's input, which a byte-array parser never has
     */
    public Event normalizeDirect(JsonParser parser, Provenance provenance) throws IOException {
        Event.Builder fields;
        try {
            fields = direct.map(parser);
        } catch (JsonProcessingException e) {
            return null;
        }
        return fields == null ? null : fields.build(time(RecordShape.FLAT, fields), provenance);
    }

    /**
     * Like {@link #normalizeDirect}, from the record's bytes, with string values left encoded until
     * read (see {@link io.vigil.core.event.EncodedString}): the cheapest path, for flat records. Null
     * for any record it does not read exactly as the other paths do; the caller then tries those.
     *
     * @param maxStringLength the reader's longest allowed string or name, in characters
     * @param maxNestingDepth the reader's deepest allowed nesting, the record being depth 1
     */
    public Event normalizeFlat(
            byte[] bytes, int length, int maxStringLength, int maxNestingDepth, Provenance provenance) {
        FlatRecordScanner s = scanner;
        if (s == null || !s.hasLimits(maxStringLength, maxNestingDepth)) {
            s = new FlatRecordScanner(maxStringLength, maxNestingDepth, direct::nameOf);
            scanner = s; // immutable: a race only makes another one
        }
        Event.Builder fields = direct.map(bytes, length, s);
        return fields == null ? null : fields.build(time(RecordShape.FLAT, fields), provenance);
    }

    /** Normalises {@code tree} as the given shape. */
    public Event normalize(RecordShape shape, Map<String, Object> tree, Provenance provenance) {
        Objects.requireNonNull(tree, "tree");
        Event.Builder fields = mappers.get(shape).map(TreeFlattener.flatten(tree));
        return fields.build(time(shape, fields), provenance);
    }

    private Instant time(RecordShape shape, Event.Builder fields) {
        for (String field : mappings.get(shape).timeFields()) {
            Instant time = TimestampParser.parse(fields.get(field));
            if (time != null) {
                return time;
            }
        }
        return null;
    }
}
