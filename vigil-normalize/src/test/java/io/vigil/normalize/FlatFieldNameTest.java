package io.vigil.normalize;

import static io.vigil.normalize.SameEvent.assertSame;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The per-name mapping decisions of the byte path ({@link FlatFieldName}, cached by the scanner) against
 * the tree path ({@link Normalizer#normalize(Map, Provenance)}, which decides per record): records mixing
 * every header source, canonical name, aside and displaced name of the flat mapping with look-alikes
 * (other case, one byte off) and fillers, in random order and with duplicate keys, read one after the
 * other by one normaliser so that cached decisions meet other names at the same position and in the
 * same cache slot, give the same events (names, order, values, value classes, time).
 */
class FlatFieldNameTest {
    private static final int MAX_STRING = 1 << 20;
    private static final int MAX_DEPTH = 8;

    private static final String[] MAPPED = {
        "EventID",
        "EventId",
        "Channel",
        "Provider_Name",
        "SourceName",
        "Source",
        "Provider_Guid",
        "ProviderGuid",
        "Computer",
        "Hostname",
        "TimeCreated",
        "EventRecordID",
        "RecordNumber",
        "Level",
        "Task",
        "OpcodeValue",
        "Opcode",
        "OpcodeName",
        "Keywords",
        "Version",
        "ExecutionProcessID",
        "ExecutionThreadID",
        "ThreadID",
        "UserID",
        "ActivityID",
        "RelatedActivityID",
        "@timestamp",
        "EventTime",
    };

    private static final String[] LOOK_ALIKES = {
        "System_EventID",
        "System_Channel",
        "System_Opcode",
        "System_Computer",
        "eventid",
        "EventIDs",
        "EventIE",
        "channel",
        "Opcodename",
        "hostname",
        "Image",
        "CommandLine",
        "",
    };

    private static final Object[] VALUES = {
        "4624",
        " 4688 ",
        "x",
        "",
        "security",
        "Microsoft-Windows-Sysmon/Operational",
        "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}",
        "2020-10-18 10:56:18.799",
        "2021-01-01T00:00:00Z",
        "C:\\Windows\\cmd.exe",
        "é€😀",
        0L,
        4624L,
        -1L,
        -9214364837600034816L,
        Long.MAX_VALUE,
        true,
        null,
    };

    private final Normalizer normalizer = Normalizer.standard();

    @Test
    void cachedNameDecisionsMapAsTheTreePathDoes() {
        Random random = new Random(2026_11_27);
        int withHeaders = 0;
        for (int n = 0; n < 20_000; n++) {
            List<String> names = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            int fields = random.nextInt(12);
            for (int f = 0; f < fields; f++) {
                int kind = random.nextInt(10);
                String name = kind < 6
                        ? MAPPED[random.nextInt(MAPPED.length)]
                        : kind < 8 ? LOOK_ALIKES[random.nextInt(LOOK_ALIKES.length)] : "filler" + random.nextInt(2_000);
                names.add(name);
                values.add(VALUES[random.nextInt(VALUES.length)]);
                if (random.nextInt(8) == 0) {
                    // the same key again later in the record: first position, last value
                    names.add(name);
                    values.add(VALUES[random.nextInt(VALUES.length)]);
                }
            }
            byte[] record = json(names, values).getBytes(StandardCharsets.UTF_8);
            String shown = new String(record, StandardCharsets.UTF_8);
            Event scanned = normalizer.normalizeFlat(record, record.length, MAX_STRING, MAX_DEPTH, provenance());
            assertThat(scanned).as(shown).isNotNull();
            Event reference = normalizer.normalize(RecordShape.FLAT, tree(names, values), provenance());
            assertSame(shown, scanned, reference);
            if (scanned.has("EventID") || scanned.has("Computer")) {
                withHeaders++;
            }
        }
        // the generator must reach the mapping's cases, or this test proves nothing
        assertThat(withHeaders).isGreaterThan(5_000);
    }

    @Test
    void displacedHeaderFieldsAsTheTreePathPlacesThem() {
        ShapeMapping mapping = ShapeMapping.load("displacing_mapping.yaml");
        ChannelNames channels = new ChannelNames(List.of("Security"));
        DirectFlatMapper direct = new DirectFlatMapper(mapping, channels);
        FieldMapper reference = new FieldMapper(mapping, channels);
        FlatRecordScanner scanner = new FlatRecordScanner(MAX_STRING, MAX_DEPTH, direct::nameOf);
        String[] pool = {"A1", "A", "C1", "C", "D1", "D2", "D3", "System_A", "System_C", "x"};
        Random random = new Random(7);
        int displaced = 0;
        for (int n = 0; n < 5_000; n++) {
            List<String> names = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (int f = random.nextInt(8); f > 0; f--) {
                names.add(pool[random.nextInt(pool.length)]);
                values.add(VALUES[random.nextInt(VALUES.length)]);
            }
            byte[] record = json(names, values).getBytes(StandardCharsets.UTF_8);
            String shown = new String(record, StandardCharsets.UTF_8);
            Event.Builder scanned = direct.map(record, record.length, scanner);
            assertThat(scanned).as(shown).isNotNull();
            Event expected = reference.map(tree(names, values)).build(null, provenance());
            Event actual = scanned.build(null, provenance());
            assertSame(shown, actual, expected);
            if (actual.fields().keySet().stream().anyMatch(k -> k.startsWith("System_") && !names.contains(k))) {
                displaced++;
            }
        }
        assertThat(displaced).isGreaterThan(500);
    }

    @Test
    void namesAtTheSamePositionTakeTheirOwnDecision() {
        // the cache first tries the name seen last at the same position: it must compare the bytes
        String[] records = {
            "{\"EventID\": \"4624\", \"Hostname\": \"a\"}",
            "{\"EventId\": \"4625\", \"Hostname\": \"b\"}",
            "{\"EventIE\": \"4626\", \"Computer\": \"c\"}",
            "{\"OpcodeValue\": 1, \"Opcode\": \"Info\"}",
            "{\"Opcode\": \"Info\", \"OpcodeValue\": 1}",
            "{\"Opcode\": \"Info\", \"OpcodeName\": \"x\"}",
        };
        List<Map<String, Object>> expected = List.of(
                Map.of("EventID", 4624L, "Computer", "a"),
                Map.of("EventID", 4625L, "Computer", "b"),
                Map.of("EventIE", "4626", "Computer", "c"),
                Map.of("Opcode", 1L, "OpcodeName", "Info"),
                Map.of("Opcode", 1L, "OpcodeName", "Info"),
                Map.of("Opcode", "Info", "OpcodeName", "x"));
        for (int i = 0; i < records.length; i++) {
            byte[] bytes = records[i].getBytes(StandardCharsets.UTF_8);
            Event event = normalizer.normalizeFlat(bytes, bytes.length, MAX_STRING, MAX_DEPTH, provenance());
            assertThat(event.fields()).as(records[i]).containsExactlyInAnyOrderEntriesOf(expected.get(i));
        }
    }

    @Test
    void headerFieldsComeFirstInMappingOrderAndADisplacedOneKeepsItsSlot() {
        byte[] bytes = ("{\"a\": 1, \"Hostname\": \"h\", \"OpcodeValue\": 0, \"OpcodeName\": \"n\","
                        + " \"EventId\": 7, \"Opcode\": \"Info\", \"OpcodeName\": \"m\"}")
                .getBytes(StandardCharsets.UTF_8);
        Event event = normalizer.normalizeFlat(bytes, bytes.length, MAX_STRING, MAX_DEPTH, provenance());
        // OpcodeName is both a record field and the aside of Opcode: the aside value replaces it in place
        assertThat(new ArrayList<>(event.fields().keySet()))
                .containsExactly("EventID", "Computer", "Opcode", "a", "OpcodeName");
        assertThat(event.get("OpcodeName")).isEqualTo("Info");
        assertThat(event.get("EventID")).isEqualTo(7L);
    }

    private static Map<String, Object> tree(List<String> names, List<Object> values) {
        // as the JSON reader builds it: a duplicate key keeps its first position and takes the last value
        Map<String, Object> tree = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            tree.put(names.get(i), values.get(i));
        }
        return tree;
    }

    private static String json(List<String> names, List<Object> values) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(quoted(names.get(i))).append(": ");
            Object v = values.get(i);
            out.append(v instanceof String s ? quoted(s) : String.valueOf(v));
        }
        return out.append('}').toString();
    }

    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static Provenance provenance() {
        return Provenance.line("test", 1);
    }
}
