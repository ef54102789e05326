package io.vigil.evtx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
