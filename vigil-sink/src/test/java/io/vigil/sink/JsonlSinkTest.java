package io.vigil.sink;

import static io.vigil.sink.SampleDetections.LSASS;
import static io.vigil.sink.SampleDetections.detection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.event.EncodedString;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonlSinkTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant TIME = Instant.parse("2020-10-23T21:57:29.2175625Z");

    private static List<String> write(Detection... detections) throws IOException {
        CloseRecordingStream out = new CloseRecordingStream();
        try (JsonlSink sink = new JsonlSink(out, false)) {
            for (Detection detection : detections) {
                sink.accept(detection);
            }
        }
        String text = out.text();
        assertThat(text).endsWith("\n");
        return List.of(text.split("\n", -1)).subList(0, detections.length);
    }

    private static JsonNode one(Detection detection) throws IOException {
        return MAPPER.readTree(write(detection).get(0));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void writesTheContractShapeWithRecord() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("EventID", 10L);
        fields.put("Channel", "Microsoft-Windows-Sysmon/Operational");
        fields.put("Computer", "DC01.corp.local");
        fields.put("TargetImage", "C:\\Windows\\system32\\lsass.exe");
        JsonNode json = one(detection(LSASS, fields, TIME, Provenance.record("logs/host1/Sysmon.evtx", 423991)));

        assertThat(names(json)).containsExactly("timestamp", "rule", "source", "event");
        assertThat(json.get("timestamp").asText()).isEqualTo("2020-10-23T21:57:29.2175625Z");
        JsonNode rule = json.get("rule");
        assertThat(names(rule)).containsExactly("id", "title", "level", "status", "author", "tags", "path");
        assertThat(rule.get("id").asText()).isEqualTo("0d894093-71bc-43c3-8c4d-ecfc28dcf5d9");
        assertThat(rule.get("title").asText()).isEqualTo("LSASS Memory Dump");
        assertThat(rule.get("level").asText()).isEqualTo("high");
        assertThat(rule.get("status").asText()).isEqualTo("test");
        assertThat(rule.get("author").asText()).isEqualTo("Florian Roth");
        assertThat(rule.get("tags").isArray()).isTrue();
        assertThat(rule.get("tags"))
                .extracting(JsonNode::asText)
                .containsExactly("attack.credential_access", "attack.t1003.001");
        assertThat(rule.get("path").asText()).isEqualTo("rules/windows/process_access/lsass.yml");
        JsonNode source = json.get("source");
        assertThat(names(source)).containsExactly("path", "record");
        assertThat(source.get("path").asText()).isEqualTo("logs/host1/Sysmon.evtx");
        assertThat(source.get("record").isIntegralNumber()).isTrue();
        assertThat(source.get("record").asLong()).isEqualTo(423991L);
        assertThat(names(json.get("event"))).containsExactly("EventID", "Channel", "Computer", "TargetImage");
        assertThat(json.get("event").get("TargetImage").asText()).isEqualTo("C:\\Windows\\system32\\lsass.exe");
    }

    @Test
    void lineReplacesRecordForLineOrientedInputs() throws IOException {
        JsonNode source = one(detection(LSASS, Map.of("a", "b"), TIME, Provenance.line("logs/flat.jsonl", 12)))
                .get("source");
        assertThat(names(source)).containsExactly("path", "line");
        assertThat(source.get("line").asLong()).isEqualTo(12L);
    }

    @Test
    void sourceWithNeitherRecordNorLineHasOnlyPath() throws IOException {
        JsonNode source = one(detection(LSASS, Map.of(), TIME, new Provenance("x.json", -1, -1)))
                .get("source");
        assertThat(names(source)).containsExactly("path");
    }

    @Test
    void missingTimestampAndRuleMembersAreNull() throws IOException {
        RuleRef bare = new RuleRef("id", "t", null, null, null, List.of(), null);
        JsonNode json = one(detection(bare, Map.of(), null, Provenance.record("p", 1)));
        assertThat(names(json)).containsExactly("timestamp", "rule", "source", "event");
        assertThat(json.get("timestamp").isNull()).isTrue();
        for (String member : List.of("level", "status", "author", "path")) {
            assertThat(json.get("rule").get(member).isNull()).as(member).isTrue();
        }
        assertThat(json.get("rule").get("tags").isArray()).isTrue();
        assertThat(json.get("rule").get("tags")).isEmpty();
    }

    @Test
    void timestampsCarryExactlyTheDigitsNeeded() throws IOException {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("2020-10-23T21:57:29.2175625Z", "2020-10-23T21:57:29.2175625Z");
        cases.put("2020-10-23T21:57:29Z", "2020-10-23T21:57:29Z");
        cases.put("2020-10-23T21:57:00Z", "2020-10-23T21:57:00Z");
        cases.put("2020-10-23T21:57:29.500Z", "2020-10-23T21:57:29.5Z");
        cases.put("2020-10-23T21:57:29.000000001Z", "2020-10-23T21:57:29.000000001Z");
        cases.put("1601-01-01T00:00:00.0000001Z", "1601-01-01T00:00:00.0000001Z");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            JsonNode json = one(detection(LSASS, Map.of(), Instant.parse(c.getKey()), Provenance.record("p", 1)));
            assertThat(json.get("timestamp").asText()).as(c.getKey()).isEqualTo(c.getValue());
        }
    }

    @Test
    void eventValuesKeepTheirJsonTypesAndOrder() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("z_last_alphabetically", "first");
        fields.put("EventID", 4688L);
        fields.put("Ratio", 0.25d);
        fields.put("Elevated", Boolean.TRUE);
        fields.put("Groups", List.of("a", 2L, false));
        fields.put("Empty", null);
        fields.put("NotANumber", Double.NaN);
        JsonNode event =
                one(detection(LSASS, fields, TIME, Provenance.record("p", 1))).get("event");

        assertThat(names(event))
                .containsExactly(
                        "z_last_alphabetically", "EventID", "Ratio", "Elevated", "Groups", "Empty", "NotANumber");
        assertThat(event.get("EventID").isIntegralNumber()).isTrue();
        assertThat(event.get("EventID").asLong()).isEqualTo(4688L);
        assertThat(event.get("Ratio").isDouble()).isTrue();
        assertThat(event.get("Ratio").asDouble()).isEqualTo(0.25d);
        assertThat(event.get("Elevated").isBoolean()).isTrue();
        assertThat(event.get("Groups").isArray()).isTrue();
        assertThat(event.get("Groups").get(0).asText()).isEqualTo("a");
        assertThat(event.get("Groups").get(1).isIntegralNumber()).isTrue();
        assertThat(event.get("Groups").get(2).isBoolean()).isTrue();
        assertThat(event.has("Empty")).isTrue();
        assertThat(event.get("Empty").isNull()).isTrue();
        // JSON has no NaN: it is written as a string so the line stays valid JSON
        assertThat(event.get("NotANumber").isTextual()).isTrue();
    }

    @Test
    void anyTextYieldsValidUtf8JsonOnOneLine() throws IOException {
        String nasty = "nul\u0000 bell\u0007 esc\u001b[31m del\u007f nl\n cr\r tab\t quote\" backslash\\ "
                + "é 日本語 😀 lone\uD800surrogate \u2028";
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("CommandLine", nasty);
        fields.put("key\nwith\u0001control", "v");
        CloseRecordingStream out = new CloseRecordingStream();
        try (JsonlSink sink = new JsonlSink(out, false)) {
            sink.accept(detection(LSASS, fields, TIME, Provenance.record("dir/ü.evtx", 1)));
        }
        byte[] bytes = out.toByteArray();
        String text = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
        assertThat(text.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();

        JsonNode json = MAPPER.readTree(text);
        assertThat(json.get("event").get("CommandLine").asText()).isEqualTo(nasty);
        assertThat(json.get("event").get("key\nwith\u0001control").asText()).isEqualTo("v");
        assertThat(json.get("source").get("path").asText()).isEqualTo("dir/ü.evtx");
        assertThat(text).contains("é 日本語");
    }

    @Test
    void stringsStillEncodedComeOutAsTheirDecodedTextWould() throws IOException {
        // values as the flat reader keeps them (encoded bytes, decoded on demand) against the same
        // values decoded: the lines must be the same bytes, whatever escapes the input used
        String[] pieces = {
            "a", "Z", " ", "/", "\"", "\\", "\n", "\r", "\t", "\b", "\f", "\u0001", "\u001f", "\u007f", "é", "日本", "😀",
            "\u2028", "<", "\uD800"
        };
        java.util.Random random = new java.util.Random(23);
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            StringBuilder json = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                String piece = pieces[random.nextInt(pieces.length)];
                text.append(piece);
                if (Character.isSurrogate(piece.charAt(0))) {
                    // a pair raw as a whole or escaped as a whole; a lone surrogate only escaped
                    boolean raw = piece.length() == 2 && random.nextBoolean();
                    for (char c : piece.toCharArray()) {
                        json.append(raw ? String.valueOf(c) : String.format("\\u%04x", (int) c));
                    }
                } else {
                    for (char c : piece.toCharArray()) {
                        json.append(spelling(c, random));
                    }
                }
            }
            byte[] bytes = ("\"" + json + "\"").getBytes(StandardCharsets.UTF_8);
            int to = bytes.length - 1;
            EncodedString encoded = new EncodedString(bytes, 1, to, EncodedString.flagsOf(bytes, 1, to));
            assertThat(encoded.decode()).isEqualTo(text.toString());
            Event asRead = Event.builder(2).put("Text", encoded).put("N", 1L).build(TIME, Provenance.line("p", 1));
            Event decoded =
                    Event.builder(2).put("Text", text.toString()).put("N", 1L).build(TIME, Provenance.line("p", 1));
            assertThat(write(new Detection(LSASS, asRead)))
                    .as("%s", json)
                    .isEqualTo(write(new Detection(LSASS, decoded)));
        }
    }

    /** One way an input may spell {@code c} in a JSON string. */
    private static String spelling(char c, java.util.Random random) {
        String unicode = String.format("\\u%04x", (int) c);
        switch (c) {
            case '"':
                return "\\\"";
            case '\\':
                return "\\\\";
            case '\n':
                return random.nextBoolean() ? "\\n" : unicode;
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\b':
                return "\\b";
            case '\f':
                return "\\f";
            case '/':
                return random.nextBoolean() ? "/" : "\\/";
            default:
                if (c < 0x20) {
                    return unicode;
                }
                return random.nextInt(4) == 0 ? unicode : String.valueOf(c);
        }
    }

    @Test
    void writesOneLinePerDetection() throws IOException {
        Detection d = detection(LSASS, Map.of("n", 1L), TIME, Provenance.record("p", 1));
        List<String> lines = write(d, d, d);
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            assertThat(MAPPER.readTree(line).get("event").get("n").asLong()).isEqualTo(1L);
        }
    }

    @Test
    void leavesTheStreamOpenUnlessAskedToCloseIt() throws IOException {
        Detection d = detection(LSASS, Map.of(), TIME, Provenance.record("p", 1));
        CloseRecordingStream stdout = new CloseRecordingStream();
        JsonlSink sink = new JsonlSink(stdout, false);
        sink.accept(d);
        sink.close();
        assertThat(stdout.closed).isFalse();
        assertThat(stdout.flushed).isTrue();
        assertThat(stdout.size()).isPositive();
        assertThatThrownBy(() -> sink.accept(d)).isInstanceOf(IllegalStateException.class);

        CloseRecordingStream file = new CloseRecordingStream();
        new JsonlSink(file, true).close();
        assertThat(file.closed).isTrue();
        assertThat(file.toByteArray()).isEmpty();
    }

    @Test
    void bytesAreTheSameAsTheDocumentedExample() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("EventID", 1L);
        fields.put("Image", "C:\\a.exe");
        RuleRef rule = new RuleRef("i", "T", Level.HIGH, "test", "A", List.of("x"), "r.yml");
        String line = write(detection(rule, fields, TIME, Provenance.record("S.evtx", 5)))
                .get(0);
        assertThat(line)
                .isEqualTo("{\"timestamp\":\"2020-10-23T21:57:29.2175625Z\","
                        + "\"rule\":{\"id\":\"i\",\"title\":\"T\",\"level\":\"high\",\"status\":\"test\","
                        + "\"author\":\"A\",\"tags\":[\"x\"],\"path\":\"r.yml\"},"
                        + "\"source\":{\"path\":\"S.evtx\",\"record\":5},"
                        + "\"event\":{\"EventID\":1,\"Image\":\"C:\\\\a.exe\"}}");
    }
}
