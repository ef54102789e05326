package io.vigil.evtx;

import static io.vigil.evtx.SampleFiles.child;
import static io.vigil.evtx.SampleFiles.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.evtx.EvtxImage.BinXml;
import io.vigil.evtx.EvtxImage.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every substitution value type, arrays, embedded binary XML, references, CDATA and processing
 * instructions, rendered as evtx_dump renders them (except FILETIME's 100 ns, kept in full).
 */
class ValueRenderingTest {
    private static final byte[] GUID = {
        0,
        0x11,
        0x22,
        0x33,
        0x44,
        0x55,
        0x66,
        0x77,
        (byte) 0x88,
        (byte) 0x99,
        (byte) 0xaa,
        (byte) 0xbb,
        (byte) 0xcc,
        (byte) 0xdd,
        (byte) 0xee,
        (byte) 0xff
    };

    @Test
    void everyScalarTypeRendersLikeEvtxDump() throws Exception {
        Map<String, Object> expected = new LinkedHashMap<>();
        List<Value> values = new ArrayList<>();
        values.add(Value.number(0x06, 4624, 2));
        add(values, expected, "String", Value.string("text"), "text");
        add(
                values,
                expected,
                "Ansi",
                Value.raw(0x02, "caf\u00e9\0".getBytes(StandardCharsets.ISO_8859_1)),
                "caf\u00e9");
        add(values, expected, "Int8", Value.number(0x03, -5, 1), -5L);
        add(values, expected, "UInt8", Value.number(0x04, 250, 1), 250L);
        add(values, expected, "Int16", Value.number(0x05, -300, 2), -300L);
        add(values, expected, "UInt16", Value.number(0x06, 65000, 2), 65000L);
        add(values, expected, "Int32", Value.number(0x07, -70000, 4), -70000L);
        add(values, expected, "UInt32", Value.number(0x08, 4_000_000_000L, 4), 4_000_000_000L);
        add(values, expected, "Int64", Value.number(0x09, -5_000_000_000_000L, 8), -5_000_000_000_000L);
        add(values, expected, "UInt64", Value.number(0x0a, -1, 8), "18446744073709551615");
        add(values, expected, "Real32", Value.number(0x0b, Float.floatToIntBits(1.1f), 4), 1.1);
        add(values, expected, "Real64", Value.number(0x0c, Double.doubleToLongBits(-2.25), 8), -2.25);
        add(values, expected, "Bool", Value.number(0x0d, 1, 4), true);
        add(values, expected, "Binary", Value.raw(0x0e, new byte[] {1, (byte) 0xab}), "01AB");
        add(values, expected, "Guid", Value.raw(0x0f, GUID), "33221100-5544-7766-8899-AABBCCDDEEFF");
        add(values, expected, "SizeT", Value.number(0x10, 0x1234, 8), "0x1234");
        add(
                values,
                expected,
                "FileTime",
                Value.number(0x11, SampleFiles.FILETIME_2021 + 1_234_567, 8),
                "2021-01-01T00:00:00.1234567Z");
        add(
                values,
                expected,
                "SystemTime",
                Value.raw(0x12, systemtime(2020, 2, 6, 29, 13, 14, 15, 678)),
                "2020-02-29T13:14:15.6780000Z");
        add(values, expected, "Sid", Value.raw(0x13, sid(5, 21, 1, 2, 3, 500)), "S-1-5-21-1-2-3-500");
        add(values, expected, "HexInt32", Value.number(0x14, 0xdeadbeefL, 4), "0xdeadbeef");
        add(values, expected, "HexInt64", Value.number(0x15, Long.MIN_VALUE, 8), "0x8000000000000000");
        add(values, expected, "Empty", Value.string(""), "");
        add(values, expected, "Null", Value.raw(0x00, new byte[0]), "");
        byte[] file = SampleFiles.oneRecord(d -> namedData(d, expected.keySet()), values);

        RecordCollector got = SampleFiles.read(file);

        assertThat(got.problems).isEmpty();
        Map<String, Object> event = event(got.records.get(0));
        assertThat(child(event, "System"))
                .containsEntry("EventID", 4624L)
                .containsEntry("Provider", Map.of("#attributes", Map.of("Name", "Vigil-Test")));
        assertThat(child(event, "EventData")).containsExactlyEntriesOf(expected);
        assertThat(got.records.get(0).timestamp()).hasToString("2021-01-01T00:00:00Z");
    }

    @Test
    void arraysRepeatTheirElementPerItem() throws Exception {
        byte[] strings = "a\0\0c\0".getBytes(StandardCharsets.UTF_16LE);
        byte[] numbers = {7, 0, 0, 0, 8, 0, 0, 0};
        byte[] single = "only\0".getBytes(StandardCharsets.UTF_16LE);
        byte[] guids = new byte[32];
        System.arraycopy(GUID, 0, guids, 16, 16);
        List<Value> values = List.of(
                Value.number(0x06, 1, 2),
                Value.raw(0x81, strings),
                Value.raw(0x88, numbers),
                Value.raw(0x81, single),
                Value.raw(0x8f, guids),
                Value.raw(0x94, new byte[] {1, 0, 0, 0, (byte) 0xff, 0, 0, 0}));
        byte[] file = SampleFiles.oneRecord(
                d -> {
                    d.open("EventData", false).closeStart();
                    for (int i = 1; i <= 5; i++) {
                        d.open("Data", false)
                                .closeStart()
                                .substitution(i, values.get(i).type(), false)
                                .end();
                    }
                    d.end();
                },
                values);

        RecordCollector got = SampleFiles.read(file);

        assertThat(got.problems).isEmpty();
        assertThat(child(event(got.records.get(0)), "EventData"))
                .isEqualTo(Map.of(
                        "Data",
                        Map.of(
                                "#text",
                                List.of(
                                        "a",
                                        "",
                                        "c",
                                        7L,
                                        8L,
                                        "only",
                                        "00000000-0000-0000-0000-000000000000",
                                        "33221100-5544-7766-8899-AABBCCDDEEFF",
                                        "0x1",
                                        "0xff"))));
    }

    @Test
    void embeddedBinaryXmlAndNestedTemplatesAreSpliced() throws Exception {
        Value nested = Value.binXml(w -> {
            w.fragmentHeader();
            w.template(
                    d -> {
                        d.fragmentHeader();
                        d.open("Inner", true)
                                .attribute("a")
                                .substitution(0, 0x08, false)
                                .closeStart();
                        d.substitution(1, 0x01, false).end();
                        d.eof();
                    },
                    List.of(Value.number(0x08, 1, 4), Value.string("text")));
            w.eof();
        });
        Value plain = Value.binXml(w -> w.fragmentHeader()
                .open("Plain", false)
                .closeStart()
                .text("p")
                .end()
                .eof());
        byte[] file = SampleFiles.oneRecord(
                d -> {
                    d.open("UserData", false)
                            .closeStart()
                            .substitution(1, 0x21, false)
                            .substitution(2, 0x21, false)
                            .end();
                },
                List.of(Value.number(0x06, 1, 2), nested, plain));

        RecordCollector got = SampleFiles.read(file);

        assertThat(got.problems).isEmpty();
        assertThat(child(event(got.records.get(0)), "UserData"))
                .containsExactlyEntriesOf(
                        map("Inner", map("#attributes", map("a", 1L), "#text", "text"), "Plain", "p"));
    }

    @Test
    void referencesCdataAndProcessingInstructions() throws Exception {
        byte[] file = SampleFiles.oneRecord(
                d -> {
                    d.open("EventData", false).closeStart();
                    d.open("Data", true).attribute("Name").text("Refs").closeStart();
                    d.text("a")
                            .entityRef("amp")
                            .text("b")
                            .charRef('A')
                            .cdata("<x>")
                            .entityRef("nbsp")
                            .end();
                    d.open("Data", true)
                            .attribute("Name")
                            .text("Pi")
                            .closeStart()
                            .pi("target", "data")
                            .end();
                    d.end();
                },
                List.of(Value.number(0x06, 1, 2)));

        RecordCollector got = SampleFiles.read(file);

        assertThat(got.problems).isEmpty();
        assertThat(child(event(got.records.get(0)), "EventData"))
                .containsExactlyEntriesOf(map("Refs", "a&bA<x>&nbsp;", "Pi", ""));
    }

    @Test
    void attributesOptionalValuesQualifiersAndRepeatedNames() throws Exception {
        byte[] file = SampleFiles.oneRecord(
                d -> {
                    d.open("Extra", false).closeStart();
                    d.open("Correlation", true)
                            .attribute("ActivityID")
                            .substitution(1, 0x0f, true)
                            .closeEmpty();
                    d.open("Related", true)
                            .attribute("ActivityID")
                            .substitution(2, 0x0f, true)
                            .closeEmpty();
                    d.open("Id", true)
                            .attribute("Qualifiers")
                            .substitution(3, 0x06, false)
                            .closeStart();
                    d.substitution(0, 0x06, false).end();
                    d.element("H", "a").element("H", "b").element("H", "c");
                    d.end();
                },
                List.of(
                        Value.number(0x06, 4624, 2),
                        Value.raw(0x00, new byte[0]),
                        Value.raw(0x0f, GUID),
                        Value.number(0x06, 16384, 2)));

        RecordCollector got = SampleFiles.read(file);

        assertThat(got.problems).isEmpty();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("Correlation", null);
        extra.put("Related", map("#attributes", map("ActivityID", "33221100-5544-7766-8899-AABBCCDDEEFF")));
        extra.put("Id", map("#attributes", map("Qualifiers", 16384L), "#text", 4624L));
        extra.put("H", "a");
        extra.put("H_1", "b");
        extra.put("H_2", "c");
        assertThat(child(event(got.records.get(0)), "Extra")).containsExactlyEntriesOf(extra);
    }

    private static void add(List<Value> values, Map<String, Object> expected, String name, Value v, Object rendered) {
        values.add(v);
        expected.put(name, rendered);
    }

    private static void namedData(BinXml d, Iterable<String> names) {
        d.open("EventData", false).closeStart();
        int index = 1;
        for (String name : names) {
            boolean optional = name.equals("Null");
            d.open("Data", true).attribute("Name").text(name).closeStart();
            d.substitution(index++, 0x01, optional).end();
        }
        d.end();
    }

    private static byte[] systemtime(int... fields) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            EvtxImage.le16(b, 2 * i, fields[i]);
        }
        return b;
    }

    private static byte[] sid(int authority, long... subs) {
        byte[] b = new byte[8 + 4 * subs.length];
        b[0] = 1;
        b[1] = (byte) subs.length;
        b[7] = (byte) authority;
        for (int i = 0; i < subs.length; i++) {
            EvtxImage.le32(b, 8 + 4 * i, (int) subs[i]);
        }
        return b;
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
