package io.vigil.msp.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.event.Event;
import io.vigil.msp.MspSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectorsTest {
    private static final String SEC = "Security";

    // --- msp-outside-window (C03) ---

    @Test
    void outsideWindowFiresAtNightInTheTenantZone() {
        Scenario s = new Scenario();
        // Thu 2026-11-12 02:40 in New York (EST, UTC-5; no DST change near this date)
        s.logon(
                "acme/fs01.evtx",
                "2026-11-12T07:40:00Z",
                "FS01.acme.local",
                "ACME\\msp-tnguyen",
                10L,
                "10.10.0.21",
                "MSP-JMP01");
        List<Detection> d = s.run("msp-outside-window");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).extra())
                .containsEntry("tenant", "acme")
                .containsEntry("identity", "t.nguyen")
                .containsEntry("control", "C03");
        assertThat((String) d.get(0).extra().get("explanation"))
                .contains("Thu 2026-11-12 02:40 America/New_York")
                .contains("outside ACME's window Sat 20:00–23:00")
                .contains("no ticket");
    }

    @Test
    void rdpReconnectIsJudgedLikeALogon() {
        Scenario s = new Scenario();
        // Thu 02:40 New York: a 4778 reconnect of t.nguyen's session from his own workstation
        s.windows(
                "acme/fs01.evtx",
                "2026-11-12T07:40:00Z",
                "Security",
                4778,
                "FS01.acme.local",
                "AccountName",
                "msp-tnguyen",
                "AccountDomain",
                "ACME",
                "LogonID",
                "0x3c5a9e1",
                "SessionName",
                "RDP-Tcp#3",
                "ClientName",
                "MSP-WS17",
                "ClientAddress",
                "10.10.5.17");
        assertThat(s.run("msp-outside-window")).hasSize(1);
        List<Detection> source = s.run("msp-unsanctioned-source");
        assertThat(source).hasSize(1);
        assertThat((String) source.get(0).extra().get("explanation")).contains("reconnected an RDP session on");
    }

    @Test
    void technicianOwnWorkingHoursAlsoBind() {
        Scenario s = new Scenario();
        // Sat 21:00 New York: inside ACME's window, but Saturday is outside Richard's own weekday hours
        s.logon(
                "acme/fs01.evtx",
                "2026-11-15T02:00:00Z",
                "FS01.acme.local",
                "ACME\\msp-rosei",
                10L,
                "10.10.0.21",
                null);
        // Sat 21:30 New York for Anna, who has no hours of her own: ACME's window alone decides
        s.logon(
                "acme/fs01.evtx",
                "2026-11-15T02:30:00Z",
                "FS01.acme.local",
                "ACME\\msp-akowalski",
                10L,
                "10.10.0.21",
                null);
        List<Detection> d = s.run("msp-outside-window");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).extra()).containsEntry("identity", "r.osei");
        assertThat((String) d.get(0).extra().get("explanation"))
                .contains("outside r.osei's working hours (Sun 2026-11-15 02:00 Europe/London)");
    }

    @Test
    void windowIsJudgedInTheTenantZoneNotUtc() {
        Scenario s = new Scenario();
        // Sat 21:00 New York = Sun 02:00 UTC: inside the window
        s.logon(
                "acme/fs01.evtx",
                "2026-11-15T02:00:00Z",
                "FS01.acme.local",
                "ACME\\msp-akowalski",
                10L,
                "10.10.0.21",
                null);
        // Sat 21:00 UTC = Sat 16:00 New York: outside
        s.logon(
                "acme/fs01.evtx",
                "2026-11-14T21:00:00Z",
                "FS01.acme.local",
                "ACME\\msp-akowalski",
                10L,
                "10.10.0.21",
                null);
        List<Detection> d = s.run("msp-outside-window");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).timestamp()).isEqualTo(Scenario.instant("2026-11-14T21:00:00Z"));
    }

    @Test
    void ticketSanctionsWorkOutsideTheWindow() {
        Scenario s = new Scenario();
        // Sat 23:15 New York: after the window, inside CHG-2041 (t.nguyen until 23:30)
        s.logon(
                "acme/fs01.evtx",
                "2026-11-15T04:15:00Z",
                "FS01.acme.local",
                "ACME\\msp-tnguyen",
                10L,
                "10.10.0.21",
                null);
        // same time, another technician without a ticket
        s.logon(
                "acme/fs02.evtx",
                "2026-11-15T04:15:00Z",
                "FS02.acme.local",
                "ACME\\msp-akowalski",
                10L,
                "10.10.0.21",
                null);
        List<Detection> d = s.run("msp-outside-window");
        assertThat(d).extracting(x -> x.extra().get("identity")).containsExactly("a.kowalski");
    }

    @Test
    void collidingDc01IsAttributedByPathAndJudgedInItsOwnTenant() {
        Scenario s = new Scenario();
        // Thu 09:00 UTC = Thu 04:00 New York (outside) and Thu 18:00 Tokyo (outside: window ends 18:00)
        s.logon("acme/dc01.evtx", "2026-11-12T09:00:00Z", "DC01", "ACME\\msp-tnguyen", 3L, "10.10.0.21", null);
        // Thu 01:00 UTC = Thu 10:00 Tokyo (inside BETACO's window)
        s.logon("betaco/dc01.evtx", "2026-11-12T01:00:00Z", "DC01", "BETACO\\msp_admin", 3L, "10.10.0.21", null);
        // a DC01 in no tenant's folder stays unattributed and is not judged
        s.logon("other/dc01.evtx", "2026-11-12T09:00:00Z", "DC01", "ACME\\msp-tnguyen", 3L, "10.10.0.21", null);
        List<Detection> d = s.run("msp-outside-window");
        assertThat(d).extracting(x -> x.extra().get("tenant")).containsExactly("acme");
    }

    // --- msp-unsanctioned-source (C04) ---

    @Test
    void unsanctionedSourceFiresForWorkstationButNotJumpHost() {
        Scenario s = new Scenario();
        s.logon(
                "acme/fs01.evtx",
                "2026-11-12T07:40:00Z",
                "FS01.acme.local",
                "ACME\\msp-tnguyen",
                10L,
                "10.10.5.17",
                "MSP-WS17");
        s.logon(
                "acme/fs01.evtx",
                "2026-11-12T08:40:00Z",
                "FS01.acme.local",
                "ACME\\msp-tnguyen",
                10L,
                "10.10.0.21",
                "MSP-JMP01");
        s.windows(
                "acme/dc01.evtx",
                "2026-11-12T07:39:00Z",
                SEC,
                4776,
                "DC01.acme.local",
                "TargetUserName",
                "msp-tnguyen",
                "Workstation",
                "MSP-JMP01",
                "Status",
                "0x0");
        List<Detection> d = s.run("msp-unsanctioned-source");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).extra()).containsEntry("identity", "t.nguyen").containsEntry("control", "C04");
        assertThat((String) d.get(0).extra().get("explanation"))
                .contains("10.10.5.17")
                .contains("MSP-JMP01");
    }

    @Test
    void sharedCredentialFromUnknownSourceReportsAllIdentities() {
        Scenario s = new Scenario();
        s.logon(
                "betaco/app01.evtx",
                "2026-11-12T05:20:00Z",
                "APP01.betaco.local",
                "BETACO\\msp_admin",
                3L,
                "203.0.113.77",
                null);
        List<Detection> d = s.run("msp-unsanctioned-source");
        assertThat(d).extracting(x -> x.extra().get("identity")).containsExactly("a.kowalski|t.nguyen");
    }

    // --- msp-first-seen-source (C04) ---

    @Test
    void firstSeenSourceFiresOnlyAfterLearning() {
        Scenario s = new Scenario();
        s.logon(
                "mspcorp/dc.evtx",
                "2026-11-01T09:00:00Z",
                "MSP-DC01.mspcorp.local",
                "MSPCORP\\t.nguyen",
                3L,
                "10.10.5.17",
                null);
        s.logon(
                "mspcorp/dc.evtx",
                "2026-11-03T09:00:00Z",
                "MSP-DC01.mspcorp.local",
                "MSPCORP\\t.nguyen",
                3L,
                "10.10.5.18",
                null);
        s.logon(
                "mspcorp/dc.evtx",
                "2026-11-09T09:00:00Z",
                "MSP-DC01.mspcorp.local",
                "MSPCORP\\t.nguyen",
                3L,
                "10.10.5.17",
                null);
        s.logon(
                "mspcorp/dc.evtx",
                "2026-11-10T09:00:00Z",
                "MSP-DC01.mspcorp.local",
                "MSPCORP\\t.nguyen",
                3L,
                "10.10.0.21",
                null);
        s.logon(
                "mspcorp/dc.evtx",
                "2026-11-10T10:00:00Z",
                "MSP-DC01.mspcorp.local",
                "MSPCORP\\t.nguyen",
                3L,
                "10.10.9.9",
                null);
        List<Detection> d = s.run("msp-first-seen-source");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).extra().get("msp")).asString().contains("10.10.9.9");
    }

    // --- msp-concurrent-sessions (C05) ---

    @Test
    void overlappingVpnSessionsFromTwoSourcesFire() {
        Scenario s = new Scenario();
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
                "success");
        s.vpn(
                "mspcorp/vpn.jsonl",
                "2026-11-12T18:00:00Z",
                "2026-11-12T19:00:00Z",
                "MSPCORP\\t.nguyen",
                "203.0.113.78",
                "10.10.200.6",
                "success");
        List<Detection> d = s.run("msp-concurrent-sessions");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).timestamp()).isEqualTo(Scenario.instant("2026-11-12T14:15:00Z"));
        assertThat(d.get(0).extra()).containsEntry("identity", "t.nguyen").containsEntry("control", "C05");
    }

    @Test
    void twoTenantsWithinThirtyMinutesFromANewSourceFire() {
        Scenario s = new Scenario();
        s.logon(
                "acme/app01.evtx",
                "2026-11-12T14:15:00Z",
                "APP01.acme.local",
                "ACME\\msp-tnguyen",
                3L,
                "203.0.113.77",
                null);
        s.logon(
                "betaco/app01.evtx",
                "2026-11-12T14:25:00Z",
                "APP01.betaco.local",
                "BETACO\\msp-x",
                3L,
                "203.0.113.77",
                null);
        // same technician from the jump host in both tenants: the job, not a finding
        s.logon(
                "acme/app01.evtx",
                "2026-11-13T01:00:00Z",
                "APP01.acme.local",
                "ACME\\msp-akowalski",
                3L,
                "10.10.0.21",
                null);
        s.logon(
                "acme/app02.evtx",
                "2026-11-13T01:10:00Z",
                "APP02.acme.local",
                "ACME\\msp-akowalski",
                3L,
                "10.10.0.21",
                null);
        assertThat(s.run("msp-concurrent-sessions")).isEmpty();
        Scenario t = new Scenario();
        t.logon(
                "acme/app01.evtx",
                "2026-11-12T14:15:00Z",
                "APP01.acme.local",
                "ACME\\msp-tnguyen",
                3L,
                "203.0.113.77",
                null);
        t.logon(
                "betaco/app01.evtx",
                "2026-11-12T14:25:00Z",
                "APP01.betaco.local",
                "BETACO\\msp_admin",
                3L,
                "10.10.200.7",
                null);
        // msp_admin from a VPN pool address is allowed for both: ambiguous, so not t.nguyen's
        t.logon(
                "betaco/app02.evtx",
                "2026-11-12T14:26:00Z",
                "APP02.betaco.local",
                "MSPCORP\\t.nguyen",
                3L,
                "203.0.113.77",
                null);
        List<Detection> d = t.run("msp-concurrent-sessions");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).extra().get("msp")).asString().contains("two_tenants");
    }

    // --- msp-shared-credential (C09) ---

    @Test
    void customerAccountUsedFromTwoTechniciansWorkstationsFires() {
        Scenario s = new Scenario();
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
                "betaco/srv02.evtx",
                "2026-11-11T01:00:00Z",
                "SRV02.betaco.local",
                "BETACO\\msp_admin",
                3L,
                "10.10.5.17",
                null);
        assertThat(s.run("msp-shared-credential")).isEmpty();
        s.logon(
                "betaco/srv02.evtx",
                "2026-11-12T01:00:00Z",
                "SRV02.betaco.local",
                "BETACO\\msp_admin",
                3L,
                "10.10.5.23",
                null);
        List<Detection> d = s.run("msp-shared-credential");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).extra()).containsEntry("control", "C09").containsEntry("tenant", "betaco");
        assertThat((String) d.get(0).extra().get("explanation"))
                .contains("a.kowalski (10.10.5.23)")
                .contains("t.nguyen (10.10.5.17)");
    }

    @Test
    void sharedCredentialUsesVpnAssignedAddressesAndIgnoresTheJumpHost() {
        Scenario s = new Scenario();
        s.vpn(
                "mspcorp/vpn.jsonl",
                "2026-11-10T08:00:00Z",
                "2026-11-10T12:00:00Z",
                "MSPCORP\\t.nguyen",
                "198.51.100.10",
                "10.10.200.5",
                "success");
        s.vpn(
                "mspcorp/vpn.jsonl",
                "2026-11-10T13:00:00Z",
                "2026-11-10T15:00:00Z",
                "MSPCORP\\a.kowalski",
                "198.51.100.10",
                "10.10.200.5",
                "success");
        s.logon(
                "acme/fs01.evtx",
                "2026-11-10T09:00:00Z",
                "FS01.acme.local",
                "ACME\\administrator",
                3L,
                "10.10.200.5",
                null);
        s.logon(
                "acme/fs01.evtx",
                "2026-11-10T14:00:00Z",
                "FS01.acme.local",
                "ACME\\administrator",
                3L,
                "10.10.200.5",
                null);
        s.logon("acme/fs02.evtx", "2026-11-10T09:00:00Z", "FS02.acme.local", "ACME\\backup", 3L, "10.10.0.21", null);
        s.logon("acme/fs02.evtx", "2026-11-10T14:00:00Z", "FS02.acme.local", "ACME\\backup", 3L, "10.10.0.21", null);
        List<Detection> d = s.run("msp-shared-credential");
        assertThat(d)
                .extracting(x -> x.extra().get("msp"))
                .singleElement()
                .asString()
                .contains("acme\\administrator");
    }

    // --- msp-privileged-change (C11) ---

    @Test
    void groupChangeByMspIdentityOutsideWindowFiresInsideDoesNot() {
        Scenario s = new Scenario();
        Object[] kv = {
            "SubjectUserName",
            "msp-tnguyen",
            "SubjectDomainName",
            "ACME",
            "MemberName",
            "CN=evil",
            "TargetUserName",
            "Domain Admins"
        };
        s.windows("acme/dc01.evtx", "2026-11-12T07:40:00Z", SEC, 4728, "DC01.acme.local", kv);
        s.windows("acme/dc01.evtx", "2026-11-15T02:00:00Z", SEC, 4728, "DC01.acme.local", kv);
        s.windows(
                "acme/dc01.evtx",
                "2026-11-12T07:41:00Z",
                SEC,
                4728,
                "DC01.acme.local",
                "SubjectUserName",
                "jdoe",
                "SubjectDomainName",
                "ACME",
                "MemberName",
                "CN=x",
                "TargetUserName",
                "Domain Admins");
        List<Detection> d = s.run("msp-privileged-change");
        assertThat(d).hasSize(1);
        assertThat((String) d.get(0).extra().get("explanation")).contains("added CN=evil to group Domain Admins");
    }

    // --- msp-service-interactive (C14) ---

    @Test
    void serviceAccountInteractiveLogonFiresNetworkLogonDoesNot() {
        Scenario s = new Scenario();
        s.logon(
                "acme/fs01.evtx",
                "2026-11-12T07:40:00Z",
                "FS01.acme.local",
                "ACME\\svc-backup",
                "10",
                "10.20.1.5",
                null);
        s.logon("acme/fs01.evtx", "2026-11-12T07:41:00Z", "FS01.acme.local", "ACME\\svc-backup", "5", null, null);
        s.logon("acme/fs01.evtx", "2026-11-12T07:42:00Z", "FS01.acme.local", "ACME\\svc-backup", 3L, "10.20.1.5", null);
        List<Detection> d = s.run("msp-service-interactive");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).extra()).containsEntry("control", "C14").containsEntry("tenant", "acme");
    }

    // --- msp-lateral-fanout ---

    private static Scenario fanout(int hosts) {
        Scenario s = new Scenario();
        for (int i = 0; i < hosts; i++) {
            s.logon(
                    "betaco/srv" + i + ".evtx",
                    "2026-11-12T0" + (3 + i / 6) + ":" + (10 + 5 * (i % 6)) + ":00Z",
                    "SRV0" + i + ".betaco.local",
                    "BETACO\\jdoe",
                    3L,
                    "10.30.9.9",
                    null);
        }
        return s;
    }

    @Test
    void fanoutFiresAtNHostsNotAtNMinusOne() {
        assertThat(fanout(4).run("msp-lateral-fanout")).isEmpty();
        List<Detection> d = fanout(5).run("msp-lateral-fanout");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).extra().get("explanation")).asString().contains("source 10.30.9.9 reached 5 hosts");
        MspSettings three = MspSettings.defaults().withFanoutHosts(3);
        Scenario s = fanout(4);
        assertThat(s.run(three, s.events()))
                .filteredOn(x -> x.rule().id().equals("msp-lateral-fanout"))
                .hasSize(1);
    }

    @Test
    void psexecBorrowsTheSourceOfThePrecedingNetworkLogon() {
        Scenario s = new Scenario();
        for (int i = 0; i < 5; i++) {
            String host = "APP0" + i + ".acme.local";
            s.logon(
                    "acme/app" + i + ".evtx",
                    "2026-11-12T07:0" + i + ":00Z",
                    host,
                    "ACME\\msp-tnguyen",
                    3L,
                    "10.10.0.21",
                    null);
            s.windows(
                    "acme/app" + i + "-sys.evtx",
                    "2026-11-12T07:0" + i + ":30Z",
                    "System",
                    7045,
                    host,
                    "ServiceName",
                    "PSEXESVC",
                    "ImagePath",
                    "%SystemRoot%\\PSEXESVC.exe");
        }
        List<Detection> d = s.run("msp-lateral-fanout");
        assertThat(d).extracting(x -> x.extra().get("identity")).contains("t.nguyen");
        // the same pushes on Saturday night inside the window are sanctioned work
        Scenario ok = new Scenario();
        for (int i = 0; i < 5; i++) {
            String host = "APP0" + i + ".acme.local";
            ok.logon(
                    "acme/app" + i + ".evtx",
                    "2026-11-15T02:0" + i + ":00Z",
                    host,
                    "ACME\\msp-tnguyen",
                    3L,
                    "10.10.0.21",
                    null);
            ok.windows(
                    "acme/app" + i + "-sys.evtx",
                    "2026-11-15T02:0" + i + ":30Z",
                    "System",
                    7045,
                    host,
                    "ServiceName",
                    "PSEXESVC");
        }
        assertThat(ok.run("msp-lateral-fanout")).isEmpty();
    }

    // --- msp-compromised-source ---

    private static Scenario compromised(String logonTime) {
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
        s.logon("acme/fs01.evtx", logonTime, "FS01.acme.local", "ACME\\msp-tnguyen", 10L, "10.10.5.17", null);
        return s;
    }

    @Test
    void logonFromAHostWithAnIntrusionDetectionFiresWithin48Hours() {
        List<Detection> d = compromised("2026-11-11T22:00:00Z").run("msp-compromised-source");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).level()).isEqualTo(Level.CRITICAL);
        assertThat(d.get(0).extra()).containsEntry("tenant", "acme").containsEntry("identity", "t.nguyen");
        assertThat((String) d.get(0).extra().get("explanation")).contains("MSP-WS17.mspcorp.local");
        assertThat(compromised("2026-11-12T11:00:00Z").run("msp-compromised-source"))
                .isEmpty();
    }

    // --- msp-no-mfa (C06) ---

    @Test
    void vpnWithoutMfaFires() {
        Scenario s = new Scenario();
        s.vpn(
                "acme/vpn.jsonl",
                "2026-11-12T14:15:00Z",
                "2026-11-12T15:00:00Z",
                "msp-tnguyen",
                "203.0.113.77",
                "10.20.200.9",
                "none");
        s.vpn(
                "acme/vpn.jsonl",
                "2026-11-12T09:15:00Z",
                "2026-11-12T10:00:00Z",
                "msp-tnguyen",
                "198.51.100.10",
                "10.20.200.8",
                "success");
        s.vpn(
                "acme/vpn.jsonl",
                "2026-11-12T09:15:00Z",
                "2026-11-12T10:00:00Z",
                "jdoe",
                "203.0.113.9",
                "10.20.200.7",
                "none");
        List<Detection> d = s.run("msp-no-mfa");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).extra()).containsEntry("control", "C06").containsEntry("identity", "t.nguyen");
    }

    // --- msp-cross-tenant-artifact ---

    @Test
    void suspiciousScriptBlockInTwoTenantsFiresBenignDoesNot() {
        Scenario s = new Scenario();
        String ps = "Microsoft-Windows-PowerShell/Operational";
        Event a = s.windows(
                "acme/app01-ps.evtx",
                "2026-11-12T14:20:00Z",
                ps,
                4104,
                "APP01.acme.local",
                "ScriptBlockText",
                "Invoke-ReflectivePEInjection -PEBytes $b");
        s.detected(a, Level.HIGH);
        s.windows(
                "betaco/app01-ps.evtx",
                "2026-11-12T14:30:00Z",
                ps,
                4104,
                "APP01.betaco.local",
                "ScriptBlockText",
                "Invoke-ReflectivePEInjection -PEBytes $b");
        s.windows(
                "acme/app01-ps.evtx",
                "2026-11-12T14:21:00Z",
                ps,
                4104,
                "APP01.acme.local",
                "ScriptBlockText",
                "Get-Service wuauserv");
        s.windows(
                "betaco/app01-ps.evtx",
                "2026-11-12T14:31:00Z",
                ps,
                4104,
                "APP01.betaco.local",
                "ScriptBlockText",
                "Get-Service wuauserv");
        List<Detection> d = s.run("msp-cross-tenant-artifact");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).extra()).containsEntry("tenant", "betaco");
        assertThat((String) d.get(0).extra().get("explanation")).contains("first seen in acme");
    }

    @Test
    void unsignedDllHashCrossingTenantsFires() {
        Scenario s = new Scenario();
        String sm = "Microsoft-Windows-Sysmon/Operational";
        s.windows(
                "acme/ws22.evtx",
                "2026-11-01T10:00:00Z",
                sm,
                7,
                "WS22.acme.local",
                "ImageLoaded",
                "C:\\ProgramData\\Corel\\x.dll",
                "Hashes",
                "MD5=aa,SHA256=ABCDEF,IMPHASH=11",
                "Signed",
                "false");
        s.windows(
                "betaco/ws05.evtx",
                "2026-11-05T10:00:00Z",
                sm,
                7,
                "WS05.betaco.local",
                "ImageLoaded",
                "C:\\ProgramData\\Corel\\x.dll",
                "Hashes",
                "MD5=aa,SHA256=abcdef,IMPHASH=11",
                "Signed",
                "false");
        s.windows(
                "acme/ws22.evtx",
                "2026-11-01T10:00:01Z",
                sm,
                7,
                "WS22.acme.local",
                "Hashes",
                "SHA256=0123",
                "Signed",
                "true");
        s.windows(
                "betaco/ws05.evtx",
                "2026-11-05T10:00:01Z",
                sm,
                7,
                "WS05.betaco.local",
                "Hashes",
                "SHA256=0123",
                "Signed",
                "true");
        List<Detection> d = s.run("msp-cross-tenant-artifact");
        assertThat(d)
                .extracting(x -> x.extra().get("msp"))
                .singleElement()
                .asString()
                .contains("SHA256=abcdef");
    }

    // --- msp-log-clear-after-intrusion ---

    @Test
    void logClearAfterIntrusionWithin24HoursFires() {
        for (String clearTime : List.of("2026-11-13T08:00:00Z", "2026-11-14T08:00:00Z")) {
            Scenario s = new Scenario();
            Event svc = s.windows(
                    "acme/ws22-sys.evtx",
                    "2026-11-13T02:00:00Z",
                    "System",
                    7045,
                    "WS22.acme.local",
                    "ServiceName",
                    "Corel Writing Tools Utility");
            s.detected(svc, Level.HIGH);
            Event clear = s.windows(
                    "acme/ws22-sec.evtx",
                    clearTime,
                    SEC,
                    1102,
                    "WS22.acme.local",
                    "SubjectUserName",
                    "x",
                    "SubjectDomainName",
                    "ACME");
            s.detected(clear, Level.HIGH);
            // the same host name in another tenant does not count
            s.windows(
                    "betaco/ws22.evtx",
                    clearTime,
                    SEC,
                    1102,
                    "WS22",
                    "SubjectUserName",
                    "y",
                    "SubjectDomainName",
                    "BETACO");
            List<Detection> d = s.run("msp-log-clear-after-intrusion");
            assertThat(d).hasSize(clearTime.startsWith("2026-11-13") ? 1 : 0);
        }
    }

    // --- msp-event-gap (C10) ---

    @Test
    void recordIdSkipFiresFilteredStreamDoesNot() {
        Scenario s = new Scenario();
        for (long r = 1; r <= 40; r++) {
            if (r >= 21 && r <= 24) {
                continue;
            }
            s.windows(
                    "acme/ws22-sec.evtx",
                    "2026-11-13T02:" + String.format("%02d", r) + ":00Z",
                    SEC,
                    4688,
                    "WS22.acme.local",
                    "EventRecordID",
                    r);
        }
        for (long r = 1; r <= 40; r++) {
            s.windows(
                    "acme/ws23-fwd.json",
                    "2026-11-13T03:" + String.format("%02d", r) + ":00Z",
                    SEC,
                    4688,
                    "WS23.acme.local",
                    "EventRecordID",
                    r * 7);
        }
        // both tenants' DC01 share record ids without making each other's stream look broken
        for (long r = 1; r <= 10; r++) {
            s.windows(
                    "acme/dc01.evtx",
                    "2026-11-13T04:" + String.format("%02d", r) + ":00Z",
                    SEC,
                    4624,
                    "DC01",
                    "EventRecordID",
                    r);
            s.windows(
                    "betaco/dc01.evtx",
                    "2026-11-13T04:" + String.format("%02d", r) + ":00Z",
                    SEC,
                    4624,
                    "DC01",
                    "EventRecordID",
                    r + 500);
        }
        List<Detection> d = s.run("msp-event-gap");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).extra()).containsEntry("control", "C10");
        assertThat((String) d.get(0).extra().get("explanation")).contains("jumps from 20 to 25 (4 records missing)");
    }

    @Test
    void silenceWhileTheTenantKeepsLoggingFires() {
        for (boolean othersLog : List.of(true, false)) {
            Scenario s = new Scenario();
            java.time.Instant start = Scenario.instant("2026-11-10T00:00:00Z");
            // four days of a host that logs every half hour, silent for six and a half hours on day one
            for (int m = 0; m < 96 * 60; m += 30) {
                java.time.Instant t = start.plusSeconds(m * 60L);
                boolean silent = m >= 20 * 60 && m < 26 * 60;
                if (!silent) {
                    s.windows("acme/ws22.json", t.toString(), SEC, 4688, "WS22.acme.local");
                }
                if (othersLog || !silent) {
                    s.windows("acme/dc01.json", t.toString(), SEC, 4688, "DC01.acme.local");
                }
            }
            List<Detection> d = s.run("msp-event-gap");
            if (othersLog) {
                assertThat(d).hasSize(1);
                assertThat(d.get(0).event().get("Computer")).isEqualTo("WS22.acme.local");
                assertThat((String) d.get(0).extra().get("explanation")).contains("silent for 6 h 30 min");
            } else {
                assertThat(d).isEmpty();
            }
        }
    }

    // --- msp-egress-after-ingest ---

    private static Scenario egress(long outBytes) {
        Scenario s = new Scenario();
        for (int day = 1; day <= 5; day++) {
            s.flow("mspcorp/flows.jsonl", "2026-11-0" + day + "T12:00:00Z", "10.10.0.21", "203.0.113.10", 10_000_000);
        }
        s.flow("mspcorp/flows.jsonl", "2026-11-06T10:00:00Z", "10.20.1.5", "10.10.0.21", 150_000_000);
        s.flow("mspcorp/flows.jsonl", "2026-11-06T11:00:00Z", "10.10.0.21", "203.0.113.55", outBytes / 2);
        s.flow("mspcorp/flows.jsonl", "2026-11-06T12:00:00Z", "10.10.0.21", "203.0.113.55", outBytes / 2);
        return s;
    }

    @Test
    void egressFarAboveBaselineAfterIngestFires() {
        List<Detection> d = egress(500_000_000).run("msp-egress-after-ingest");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).extra()).containsEntry("tenant", "msp");
        assertThat((String) d.get(0).extra().get("explanation"))
                .contains("from acme")
                .contains("daily median is 10.0 MB");
        assertThat(egress(60_000_000).run("msp-egress-after-ingest")).isEmpty();
    }

    @Test
    void everyDetectionCarriesTheCommonMembers() {
        Scenario s = compromised("2026-11-11T22:00:00Z");
        for (Detection d : s.run()) {
            assertThat(d.rule().path()).isEqualTo("builtin:msp/" + d.rule().id());
            assertThat(d.extra()).containsKeys("explanation", "msp");
            assertThat(d.extra().get("msp")).isInstanceOf(Map.class);
        }
    }
}
