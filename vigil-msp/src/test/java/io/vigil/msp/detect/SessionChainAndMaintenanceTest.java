package io.vigil.msp.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.event.Event;
import io.vigil.msp.MspAnalysis;
import io.vigil.msp.MspSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The judgements that keep an MSP's ordinary day quiet (a technician hopping console → jump host →
 * tenant, remote staff on the MSP VPN, the person seated on the jump host, a workstation's own user, the
 * technician's side of a ticketed change) without hiding the storylines they sit next to.
 */
class SessionChainAndMaintenanceTest {
    private static final String SEC = "Security";

    private static void logoff(Scenario s, String path, String time, String computer, Event logon) {
        s.windows(
                path,
                time,
                SEC,
                4634,
                computer,
                "TargetUserName",
                logon.get("TargetUserName"),
                "TargetDomainName",
                logon.get("TargetDomainName"),
                "TargetLogonId",
                logon.get("TargetLogonId"),
                "LogonType",
                logon.get("LogonType"));
    }

    @Test
    void consoleThenJumpHostThenTenantIsOneChainAForeignAddressIsNot() {
        Scenario s = new Scenario();
        Event console = s.logon(
                "mspcorp/ws17.evtx",
                "2026-11-17T09:00:00Z",
                "MSP-WS17.mspcorp.local",
                "MSPCORP\\t.nguyen",
                2L,
                "127.0.0.1",
                "MSP-WS17");
        Event jump = s.logon(
                "mspcorp/jmp01.evtx",
                "2026-11-17T09:30:00Z",
                "MSP-JMP01.mspcorp.local",
                "MSPCORP\\t.nguyen",
                10L,
                "10.10.5.17",
                "MSP-WS17");
        Event fs01 = s.logon(
                "acme/fs01.evtx",
                "2026-11-17T09:40:00Z",
                "FS01.acme.local",
                "ACME\\msp-tnguyen",
                10L,
                "10.10.0.21",
                "MSP-JMP01");
        logoff(s, "acme/fs01.evtx", "2026-11-17T10:00:00Z", "FS01.acme.local", fs01);
        logoff(s, "mspcorp/jmp01.evtx", "2026-11-17T11:00:00Z", "MSP-JMP01.mspcorp.local", jump);
        assertThat(s.run("msp-concurrent-sessions")).isEmpty();

        // the same identity from a foreign address while still at the office console
        s.vpn(
                "acme/vpn.log",
                "2026-11-17T14:15:00Z",
                "2026-11-17T14:50:00Z",
                "msp-tnguyen",
                "203.0.113.77",
                null,
                "none");
        logoff(s, "mspcorp/ws17.evtx", "2026-11-17T17:30:00Z", "MSP-WS17.mspcorp.local", console);
        List<Detection> d = s.run("msp-concurrent-sessions");
        assertThat(d).hasSize(1);
        assertThat((String) d.get(0).extra().get("explanation"))
                .contains("203.0.113.77")
                .contains("msp-ws17");
    }

    @Test
    void mspVpnThenTenantVpnFromTheMspEgressIsOneChain() {
        Scenario s = new Scenario();
        s.vpn(
                "mspcorp/vpn.log",
                "2026-11-03T00:58:00Z",
                "2026-11-03T08:58:00Z",
                "MSPCORP\\t.nguyen",
                "192.0.2.17",
                "10.10.200.17",
                "success");
        s.vpn(
                "acme/vpn.log",
                "2026-11-03T04:58:00Z",
                "2026-11-03T05:58:00Z",
                "msp-tnguyen",
                "198.51.100.10",
                "10.30.250.13",
                "success");
        assertThat(s.run("msp-concurrent-sessions")).isEmpty();
        // a home address is how remote staff reach the MSP VPN: not a register violation
        assertThat(s.run("msp-unsanctioned-source")).isEmpty();
    }

    @Test
    void mspAccountOnAnMspHostFromACustomerNetworkIsUnsanctioned() {
        Scenario s = new Scenario();
        s.logon(
                "mspcorp/jmp01.evtx",
                "2026-11-13T07:39:55Z",
                "MSP-JMP01.mspcorp.local",
                "MSPCORP\\t.nguyen",
                3L,
                "10.20.1.11",
                "FS01");
        s.logon(
                "mspcorp/jmp01.evtx",
                "2026-11-13T07:45:00Z",
                "MSP-JMP01.mspcorp.local",
                "MSPCORP\\a.kowalski",
                10L,
                "10.10.5.21",
                "MSP-WS21");
        List<Detection> d = s.run("msp-unsanctioned-source");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).extra()).containsEntry("tenant", "msp").containsEntry("identity", "t.nguyen");
    }

    @Test
    void theTechnicianSeatedOnTheJumpHostOwnsItsLogons() {
        Scenario s = new Scenario();
        // a.kowalski alone on the jump host uses the shared BETACO account
        Event anna = s.logon(
                "mspcorp/jmp01.evtx",
                "2026-11-10T06:40:00Z",
                "MSP-JMP01.mspcorp.local",
                "MSPCORP\\a.kowalski",
                10L,
                "10.10.5.21",
                "MSP-WS21");
        s.logon("betaco/srv03.evtx", "2026-11-10T06:45:00Z", "SRV03", "BETACO\\msp_admin", 10L, "10.10.0.21", null);
        logoff(s, "mspcorp/jmp01.evtx", "2026-11-10T08:00:00Z", "MSP-JMP01.mspcorp.local", anna);
        assertThat(s.run("msp-shared-credential")).isEmpty();
        // two days later t.nguyen alone on the jump host uses it too
        Event tom = s.logon(
                "mspcorp/jmp01.evtx",
                "2026-11-12T01:20:00Z",
                "MSP-JMP01.mspcorp.local",
                "MSPCORP\\t.nguyen",
                10L,
                "10.10.5.17",
                "MSP-WS17");
        s.logon("betaco/srv02.evtx", "2026-11-12T01:31:00Z", "SRV02", "BETACO\\msp_admin", 3L, "10.10.0.21", null);
        logoff(s, "mspcorp/jmp01.evtx", "2026-11-12T02:30:00Z", "MSP-JMP01.mspcorp.local", tom);
        List<Detection> d = s.run("msp-shared-credential");
        assertThat(d).hasSize(1);
        assertThat((String) d.get(0).extra().get("explanation"))
                .contains("a.kowalski (10.10.0.21)")
                .contains("t.nguyen (10.10.0.21)");
    }

    @Test
    void fanoutInsideAWindowWithoutATicketStillFires() {
        Scenario s = new Scenario();
        // Thu 10:31 Tokyo: inside BETACO's business-hours window, no ticket
        String[] hosts = {"SRV02", "SRV03", "DC01", "FS01", "APP01"};
        for (int i = 0; i < hosts.length; i++) {
            s.logon(
                    "betaco/" + hosts[i] + ".evtx",
                    "2026-11-12T01:3" + i + ":00Z",
                    hosts[i],
                    "BETACO\\msp_admin",
                    3L,
                    "10.10.0.21",
                    "MSP-JMP01");
        }
        assertThat(s.run("msp-lateral-fanout")).isNotEmpty();
        // the same sweep in ACME inside the window under CHG-2041 is the ticketed change
        Scenario t = new Scenario();
        for (int i = 0; i < hosts.length; i++) {
            t.logon(
                    "acme/" + hosts[i] + ".evtx",
                    "2026-11-15T02:1" + i + ":00Z",
                    hosts[i] + ".acme.local",
                    "ACME\\msp-tnguyen",
                    3L,
                    "10.10.0.21",
                    "MSP-JMP01");
        }
        assertThat(t.run("msp-lateral-fanout")).isEmpty();
    }

    @Test
    void aWorkstationsOwnUserIsNotACompromisedSourceAnotherAccountIs() {
        Scenario s = new Scenario();
        s.logon("acme/ws22.evtx", "2026-11-05T08:00:00Z", "ws22.acme.local", "ACME\\hkim", 2L, "127.0.0.1", "WS22");
        Event plugx = s.windows("acme/ws22-system.evtx", "2026-11-05T18:20:00Z", "System", 7045, "ws22.acme.local");
        s.detected(plugx, Level.CRITICAL);
        s.logon("acme/fs01.evtx", "2026-11-06T08:00:00Z", "fs01.acme.local", "ACME\\hkim", 3L, "10.20.10.22", "WS22");
        assertThat(s.run("msp-compromised-source")).isEmpty();
        s.logon(
                "acme/fs02.evtx",
                "2026-11-06T09:00:00Z",
                "fs02.acme.local",
                "ACME\\msp-tnguyen",
                3L,
                "10.20.10.22",
                "WS22");
        List<Detection> d = s.run("msp-compromised-source");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).event().get("Computer")).isEqualTo("fs02.acme.local");
    }

    @Test
    void jumpHostCommandOnTheTicketedTenantInItsWindowIsLowered() {
        Scenario s = new Scenario();
        // Sat 21:39 New York, CHG-2041 open for t.nguyen
        Event ticketed = s.windows(
                "mspcorp/jmp01.evtx",
                "2026-11-15T02:39:53Z",
                SEC,
                4688,
                "MSP-JMP01.mspcorp.local",
                "SubjectUserName",
                "t.nguyen",
                "SubjectDomainName",
                "MSPCORP",
                "CommandLine",
                "schtasks /create /s fs01.acme.local /tn \"CHG-2041 reboot\" /tr \"shutdown.exe /r\" /f");
        Event otherTenant = s.windows(
                "mspcorp/jmp01.evtx",
                "2026-11-15T02:41:00Z",
                SEC,
                4688,
                "MSP-JMP01.mspcorp.local",
                "SubjectUserName",
                "t.nguyen",
                "SubjectDomainName",
                "MSPCORP",
                "CommandLine",
                "schtasks /create /s app01.betaco.local /tn x /tr \"cmd /c whoami\" /f");
        Event backup = s.windows(
                "acme/fs01.evtx",
                "2026-11-15T03:00:58Z",
                SEC,
                4688,
                "fs01.acme.local",
                "SubjectUserName",
                "svc-backup",
                "SubjectDomainName",
                "ACME",
                "CommandLine",
                "7z.exe a -pSecret D:\\Backup\\config.7z C:\\ProgramData\\AcmeApp\\config");
        s.detected(ticketed, Level.HIGH).detected(otherTenant, Level.HIGH).detected(backup, Level.MEDIUM);
        MspAnalysis analysis = Scenario.analysis(MspSettings.defaults());
        List<Detection> out = new ArrayList<>();
        for (Event e : s.events()) {
            out.addAll(analysis.accept(e, s.detectionsOf(e)));
        }
        assertThat(out).hasSize(3);
        assertThat(out.get(0).level()).isEqualTo(Level.LOW);
        assertThat(out.get(0).extra()).containsEntry("original_level", "high");
        assertThat((String) out.get(0).extra().get("explanation"))
                .contains("on jump host MSP-JMP01")
                .contains("acme")
                .contains("CHG-2041");
        assertThat(out.get(1).level()).isEqualTo(Level.HIGH);
        assertThat(out.get(2).level()).isEqualTo(Level.LOW);
        assertThat((String) out.get(2).extra().get("explanation")).contains("service account");
    }
}
