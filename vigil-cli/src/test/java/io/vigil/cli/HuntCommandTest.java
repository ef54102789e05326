package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil hunt} end to end on files the test writes: output contract, summary and exit codes. */
class HuntCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path rules;
    private Path logs;

    @BeforeEach
    void write() throws IOException {
        rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("whoami.yml"), """
                title: Whoami Execution
                id: 11111111-2222-3333-4444-555555555555
                status: test
                author: Test Author
                level: medium
                tags: [attack.discovery, attack.t1033]
                logsource: {product: windows, category: process_creation}
                detection:
                    selection:
                        Image|endswith: '\\\\whoami.exe'
                    condition: selection
                """);
        Files.writeString(rules.resolve("psexec.yml"), """
                title: PsExec Service
                id: 66666666-2222-3333-4444-555555555555
                status: test
                author: Test Author
                level: high
                logsource: {product: windows, service: system}
                detection:
                    selection:
                        EventID: 7045
                        ServiceName: PSEXESVC
                    condition: selection
                """);
        logs = Files.createDirectories(dir.resolve("logs/host1"));
        Files.writeString(
                logs.resolve("a.jsonl"),
                String.join(
                        "\n",
                        "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Hostname\":\"ws1\",\"@timestamp\":\"2026-11-20T01:00:00.1234567Z\",\"Image\":\"C:\\\\Windows\\\\System32\\\\WHOAMI.EXE\"}",
                        "{not json",
                        "{\"EventID\":4688,\"Channel\":\"security\",\"Hostname\":\"ws1\",\"@timestamp\":\"2026-11-20T01:00:01Z\",\"NewProcessName\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\"}",
                        "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Hostname\":\"ws1\",\"Image\":\"C:\\\\Windows\\\\notepad.exe\"}",
                        ""),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("logs/system.json"), """
                {"Event": {"System": {"EventID": 7045, "Channel": "System", "Computer": "dc1",
                  "Provider": {"#attributes": {"Name": "Service Control Manager"}},
                  "EventRecordID": 42, "TimeCreated": {"#attributes": {"SystemTime": "2026-11-20T00:59:00Z"}}},
                  "EventData": {"ServiceName": "PSEXESVC", "ImagePath": "%SystemRoot%\\\\PSEXESVC.exe"}}}
                """);
        Files.writeString(dir.resolve("logs/notes.txt"), "not a log");
    }

    private List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (!l.isBlank()) {
                nodes.add(JSON.readTree(l));
            }
        }
        return nodes;
    }

    @Test
    void jsonlDetectionsFollowTheOutputContract() throws IOException {
        String logsArg = dir.resolve("logs").toString();
        CliRun r = CliRun.of("hunt", "--rules", rules.toString(), "--format", "jsonl", logsArg);
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> d = lines(r.out());
        // Directory entries are read sorted by name: host1/a.jsonl before system.json.
        assertThat(d).hasSize(3);
        JsonNode first = d.get(0);
        assertThat(first.get("timestamp").asText()).isEqualTo("2026-11-20T01:00:00.1234567Z");
        assertThat(first.at("/rule/id").asText()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(first.at("/rule/author").asText()).isEqualTo("Test Author");
        assertThat(first.at("/rule/level").asText()).isEqualTo("medium");
        assertThat(first.at("/rule/tags/1").asText()).isEqualTo("attack.t1033");
        assertThat(first.at("/source/path").asText()).isEqualTo(logsArg + "/host1/a.jsonl");
        assertThat(first.at("/source/line").asLong()).isEqualTo(1);
        assertThat(first.at("/event/Computer").asText()).isEqualTo("ws1");
        // The Security 4688 event matches the same rule through the logsource field mapping.
        assertThat(d.get(1).at("/source/line").asLong()).isEqualTo(3);
        assertThat(d.get(1).at("/event/NewProcessName").asText()).endsWith("whoami.exe");
        assertThat(d.get(2).at("/rule/title").asText()).isEqualTo("PsExec Service");
        assertThat(d.get(2).at("/source/path").asText()).isEqualTo(logsArg + "/system.json");
        // The malformed line is reported with its place, counted, and the rest is read.
        assertThat(r.err()).contains(logsArg + "/host1/a.jsonl:2").contains("malformed-json");
        assertThat(r.err()).contains("Events: 4 read, 1 skipped {malformed-json=1}");
        assertThat(r.err()).contains("1 skipped {.txt=1}");
        assertThat(r.err()).contains("Detections: 3 (critical 0, high 1, medium 2");
    }

    @Test
    void minLevelFiltersAndCountsWhatWasHidden() {
        CliRun r = CliRun.of(
                "hunt",
                "--rules",
                rules.toString(),
                "--format",
                "jsonl",
                "--min-level",
                "high",
                dir.resolve("logs").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("2 below --min-level");
    }

    @Test
    void csvAndOutputFileOverwrite() throws IOException {
        Path out = dir.resolve("out.csv");
        Files.writeString(out, "old content that must disappear\n".repeat(100));
        CliRun r = CliRun.of(
                "hunt",
                "--rules",
                rules.toString(),
                "--format",
                "csv",
                "--output",
                out.toString(),
                dir.resolve("logs").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        List<String> rows = Files.readAllLines(out);
        assertThat(rows.get(0)).startsWith("timestamp,level,rule_title,rule_id");
        assertThat(rows).hasSize(4).noneMatch(l -> l.contains("old content"));
    }

    @Test
    void emptyRulesDirectoryRunsWithNoRules() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("none"));
        CliRun r = CliRun.of(
                "hunt",
                "--rules",
                empty.toString(),
                "--format",
                "jsonl",
                dir.resolve("logs").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Rules: 0 loaded, 0 rejected").contains("Events: 4 read");
    }

    @Test
    void brokenRuleIsReportedWithLocationAndOthersStillRun() throws IOException {
        Files.writeString(rules.resolve("broken.yml"), """
                title: Broken
                logsource: {product: windows}
                detection:
                    selection:
                        Image|nosuchmodifier: x
                    condition: selection
                """);
        CliRun r = CliRun.of(
                "hunt",
                "--rules",
                rules.toString(),
                "--format",
                "jsonl",
                dir.resolve("logs").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("broken.yml:5:9: error[unknown-modifier]");
        assertThat(r.out().lines().count()).isEqualTo(3);
        assertThat(r.err()).contains("Rules: 2 loaded, 1 rejected");
    }

    @Test
    void exitCodes() {
        assertThat(CliRun.of(
                                "hunt",
                                "--rules",
                                rules.toString(),
                                dir.resolve("missing.json").toString())
                        .exit())
                .isEqualTo(1);
        assertThat(CliRun.of("hunt", "--no-such-option", "x").exit()).isEqualTo(2);
        assertThat(CliRun.of("hunt").exit()).isEqualTo(2);
        assertThat(CliRun.of("hunt", "--min-level", "severe", dir.toString()).exit())
                .isEqualTo(2);
        assertThat(CliRun.of("hunt", "--format", "xml", dir.toString()).exit()).isEqualTo(2);
        assertThat(CliRun.of("hunt", "--rules", dir.resolve("nope").toString(), dir.toString())
                        .exit())
                .isEqualTo(2);
        assertThat(CliRun.of().exit()).isEqualTo(2);
    }

    @Test
    void builtinPackIsTheDefault() throws IOException {
        Path ex = Path.of("..", "examples", "three-shapes");
        CliRun r = CliRun.of("hunt", "--format", "jsonl", "--quiet", ex.toString());
        assertThat(r.exit()).isZero();
        List<JsonNode> d = lines(r.out());
        assertThat(d).isNotEmpty();
        assertThat(d).allSatisfy(n -> assertThat(n.at("/rule/path").asText()).startsWith("builtin:"));
    }

    @Test
    void iocFeedAddsDetectionsWithAnIocMember() throws IOException {
        Path feed = dir.resolve("feed.csv");
        Files.writeString(feed, "type,value,comment\nfilename,whoami.exe,test indicator\n");
        CliRun r = CliRun.of(
                "hunt",
                "--rules",
                rules.toString(),
                "--ioc",
                feed.toString(),
                "--no-builtin-ioc",
                "--format",
                "jsonl",
                dir.resolve("logs").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> iocs = lines(r.out()).stream().filter(n -> n.has("ioc")).toList();
        assertThat(iocs).hasSize(2);
        assertThat(iocs.get(0).at("/ioc/type").asText()).isEqualTo("filename");
        assertThat(iocs.get(0).at("/ioc/value").asText()).isEqualTo("whoami.exe");
        assertThat(iocs.get(0).at("/ioc/feed").asText()).isEqualTo(feed.toString());
        assertThat(iocs.get(0).at("/ioc/field").asText()).isEqualTo("Image");
        assertThat(r.err()).contains("Indicators: 1 loaded");
        assertThat(CliRun.of("hunt", "--ioc", dir.resolve("nofeed.csv").toString(), dir.toString())
                        .exit())
                .isEqualTo(2);
    }
}
