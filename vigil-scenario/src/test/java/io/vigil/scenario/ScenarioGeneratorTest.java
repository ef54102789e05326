package io.vigil.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioGeneratorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path COMMITTED = Path.of("../examples/msp-cloud-hopper");

    @TempDir
    static Path tmp1;

    @TempDir
    static Path tmp2;

    static Path first;
    static Path second;

    @BeforeAll
    static void generateTwice() throws IOException {
        first = Files.createDirectories(tmp1.resolve("msp-cloud-hopper"));
        second = Files.createDirectories(tmp2.resolve("msp-cloud-hopper"));
        ScenarioGenerator.generate(7, first);
        ScenarioGenerator.generate(7, second);
    }

    private static List<Path> dataFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".gz"))
                    .map(root::relativize)
                    .sorted()
                    .toList();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFiles() throws IOException {
        List<Path> files = dataFiles(first);
        assertThat(files).isEqualTo(dataFiles(second)).hasSizeGreaterThan(10);
        for (Path f : files) {
            assertThat(Files.readAllBytes(second.resolve(f)))
                    .as(f.toString())
                    .isEqualTo(Files.readAllBytes(first.resolve(f)));
        }
        assertThat(Files.readAllBytes(ScenarioGenerator.labelsPath(second)))
                .isEqualTo(Files.readAllBytes(ScenarioGenerator.labelsPath(first)));
    }

    @Test
    void committedDatasetIsAFreshRun() throws IOException {
        assertThat(COMMITTED.resolve("register.yml")).exists();
        List<Path> files = dataFiles(first);
        assertThat(dataFiles(COMMITTED)).isEqualTo(files);
        for (Path f : files) {
            assertThat(Files.readAllBytes(COMMITTED.resolve(f)))
                    .as("%s differs from a fresh run: regenerate with exec:java@dataset", f)
                    .isEqualTo(Files.readAllBytes(first.resolve(f)));
        }
        assertThat(Files.readAllBytes(ScenarioGenerator.labelsPath(COMMITTED)))
                .as("labels differ from a fresh run: regenerate with exec:java@dataset")
                .isEqualTo(Files.readAllBytes(ScenarioGenerator.labelsPath(first)));
    }

    @Test
    void everyLabelPointsAtTheEventOfItsStep() throws IOException {
        Map<String, List<String>> cache = new HashMap<>();
        List<String> labels = lines(ScenarioGenerator.labelsPath(first));
        assertThat(labels).hasSizeGreaterThan(100);
        Map<String, Integer> perStoryline = new HashMap<>();
        for (String text : labels) {
            JsonNode label = JSON.readTree(text);
            String file = label.get("file").asText();
            List<String> content = cache.computeIfAbsent(file, f -> {
                try {
                    return lines(first.resolve(f));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            int line = label.get("line").asInt();
            assertThat(line).as(text).isBetween(1, content.size());
            JsonNode event = JSON.readTree(content.get(line - 1));
            String storyline = label.get("storyline").asText();
            perStoryline.merge(storyline, 1, Integer::sum);
            assertThat(label.get("malicious").asBoolean()).isEqualTo(!storyline.equals("S6"));
            String host = host(event);
            long id = eventId(event);
            String key = storyline + "/" + label.get("step").asInt();
            switch (key) {
                case "S1/4" -> {
                    assertThat(file).startsWith("acme/");
                    assertThat(List.of(4768L, 4769L, 4624L, 4672L, 1149L, 21L, 22L))
                            .contains(id);
                    if (id == 4624) {
                        assertThat(field(event, "IpAddress")).isEqualTo("10.10.5.17");
                        assertThat(label.get("expect").toString())
                                .contains("msp-outside-window", "msp-unsanctioned-source", "msp-compromised-source");
                    }
                }
                case "S1/5" -> assertThat(host).isEqualTo("fs01.acme.local");
                case "S2/3" -> assertThat(host).isEqualTo("SRV03");
                case "S3/4" -> assertThat(file).isIn("mspcorp/flows.jsonl.gz", "mspcorp/sysmon.ndjson.gz");
                case "S5/4" -> assertThat(host).isEqualTo("FS01");
                case "S6/2" ->
                    assertThat(List.of(4688L, 1L, 4769L, 4624L, 4672L, 5145L, 4634L, 7045L))
                            .contains(id);
                default -> {}
            }
            if (id == 7045 && key.equals("S6/2")) {
                assertThat(field(event, "ServiceName")).isEqualTo("PSEXESVC");
            }
        }
        assertThat(perStoryline).containsOnlyKeys("S1", "S2", "S3", "S4", "S5", "S6");
        long psexec = 0;
        for (String text : lines(first.resolve("acme/system.jsonl.gz"))) {
            JsonNode e = JSON.readTree(text);
            if (e.get("EventID").asLong() == 7045
                    && e.get("ServiceName").asText().equals("PSEXESVC")) {
                psexec++;
            }
        }
        assertThat(psexec).as("40 PsExec installs in S6 plus one in S1").isEqualTo(41);
    }

    @Test
    void recordIdsAreContiguousPerHostAndChannelExceptThePlannedGap() throws IOException {
        List<String> jumps = new ArrayList<>();
        for (Path f : dataFiles(first)) {
            if (f.toString().contains("vpn") || f.toString().contains("flows")) {
                continue;
            }
            Map<String, Long> last = new HashMap<>();
            for (String text : lines(first.resolve(f))) {
                JsonNode e = JSON.readTree(text);
                String key = host(e) + "|" + channel(e);
                long id = recordId(e);
                Long previous = last.put(key, id);
                if (previous != null && id != previous + 1) {
                    jumps.add(key + " " + previous + "->" + id);
                }
            }
        }
        assertThat(jumps).hasSize(3).allMatch(j -> j.startsWith("ws22.acme.local|"));
    }

    @Test
    void everyTimestampLiesInThePeriod() throws IOException {
        Instant from = Instant.parse("2026-11-02T00:00:00Z");
        Instant to = Instant.parse("2026-11-20T00:00:00Z");
        for (Path f : dataFiles(first)) {
            for (String text : lines(first.resolve(f))) {
                JsonNode e = JSON.readTree(text);
                Instant t = time(e);
                assertThat(t).as(f + ": " + text).isAfterOrEqualTo(from).isBefore(to);
            }
        }
    }

    private static Instant time(JsonNode e) {
        if (e.has("log_type")) {
            String t = e.get("log_type").asText().equals("flow")
                    ? e.get("time").asText()
                    : e.get("start").asText();
            return OffsetDateTime.parse(t).toInstant();
        }
        if (e.has("Event")) {
            return Instant.parse(
                    e.at("/Event/System/TimeCreated/#attributes/SystemTime").asText());
        }
        if (e.has("winlog")) {
            return Instant.parse(e.get("@timestamp").asText());
        }
        return Instant.parse(e.get("TimeCreated").asText());
    }

    private static String host(JsonNode e) {
        if (e.has("Event")) {
            return e.at("/Event/System/Computer").asText();
        }
        if (e.has("winlog")) {
            return e.at("/winlog/computer_name").asText();
        }
        return e.path("Hostname").asText();
    }

    private static String channel(JsonNode e) {
        if (e.has("Event")) {
            return e.at("/Event/System/Channel").asText();
        }
        if (e.has("winlog")) {
            return e.at("/winlog/channel").asText();
        }
        return e.path("Channel").asText();
    }

    private static long eventId(JsonNode e) {
        if (e.has("Event")) {
            return e.at("/Event/System/EventID").asLong();
        }
        if (e.has("winlog")) {
            return e.at("/winlog/event_id").asLong();
        }
        return e.path("EventID").asLong(-1);
    }

    private static long recordId(JsonNode e) {
        if (e.has("Event")) {
            return e.at("/Event/System/EventRecordID").asLong();
        }
        if (e.has("winlog")) {
            return e.at("/winlog/record_id").asLong();
        }
        return e.path("EventRecordID").asLong();
    }

    private static String field(JsonNode e, String name) {
        if (e.has("Event")) {
            return e.at("/Event/EventData/" + name).asText();
        }
        if (e.has("winlog")) {
            return e.at("/winlog/event_data/" + name).asText();
        }
        return e.path(name).asText();
    }
}
