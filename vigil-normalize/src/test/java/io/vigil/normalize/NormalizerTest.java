package io.vigil.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormalizerTest {
    private static final Normalizer NORMALIZER = Normalizer.standard();
    private static final Provenance WHERE = Provenance.line("logs/a.json", 7);

    private static Event normalize(String json) {
        return NORMALIZER.normalize(JsonTrees.parse(json), WHERE);
    }

    private static String evtxDump(String system, String body) {
        return "{\"Event\": {\"System\": {" + system + "}" + (body.isEmpty() ? "" : ", " + body) + "}}";
    }

    @Test
    void flatRecordsOfOneShapeShareOneLayout() {
        Normalizer normalizer = Normalizer.standard();
        Event first = flat(normalizer, "{\"EventID\":1,\"Channel\":\"Security\",\"Image\":\"a.exe\"}");
        // many other names in between, more than the reader's name cache holds
        for (int i = 0; i < 3000; i++) {
            flat(normalizer, "{\"EventID\":2,\"Other" + i + "\":\"x\"}");
        }
        Event again = flat(normalizer, "{\"EventID\":7,\"Channel\":\"System\",\"Image\":\"b.exe\"}");
        Event reordered = flat(normalizer, "{\"Channel\":\"System\",\"Image\":\"b.exe\",\"EventID\":7}");
        Event other = flat(normalizer, "{\"EventID\":7,\"Channel\":\"System\",\"Image2\":\"b.exe\"}");

        assertThat(first.layout().shared()).isTrue();
        assertThat(again.layout()).isSameAs(first.layout());
        assertThat(again.get("Image")).isEqualTo("b.exe");
        // header fields are put in rule order, whatever the record's order
        assertThat(reordered.layout()).isSameAs(first.layout());
        assertThat(other.layout()).isNotSameAs(first.layout());
    }

    private static Event flat(Normalizer normalizer, String json) {
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Event e = normalizer.normalizeFlat(bytes, bytes.length, 1 << 20, 64, WHERE);
        assertThat(e).as(json).isNotNull();
        return e;
    }

    @Test
    void readsEventIdFromTextWithQualifiers() {
        Event event = normalize(evtxDump(
                "\"EventID\": {\"#attributes\": {\"Qualifiers\": 16384}, \"#text\": 7045}, \"Channel\": \"System\"",
                "\"EventData\": {\"ServiceName\": \"evil\"}"));

        assertThat(event.fields())
                .containsExactly(
                        entry("EventID", 7045L),
                        entry("Channel", "System"),
                        entry("Qualifiers", 16384L),
                        entry("ServiceName", "evil"));
        assertThat(event.provenance()).isEqualTo(WHERE);
    }

    @Test
    void readsEventIdGivenAsText() {
        assertThat(normalize(evtxDump("\"EventID\": {\"#text\": \"4688\"}", "")).get("EventID"))
                .isEqualTo(4688L);
    }

    @Test
    void gathersUnnamedDataValuesInOrder() {
        Event list = normalize(evtxDump(
                "\"EventID\": 400, \"Channel\": \"Windows PowerShell\"",
                "\"EventData\": {\"Data\": [\"Available\", \"None\", \"HostName=ConsoleHost\"], \"Binary\": null}"));
        Event text = normalize(
                evtxDump("\"EventID\": 400", "\"EventData\": {\"Data\": {\"#text\": [\"Available\", \"None\"]}}"));
        Event single = normalize(evtxDump("\"EventID\": 1", "\"EventData\": {\"Data\": {\"#text\": \"only\"}}"));

        assertThat(list.fields())
                .containsEntry("Data", List.of("Available", "None", "HostName=ConsoleHost"))
                .containsEntry("Binary", null);
        assertThat(List.copyOf(list.fields().keySet())).containsSubsequence("Channel", "Data", "Binary");
        assertThat(text.get("Data")).isEqualTo(List.of("Available", "None"));
        assertThat(single.get("Data")).isEqualTo("only");
    }

    @Test
    void namesDataElementsThatCarryAName() {
        Event event = normalize(evtxDump(
                "\"EventID\": 4688",
                "\"EventData\": {\"Data\": [{\"@Name\": \"NewProcessName\", \"#text\": \"C:\\\\x.exe\"},"
                        + " {\"#attributes\": {\"Name\": \"CommandLine\"}, \"#text\": \"x /y\"}, \"loose\"]}"));

        assertThat(event.fields())
                .containsEntry("NewProcessName", "C:\\x.exe")
                .containsEntry("CommandLine", "x /y")
                .containsEntry("Data", "loose");
    }

    @Test
    void takesUserDataFieldsWithoutTheElementName() {
        Event event = normalize(evtxDump(
                "\"EventID\": 5858, \"Channel\": \"Microsoft-Windows-WMI-Activity/Operational\"",
                "\"UserData\": {\"Operation_ClientFailure\": {\"#attributes\": {\"xmlns\": \"http://x\"},"
                        + " \"ClientMachine\": \"HOST\", \"ClientProcessId\": 25920,"
                        + " \"Operation\": {\"#text\": \"Start\"}}}"));

        assertThat(event.fields())
                .containsOnlyKeys("EventID", "Channel", "ClientMachine", "ClientProcessId", "Operation")
                .containsEntry("ClientProcessId", 25920L)
                .containsEntry("Operation", "Start");
    }

    @Test
    void letsADataFieldKeepItsNameAndMovesTheHeaderValueAside() {
        // System 104: the cleared channel is a UserData field named Channel, which Sigma rules test
        Event event = normalize(evtxDump(
                "\"EventID\": 104, \"Channel\": \"System\", \"Execution\": {\"#attributes\": {\"ProcessID\": 4}}",
                "\"UserData\": {\"LogFileCleared\": {\"SubjectUserName\": \"admin\","
                        + " \"Channel\": \"Microsoft-Windows-Sysmon/Operational\"}}"));

        assertThat(event.get("Channel")).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(event.get("System_Channel")).isEqualTo("System");
        // The header's Execution ProcessID is named as the OTRF collectors name it, so it never
        // collides with (or case-insensitively shadows) an event's own ProcessId/ProcessID.
        assertThat(event.get("ExecutionProcessID")).isEqualTo(4L);
        assertThat(event.has("ProcessID")).isFalse();
    }

    @Test
    void spellsKnownChannelsCanonicallyAndKeepsUnknownOnes() {
        assertThat(normalize("{\"EventID\": 1, \"Channel\": \"microsoft-windows-sysmon/operational\"}")
                        .get("Channel"))
                .isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(normalize("{\"EventID\": 4104, \"Channel\": \"MICROSOFT-WINDOWS-POWERSHELL/OPERATIONAL\"}")
                        .get("Channel"))
                .isEqualTo("Microsoft-Windows-PowerShell/Operational");
        assertThat(normalize("{\"EventID\": 400, \"Channel\": \"windows powershell\"}")
                        .get("Channel"))
                .isEqualTo("Windows PowerShell");
        assertThat(normalize("{\"EventID\": 1, \"Channel\": \"vendor-app/custom\"}")
                        .get("Channel"))
                .isEqualTo("vendor-app/custom");
    }

    @Test
    void renamesCollectorFieldsAndKeepsTheRest() {
        Event event = normalize("{\"EventID\": \"5156\", \"Channel\": \"security\", \"Hostname\": \"WS5\","
                + " \"SourceName\": \"Microsoft-Windows-Security-Auditing\", \"RecordNumber\": \"42\","
                + " \"ExecutionProcessID\": 4, \"ProcessID\": \"3304\", \"Application\": \"svchost.exe\","
                + " \"host\": \"wec.internal\", \"tags\": [\"mordorDataset\"], \"SeverityValue\": 2}");

        assertThat(event.fields())
                .containsEntry("EventID", 5156L)
                .containsEntry("Channel", "Security")
                .containsEntry("Computer", "WS5")
                .containsEntry("Provider_Name", "Microsoft-Windows-Security-Auditing")
                .containsEntry("EventRecordID", 42L)
                .containsEntry("ProcessID", "3304")
                .containsEntry("ExecutionProcessID", 4L)
                .containsEntry("host", "wec.internal")
                .containsEntry("tags", List.of("mordorDataset"))
                .containsEntry("SeverityValue", 2L)
                .doesNotContainKeys("Hostname", "SourceName", "RecordNumber");
    }

    @Test
    void keepsEcsFieldsItDoesNotMapUnderTheirDottedNames() {
        Event event = normalize(
                "{\"winlog\": {\"event_id\": 4104, \"channel\": \"Microsoft-Windows-PowerShell/Operational\","
                        + " \"api\": \"wineventlog\", \"user_data\": {\"Param\": \"x\"},"
                        + " \"event_data\": {\"ScriptBlockText\": \"IEX\", \"Nested\": [[1, 2], {\"k\": \"v\"}]}},"
                        + " \"event\": {\"code\": \"4104\"}, \"host\": {\"name\": \"ws5\"}, \"agent\": {\"type\": \"winlogbeat\"}}");

        assertThat(event.fields())
                .containsEntry("EventID", 4104L)
                .containsEntry("Computer", "ws5")
                .containsEntry("ScriptBlockText", "IEX")
                .containsEntry("Param", "x")
                .containsEntry("Nested", List.of(1L, 2L, "{\"k\":\"v\"}"))
                .containsEntry("winlog.api", "wineventlog")
                .containsEntry("event.code", "4104")
                .containsEntry("agent.type", "winlogbeat")
                .doesNotContainKey("host.name");
    }

    @Test
    void parsesEventTimesOfEveryShape() {
        assertThat(normalize(evtxDump(
                                "\"EventID\": 1, \"TimeCreated\": {\"#attributes\": {\"SystemTime\": \"2025-11-26T05:11:27.9276931Z\"}}",
                                ""))
                        .timestamp())
                .isEqualTo(Instant.parse("2025-11-26T05:11:27.9276931Z"));
        assertThat(normalize("{\"EventID\": 1, \"TimeCreated\": \"2020-10-18 10:56:18.799\"}")
                        .timestamp())
                .isEqualTo(Instant.parse("2020-10-18T10:56:18.799Z"));
        assertThat(normalize(
                                "{\"EventID\": 1, \"@timestamp\": \"2020-08-05T06:09:29.626Z\", \"EventTime\": \"2020-08-05 02:09:26\"}")
                        .timestamp())
                .isEqualTo(Instant.parse("2020-08-05T06:09:29.626Z"));
        assertThat(normalize("{\"EventID\": 1, \"EventTime\": \"2020-08-05 02:09:26\"}")
                        .timestamp())
                .isEqualTo(Instant.parse("2020-08-05T02:09:26Z"));
        assertThat(normalize("{\"winlog.event_id\": 1, \"@timestamp\": \"2020-08-05T08:09:29.6+02:00\"}")
                        .timestamp())
                .isEqualTo(Instant.parse("2020-08-05T06:09:29.600Z"));
    }

    @Test
    void leavesTheTimeEmptyButKeepsTheTextWhenItDoesNotParse() {
        Event event = normalize("{\"EventID\": 1, \"TimeCreated\": \"yesterday\"}");

        assertThat(event.timestamp()).isNull();
        assertThat(event.get("TimeCreated")).isEqualTo("yesterday");
    }

    @Test
    void doesNotModifyTheInputTree() {
        Map<String, Object> tree = JsonTrees.parse(SameEventInThreeShapesTest.SYSMON_EVTX_DUMP);
        String before = tree.toString();

        NORMALIZER.normalize(tree, WHERE);

        assertThat(tree).hasToString(before);
    }

    @Test
    void detectsShapes() {
        assertThat(RecordShape.detect(Map.of("Event", Map.of()))).isEqualTo(RecordShape.EVTX_DUMP);
        assertThat(RecordShape.detect(Map.of("Event", "text", "EventID", 1))).isEqualTo(RecordShape.FLAT);
        assertThat(RecordShape.detect(Map.of("winlog", Map.of()))).isEqualTo(RecordShape.ECS);
        assertThat(RecordShape.detect(Map.of("winlog.channel", "Security"))).isEqualTo(RecordShape.ECS);
        assertThat(RecordShape.detect(Map.of("EventID", 1))).isEqualTo(RecordShape.FLAT);
    }

    @Test
    void networkLogsKeepTheirFieldsAndTakeTheirTimeFromStartOrTime() {
        Event vpn = NORMALIZER.normalize(
                Map.of(
                        "log_type", "vpn_session",
                        "start", "2026-11-03T13:58:03+09:00",
                        "end", "2026-11-03T15:28:56+09:00",
                        "user", "msp-rosei@betaco.local",
                        "mfa", "success",
                        "bytes_in", 39882542L),
                WHERE);
        assertThat(vpn.timestamp()).isEqualTo(Instant.parse("2026-11-03T04:58:03Z"));
        assertThat(vpn.get("user")).isEqualTo("msp-rosei@betaco.local");
        assertThat(vpn.get("bytes_in")).isEqualTo(39882542L);
        assertThat(vpn.get("end")).isEqualTo("2026-11-03T15:28:56+09:00");

        Event flow = NORMALIZER.normalize(
                Map.of("log_type", "flow", "time", "2026-11-02T00:21:19.000Z", "dst_port", 443L), WHERE);
        assertThat(flow.timestamp()).isEqualTo(Instant.parse("2026-11-02T00:21:19Z"));
        assertThat(RecordShape.detect(Map.of("log_type", "other", "time", "x"))).isEqualTo(RecordShape.FLAT);
    }
}
