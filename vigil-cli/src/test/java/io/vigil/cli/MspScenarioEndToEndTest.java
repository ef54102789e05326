package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.detect.Level;
import io.vigil.engine.score.LabelSet;
import io.vigil.engine.score.Scorecard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil hunt} with the built-in pack on the committed MSP Cloud Hopper dataset
 * (examples/msp-cloud-hopper, register.yml found automatically), scored against its ground-truth labels:
 * the numbers docs/msp-detections.md and the example's README promise.
 */
class MspScenarioEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DATASET = Path.of("../examples/msp-cloud-hopper");
    private static final Path LABELS = Path.of("../examples/msp-cloud-hopper.labels.jsonl.gz");

    /** Control ids of docs/msp-detections.md; rules not listed here have none. */
    private static final Map<String, String> CONTROLS = Map.of(
            "msp-outside-window", "C03",
            "msp-unsanctioned-source", "C04",
            "msp-first-seen-source", "C04",
            "msp-concurrent-sessions", "C05",
            "msp-shared-credential", "C09",
            "msp-privileged-change", "C11",
            "msp-service-interactive", "C14",
            "msp-no-mfa", "C06",
            "msp-event-gap", "C10");

    @TempDir
    static Path dir;

    private static List<JsonNode> detections;
    private static Scorecard.Result score;

    @BeforeAll
    static void hunt() throws IOException {
        Path out = dir.resolve("o.jsonl");
        CliRun r = CliRun.of("hunt", "--format", "jsonl", "--output", out.toString(), DATASET.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Scorecard card = new Scorecard(LabelSet.load(LABELS));
        detections = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            JsonNode d = JSON.readTree(line);
            detections.add(d);
            card.add(
                    d.path("rule").path("id").asText(),
                    Level.parse(d.path("rule").path("level").asText()).orElseThrow(),
                    d.path("source").path("path").asText(),
                    d.path("source").path("line").asLong(-1));
        }
        score = card.result();
    }

    @Test
    void everyStorylineStepIsDetected() {
        assertThat(score.missedSteps()).isEmpty();
        assertThat(score.stepsDetected()).isEqualTo(score.stepsExpected());
        assertThat(score.stepsExpected()).isGreaterThanOrEqualTo(18);
    }

    @Test
    void everyExpectedMspDetectionFiresInItsStep() {
        assertThat(score.missedIds()).noneMatch(id -> id.contains(" msp-"));
    }

    @Test
    void alertsAreOnMaliciousEvents() {
        assertThat(score.alerts()).isGreaterThan(50);
        assertThat(score.precision()).isGreaterThanOrEqualTo(1.0);
        assertThat(score.falsePositivesByRule()).isEmpty();
    }

    @Test
    void sanctionedMaintenanceStaysLow() {
        assertThat(score.maxLevelBenignStoryline()).containsKey("S6");
        assertThat(score.maxLevelBenignStoryline().get("S6")).isLessThanOrEqualTo(Level.LOW);
    }

    @Test
    void mspDetectionsCarryTenantControlAndExplanation() {
        List<JsonNode> msp = detections.stream()
                .filter(d -> d.path("rule").path("id").asText().startsWith("msp-"))
                .toList();
        assertThat(msp).hasSizeGreaterThan(20);
        for (JsonNode d : msp) {
            String id = d.path("rule").path("id").asText();
            assertThat(d.path("tenant").asText()).as(id).isIn("msp", "acme", "betaco");
            assertThat(d.path("explanation").asText()).as(id).isNotBlank();
            if (CONTROLS.containsKey(id)) {
                assertThat(d.path("control").asText()).as(id).isEqualTo(CONTROLS.get(id));
            } else {
                assertThat(d.has("control")).as(id).isFalse();
            }
        }
    }

    @Test
    void collidingDc01HostsStayInTheirOwnTenants() {
        List<JsonNode> betaco = onComputer("DC01");
        List<JsonNode> acme = onComputer("dc01.acme.local");
        assertThat(betaco).isNotEmpty().allMatch(d -> d.path("tenant").asText().equals("betaco"));
        assertThat(acme).isNotEmpty().allMatch(d -> d.path("tenant").asText().equals("acme"));
    }

    @Test
    void incidentsViewGroupsS1InAcmeUnderTNguyen() {
        CliRun r = CliRun.of("hunt", "--format", "incidents", DATASET.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String acme = r.out().substring(r.out().indexOf("Tenant acme:"));
        acme = acme.substring(0, acme.indexOf("\nTenant ", 1) < 0 ? acme.length() : acme.indexOf("\nTenant ", 1));
        String s1 = null;
        for (String block : acme.split("\n  Incident ")) {
            if (block.contains("csvde")) {
                s1 = block;
            }
        }
        assertThat(s1).as("an ACME incident holding S1.5's csvde").isNotNull();
        String header = s1.lines().findFirst().orElseThrow();
        assertThat(header)
                .contains("identities: t.nguyen")
                .contains("dc01.acme.local")
                .contains("fs01.acme.local")
                .contains("app03.acme.local");
        // S1.4 logon from the phished MSP workstation, S1.5 discovery, S1.6 PsExec: one incident
        assertThat(s1).contains("10.10.5.17").contains("PSEXESVC").contains("Logon from a host with an intrusion");
    }

    private static List<JsonNode> onComputer(String computer) {
        return detections.stream()
                .filter(d -> computer.equals(d.path("event").path("Computer").asText()))
                .toList();
    }
}
