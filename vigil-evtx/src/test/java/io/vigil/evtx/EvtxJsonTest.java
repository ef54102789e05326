package io.vigil.evtx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one-line JSON writer: escaping, types, and agreement with Jackson on real records. */
class EvtxJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void escapesWhatJsonRequiresAndKeepsTheRest() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("q\"b\\", "line\nfeed\r\ttab\b\f\u0001 \u00e9 \ud83d\ude00 /");
        tree.put("lone", "x\udc00y\ud800");
        tree.put("n", Arrays.asList(1L, -2.5, true, null, Double.NaN));
        assertThat(EvtxJson.toJson(tree))
                .isEqualTo("{\"q\\\"b\\\\\":\"line\\nfeed\\r\\ttab\\b\\f\\u0001 \u00e9 \ud83d\ude00 /\","
                        + "\"lone\":\"x\ufffdy\ufffd\",\"n\":[1,-2.5,true,null,\"NaN\"]}");
        assertThatThrownBy(() -> EvtxJson.toJson(Map.of("x", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linesAreTheSameJsonInUtf8OnePerTreeWhateverTheBufferSize() throws Exception {
        String huge = "\u00e9\ud83d\ude00\"x".repeat(10_000); // 50,000 chars, far more than the buffer
        List<Object> trees = List.of(
                Map.of("a", huge), Arrays.asList(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -7L, 42), Map.of("b", "\u0001"));
        for (int bufferSize : new int[] {1, 7, 1 << 16}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            EvtxJsonLines lines = new EvtxJsonLines(bytes, bufferSize);
            for (Object tree : trees) {
                lines.write(tree);
            }
            lines.flush();
            StringBuilder expected = new StringBuilder();
            for (Object tree : trees) {
                expected.append(EvtxJson.toJson(tree)).append('\n');
            }
            assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        }
        assertThat(EvtxJson.toJson(trees.get(1))).isEqualTo("[-9223372036854775808,9223372036854775807,0,-7,42]");
        assertThat(EvtxJson.toJson(trees.get(0))).startsWith("{\"a\":\"\u00e9\ud83d\ude00\\\"x\u00e9");
    }

    @Test
    void everyRecordOfARealLogRoundTripsThroughJackson() throws Exception {
        Path file = SharedCorpus.attackSamples().resolve("Lateral Movement/LM_5145_Remote_FileCopy.evtx");
        RecordCollector got = RecordCollector.read(file);
        assertThat(got.records).isNotEmpty();
        List<String> mismatches = new ArrayList<>();
        for (EvtxRecord record : got.records) {
            String line = EvtxJson.toJson(record.tree());
            JsonNode parsed = JSON.readTree(line);
            // Jackson's own rendering of the parsed line and of the tree must agree (numbers included).
            if (!JSON.writeValueAsString(parsed).equals(JSON.writeValueAsString(record.tree()))
                    || line.contains("\n")) {
                mismatches.add(line);
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
