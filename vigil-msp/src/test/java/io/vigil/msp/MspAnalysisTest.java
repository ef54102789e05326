package io.vigil.msp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.event.Event;
import io.vigil.msp.detect.MspDetector;
import io.vigil.msp.detect.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MspAnalysisTest {
    private static final String SEC = "Security";

    @Test
    void sanctionedMaintenanceLowersLevelAndExplains() {
        Scenario s = new Scenario();
        // Sat 2026-11-14 21:05 New York, inside the window, CHG-2041 open, from the jump host
        Event psexec = s.windows(
                "acme/app01-sys.evtx",
                "2026-11-15T02:05:00Z",
                "System",
                7045,
                "APP01.acme.local",
                "ServiceName",
                "PSEXESVC");
        Event task = s.windows(
                "acme/app01-sec.evtx",
                "2026-11-15T02:06:00Z",
                SEC,
                4698,
                "APP01.acme.local",
                "SubjectUserName",
                "msp-tnguyen",
                "SubjectDomainName",
                "ACME",
                "IpAddress",
                "10.10.0.21");
        // a customer user inside the window is not the MSP's sanctioned work
        Event other = s.windows(
                "acme/app01-sec.evtx",
                "2026-11-15T02:07:00Z",
                SEC,
                4698,
                "APP01.acme.local",
                "SubjectUserName",
                "jdoe",
                "SubjectDomainName",
                "ACME");
        // the same PsExec a week earlier, outside the window
        Event early = s.windows(
                "acme/app01-sys.evtx",
                "2026-11-08T02:05:00Z",
                "System",
                7045,
                "APP01.acme.local",
                "ServiceName",
                "PSEXESVC");
        s.detected(psexec, Level.HIGH)
                .detected(task, Level.MEDIUM)
                .detected(other, Level.MEDIUM)
                .detected(early, Level.HIGH);
        MspAnalysis a = Scenario.analysis(MspSettings.defaults());
        Detection p = a.accept(psexec, s.detectionsOf(psexec)).get(0);
        assertThat(p.level()).isEqualTo(Level.LOW);
        assertThat(p.extra()).containsEntry("tenant", "acme").containsEntry("original_level", "high");
        assertThat((String) p.extra().get("explanation"))
                .contains("ACME's window Sat 20:00–23:00")
                .contains("Sat 2026-11-14 21:05 America/New_York")
                .contains("CHG-2041");
        Detection t = a.accept(task, s.detectionsOf(task)).get(0);
        assertThat(t.level()).isEqualTo(Level.LOW);
        assertThat(t.extra()).containsEntry("identity", "t.nguyen").containsEntry("original_level", "medium");
        Detection o = a.accept(other, s.detectionsOf(other)).get(0);
        assertThat(o.level()).isEqualTo(Level.MEDIUM);
        assertThat(o.extra()).doesNotContainKeys("explanation", "identity", "original_level");
        Detection e = a.accept(early, s.detectionsOf(early)).get(0);
        assertThat(e.level()).isEqualTo(Level.HIGH);
        assertThat(a.stats().lowered()).isEqualTo(2);
    }

    @Test
    void loweredDetectionsAreNotIntrusions() {
        Scenario s = new Scenario();
        Event svc = s.windows(
                "acme/ws22-sys.evtx",
                "2026-11-15T02:05:00Z",
                "System",
                7045,
                "WS22.acme.local",
                "ServiceName",
                "PSEXESVC");
        s.detected(svc, Level.HIGH);
        s.windows(
                "acme/ws22-sec.evtx",
                "2026-11-15T05:00:00Z",
                SEC,
                1102,
                "WS22.acme.local",
                "SubjectUserName",
                "x",
                "SubjectDomainName",
                "ACME");
        assertThat(s.run("msp-log-clear-after-intrusion")).isEmpty();
    }

    @Test
    void statsCountAttributionFactsAndDetections() {
        Scenario s = new Scenario();
        s.logon("acme/dc01.evtx", "2026-11-12T09:00:00Z", "DC01", "ACME\\msp-tnguyen", 3L, "10.10.5.17", null);
        s.logon("betaco/dc01.evtx", "2026-11-12T09:00:00Z", "DC01", "BETACO\\jdoe", 3L, "10.30.1.1", null);
        s.logon("loose/dc01.evtx", "2026-11-12T09:00:00Z", "DC01", "BETACO\\jdoe", 3L, "10.30.1.1", null);
        MspAnalysis a = Scenario.analysis(MspSettings.defaults());
        for (Event e : s.events()) {
            assertThat(a.accept(e, List.of())).isEmpty();
        }
        a.finish(d -> {});
        MspStats st = a.stats();
        assertThat(st.eventsByOrganisation()).containsEntry("acme", 1L).containsEntry("betaco", 1L);
        assertThat(st.unattributed()).isEqualTo(1);
        assertThat(st.factsKept()).isGreaterThan(3);
        assertThat(st.detectionsById())
                .containsEntry("msp-outside-window", 1L)
                .containsEntry("msp-unsanctioned-source", 1L);
    }

    @Test
    void theFactCapStopsKeepingFactsAndCountsWhatWasNotAnalysed() {
        Scenario s = new Scenario();
        // the cap is checked every 4,096 events: enough events to pass two checks
        for (int i = 0; i < 9_000; i++) {
            s.logon(
                    "acme/dc01.evtx",
                    java.time.Instant.parse("2026-11-12T09:00:00Z")
                            .plusSeconds(i)
                            .toString(),
                    "DC01",
                    "ACME\\msp-tnguyen",
                    3L,
                    "10.10.5.17",
                    null);
        }
        MspAnalysis capped = Scenario.analysis(
                MspSettings.defaults().with(java.util.Map.of(io.vigil.msp.register.Threshold.MAX_FACTS, 5L)));
        for (Event e : s.events()) {
            capped.accept(e, List.of());
        }
        capped.finish(d -> {});
        MspStats st = capped.stats();
        assertThat(st.notAnalysed()).isEqualTo(9_000 - 4_096); // analysed until the first recount
        assertThat(st.eventsByOrganisation()).containsEntry("acme", 9_000L); // still attributed
        assertThat(MspSettings.defaults().maxFacts()).isGreaterThanOrEqualTo(10_000);
    }

    @Test
    void implementsExactlyTheCatalogueIds() throws Exception {
        Path doc = Path.of(System.getProperty("user.dir")).resolve("../docs/msp-detections.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        List<String> documented = new ArrayList<>();
        // the catalogue is the first table (Rule id | Control | ...); later tables refine it
        boolean inCatalogue = false;
        for (String line : text.lines().toList()) {
            if (line.startsWith("| Rule id | Control")) {
                inCatalogue = true;
            } else if (inCatalogue && !line.startsWith("|")) {
                break;
            } else if (inCatalogue && line.startsWith("| `msp-")) {
                documented.add(line.substring(3, line.indexOf('`', 3)));
            }
        }
        List<String> implemented = Scenario.analysis(MspSettings.defaults()).detectors().stream()
                .map(MspDetector::rule)
                .map(r -> r.id())
                .toList();
        assertThat(implemented).containsExactlyInAnyOrderElementsOf(documented).hasSize(14);
    }

    /** Every storyline of the detector tests at once, in input order and shuffled. */
    private static Scenario everything() {
        Scenario s = new Scenario();
        Event beacon = s.windows(
                "mspcorp/ws17-sysmon.evtx",
                "2026-11-10T10:00:00Z",
                "Microsoft-Windows-Sysmon/Operational",
                3,
                "MSP-WS17.mspcorp.local",
                "Initiated",
                "true",
                "SourceIp",
                "10.10.5.17",
                "DestinationIp",
                "203.0.113.40");
        s.detected(beacon, Level.HIGH);
        s.logon(
                "mspcorp/dc.evtx",
                "2026-11-10T08:00:00Z",
                "MSP-DC01.mspcorp.local",
                "MSPCORP\\t.nguyen",
                3L,
                "10.10.5.17",
                "MSP-WS17");
        s.logon(
                "mspcorp/dc.evtx",
                "2026-11-10T08:05:00Z",
                "MSP-DC01.mspcorp.local",
                "MSPCORP\\a.kowalski",
                3L,
                "10.10.5.23",
                "MSP-WS23");
        s.logon(
                "acme/fs01.evtx",
                "2026-11-11T07:40:00Z",
                "FS01.acme.local",
                "ACME\\msp-tnguyen",
                10L,
                "10.10.5.17",
                "MSP-WS17");
        s.logon(
                "betaco/srv02.evtx",
                "2026-11-11T01:00:00Z",
                "SRV02.betaco.local",
                "BETACO\\msp_admin",
                3L,
                "10.10.5.17",
                null);
        s.logon(
                "betaco/srv02.evtx",
                "2026-11-12T01:00:00Z",
                "SRV02.betaco.local",
                "BETACO\\msp_admin",
                3L,
                "10.10.5.23",
                null);
        s.vpn(
                "mspcorp/vpn.jsonl",
                "2026-11-12T09:00:00Z",
                "2026-11-12T17:30:00Z",
                "MSPCORP\\t.nguyen",
                "198.51.100.10",
                "10.10.200.5",
                "success");
        s.vpn(
                "mspcorp/vpn.jsonl",
                "2026-11-12T14:15:00Z",
                "2026-11-12T14:50:00Z",
                "MSPCORP\\t.nguyen",
                "203.0.113.77",
                "10.10.200.6",
                "none");
        for (int i = 0; i < 6; i++) {
            s.logon(
                    "betaco/srv" + i + ".evtx",
                    "2026-11-12T03:1" + i + ":00Z",
                    "SRV0" + i + ".betaco.local",
                    "BETACO\\jdoe",
                    3L,
                    "10.30.9.9",
                    null);
        }
        String ps = "Microsoft-Windows-PowerShell/Operational";
        Event a = s.windows(
                "acme/app01-ps.evtx",
                "2026-11-12T14:20:00Z",
                ps,
                4104,
                "APP01.acme.local",
                "ScriptBlockText",
                "Invoke-X");
        s.detected(a, Level.HIGH);
        s.windows(
                "betaco/app01-ps.evtx",
                "2026-11-12T14:30:00Z",
                ps,
                4104,
                "APP01.betaco.local",
                "ScriptBlockText",
                "Invoke-X");
        s.windows(
                "acme/app01-sec.evtx",
                "2026-11-12T16:00:00Z",
                SEC,
                1102,
                "APP01.acme.local",
                "SubjectUserName",
                "x",
                "SubjectDomainName",
                "ACME");
        for (long r = 1; r <= 30; r++) {
            if (r != 12) {
                s.windows(
                        "acme/ws22-sec.evtx",
                        "2026-11-13T02:" + String.format("%02d", r) + ":00Z",
                        SEC,
                        4688,
                        "WS22.acme.local",
                        "EventRecordID",
                        r);
            }
        }
        s.windows(
                "acme/dc01.evtx",
                "2026-11-12T07:40:00Z",
                SEC,
                4728,
                "DC01.acme.local",
                "SubjectUserName",
                "msp-tnguyen",
                "SubjectDomainName",
                "ACME",
                "MemberName",
                "CN=evil",
                "TargetUserName",
                "Domain Admins");
        s.logon(
                "acme/fs01.evtx",
                "2026-11-12T07:41:00Z",
                "FS01.acme.local",
                "ACME\\svc-backup",
                "10",
                "10.20.1.5",
                null);
        return s;
    }

    @Test
    void shuffledInputGivesIdenticalOutput() {
        Scenario s = everything();
        List<String> expected = render(s.run(MspSettings.defaults(), s.events()));
        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(expected.stream().map(x -> x.substring(0, x.indexOf(' '))).distinct())
                .hasSizeGreaterThanOrEqualTo(11);
        for (long seed = 1; seed <= 5; seed++) {
            List<Event> shuffled = new ArrayList<>(s.events());
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(render(s.run(MspSettings.defaults(), shuffled))).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void detectionsComeOutInTimeOrder() {
        Scenario s = everything();
        List<Detection> out = s.run();
        for (int i = 1; i < out.size(); i++) {
            assertThat(out.get(i).timestamp()).isAfterOrEqualTo(out.get(i - 1).timestamp());
        }
    }

    private static List<String> render(List<Detection> ds) {
        return ds.stream()
                .map(d -> d.rule().id() + " " + d.timestamp() + " " + d.event().provenance() + " " + d.extra())
                .toList();
    }
}
