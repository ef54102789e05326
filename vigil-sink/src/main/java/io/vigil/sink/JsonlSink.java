package io.vigil.sink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.vigil.core.detect.Detection;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.event.EncodedString;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.core.sink.DetectionSink;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Writes detections as JSON Lines, the machine-readable output of architecture §3: one object per
 * detection, each on its own {@code \n}-terminated line, UTF-8.
 *
 * <p>Shape, members always in this order and always present:
 * {@code {"timestamp", "rule": {"id","title","level","status","author","tags","path"}, "source":
 * {"path", "record"|"line"}, "event": {...}}}. {@code timestamp} is the event time in UTC with exactly the
 * fractional digits it needs (e.g. {@code 2020-10-23T21:57:29.2175625Z}), or null. {@code source} carries
 * {@code record} when the provenance has one, else {@code line} when it has one, else only {@code path}.
 * {@code event} holds every field in input order with its JSON type (Long and Double as numbers, NaN and
 * infinities as strings since JSON has no such numbers). Control characters and surrogates are escaped,
 * so any event text yields valid UTF-8 JSON on a single line.
 *
 * <p>Output is buffered and reaches the stream at the latest on {@link #close}, which flushes it and
 * closes it only when constructed with {@code closeStream} (pass false for stdout).
 */
public final class JsonlSink implements DetectionSink {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            // the sink writes its own newline after each object; the default separator is a space
            .rootValueSeparator((String) null)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final OutputStream out;
    private final boolean closeStream;
    private final JsonGenerator json;
    private boolean closed;

    /**
     * @param out where the lines go
     * @param closeStream whether {@link #close} closes {@code out} (false for stdout)
     */
    public JsonlSink(OutputStream out, boolean closeStream) throws IOException {
        this.out = out;
        this.closeStream = closeStream;
        this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    @Override
    public void accept(Detection detection) throws IOException {
        if (closed) {
            throw new IllegalStateException("sink is closed");
        }
        Event event = detection.event();
        json.writeStartObject();
        json.writeFieldName("timestamp");
        if (event.timestamp() == null) {
            json.writeNull();
        } else {
            json.writeString(EventTime.exact(event.timestamp()));
        }
        writeRule(detection.rule());
        writeSource(event.provenance());
        for (Map.Entry<String, Object> member : detection.extra().entrySet()) {
            json.writeFieldName(member.getKey());
            writeValue(member.getValue());
        }
        json.writeFieldName("event");
        json.writeStartObject();
        for (int i = 0, n = event.size(); i < n; i++) {
            json.writeFieldName(event.nameAt(i));
            // A string still held as read, of ASCII with no escape but the short ones, is already what
            // the generator would write for its text (each such character has one spelling; beyond
            // ASCII the generator escapes surrogate pairs): copied as it is, it need not be decoded
            // and escaped again. Writing matched events was a third of the main thread's time in a
            // SigmaHQ hunt.
            if (event.storedAt(i) instanceof EncodedString text && text.ascii() && text.shortEscapesOnly()) {
                json.writeRawUTF8String(text.bytes(), text.from(), text.to() - text.from());
            } else {
                writeValue(event.valueAt(i));
            }
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void writeRule(RuleRef rule) throws IOException {
        json.writeObjectFieldStart("rule");
        json.writeStringField("id", rule.id());
        json.writeStringField("title", rule.title());
        json.writeStringField(
                "level", rule.level() == null ? null : rule.level().label());
        json.writeStringField("status", rule.status());
        json.writeStringField("author", rule.author());
        json.writeArrayFieldStart("tags");
        for (String tag : rule.tags()) {
            json.writeString(tag);
        }
        json.writeEndArray();
        json.writeStringField("path", rule.path());
        json.writeEndObject();
    }

    private void writeSource(Provenance source) throws IOException {
        json.writeObjectFieldStart("source");
        json.writeStringField("path", source == null ? null : source.path());
        if (source != null && source.record() >= 0) {
            json.writeNumberField("record", source.record());
        } else if (source != null && source.line() >= 0) {
            json.writeNumberField("line", source.line());
        }
        json.writeEndObject();
    }

    private void writeValue(Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Float number) {
            json.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            json.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Collection<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                writeValue(item);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> members) {
            // not produced by today's normalisers, but a nested object must still come out as one
            json.writeStartObject();
            for (Map.Entry<?, ?> member : members.entrySet()) {
                json.writeFieldName(String.valueOf(member.getKey()));
                writeValue(member.getValue());
            }
            json.writeEndObject();
        } else {
            json.writeString(value.toString());
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // with AUTO_CLOSE_TARGET off this flushes into out and leaves it open
        json.close();
        if (closeStream) {
            out.close();
        } else {
            out.flush();
        }
    }
}
