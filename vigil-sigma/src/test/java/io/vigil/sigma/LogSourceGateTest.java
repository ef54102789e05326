package io.vigil.sigma;

import static io.vigil.sigma.SigmaFixture.errors;
import static io.vigil.sigma.SigmaFixture.event;
import static io.vigil.sigma.SigmaFixture.fired;
import static io.vigil.sigma.SigmaFixture.load;
import static io.vigil.sigma.SigmaFixture.src;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.Event;
import io.vigil.sigma.ast.LogSource;
import io.vigil.sigma.compile.CompiledRule;
import io.vigil.sigma.logsource.LogSourceMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSourceGateTest {
    private static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";

    private static String processCreation(String id, String detection) {
        return "title: pc " + id + "\nid: " + id + "\nlogsource:\n  product: windows\n  category: process_creation\n"
                + "detection:\n" + detection.indent(2);
    }

    private static final String WHOAMI = processCreation("whoami", """
            sel:
              Image|endswith: '\\whoami.exe'
            condition: sel
            """);

    private static List<String> fire(String rule, Event e) {
        LoadResult r = load(src("r.yml", rule));
        assertThat(errors(r)).isEmpty();
        return fired(r, e);
    }

    @Test
    void processCreationMatchesSysmonEventOne() {
        Event e = event("Channel", SYSMON, "EventID", 1L, "Image", "C:\\Windows\\System32\\whoami.exe");
        assertThat(fire(WHOAMI, e)).containsExactly("whoami");
    }

    @Test
    void sameEventIdOnAnotherChannelDoesNotMatch() {
        Event e = event(
                "Channel", "Microsoft-Windows-PowerShell/Operational",
                "EventID", 1L,
                "Image", "C:\\Windows\\System32\\whoami.exe");
        assertThat(fire(WHOAMI, e)).isEmpty();
    }

    @Test
    void otherSysmonEventIdDoesNotMatch() {
        Event e = event("Channel", SYSMON, "EventID", 3L, "Image", "C:\\Windows\\System32\\whoami.exe");
        assertThat(fire(WHOAMI, e)).isEmpty();
    }

    @Test
    void eventWithoutChannelOrEventIdDoesNotMatch() {
        assertThat(fire(WHOAMI, event("Image", "C:\\whoami.exe"))).isEmpty();
        assertThat(fire(WHOAMI, event("Channel", SYSMON, "Image", "C:\\whoami.exe")))
                .isEmpty();
    }

    @Test
    void eventIdAsStringIsAccepted() {
        Event e = event("Channel", SYSMON, "EventID", "1", "Image", "C:\\whoami.exe");
        assertThat(fire(WHOAMI, e)).containsExactly("whoami");
    }

    @Test
    void security4688UsesRenamedField() {
        Event e = event(
                "Channel", "Security",
                "EventID", 4688L,
                "NewProcessName", "C:\\Windows\\System32\\whoami.exe");
        assertThat(fire(WHOAMI, e)).containsExactly("whoami");
    }

    @Test
    void security4688DoesNotReadTheSysmonFieldName() {
        Event e = event("Channel", "Security", "EventID", 4688L, "Image", "C:\\Windows\\System32\\whoami.exe");
        assertThat(fire(WHOAMI, e)).isEmpty();
    }

    @Test
    void channelIsComparedCaseInsensitively() {
        Event e = event("Channel", "security", "EventID", "4688", "NewProcessName", "C:\\WHOAMI.EXE");
        assertThat(fire(WHOAMI, e)).containsExactly("whoami");
        Event sysmon =
                event("Channel", SYSMON.toUpperCase(java.util.Locale.ROOT), "EventID", 1L, "Image", "c:\\whoami.exe");
        assertThat(fire(WHOAMI, sysmon)).containsExactly("whoami");
    }

    @Test
    void otherSecurityEventIdDoesNotMatch() {
        Event e = event("Channel", "Security", "EventID", 4689L, "NewProcessName", "C:\\whoami.exe");
        assertThat(fire(WHOAMI, e)).isEmpty();
    }

    @Test
    void fieldsNotRenamedKeepTheirNameIn4688() {
        String rule = processCreation("cli", """
                sel:
                  Image|endswith: '\\cmd.exe'
                  CommandLine|contains: '/c whoami'
                condition: sel
                """);
        Event e4688 = event(
                "Channel", "Security",
                "EventID", 4688L,
                "NewProcessName", "C:\\cmd.exe",
                "CommandLine", "cmd /c whoami");
        Event sysmon = event("Channel", SYSMON, "EventID", 1L, "Image", "C:\\cmd.exe", "CommandLine", "cmd /c whoami");
        assertThat(fire(rule, e4688)).containsExactly("cli");
        assertThat(fire(rule, sysmon)).containsExactly("cli");
    }

    @Test
    void fieldrefUsesTheRenamedNameOfTheReferencedField() {
        String rule = processCreation("self", """
                sel:
                  ParentImage|fieldref: Image
                condition: sel
                """);
        Event e4688 = event(
                "Channel", "Security",
                "EventID", 4688L,
                "NewProcessName", "C:\\x\\loop.exe",
                "ParentProcessName", "C:\\x\\loop.exe");
        Event e4688Different = event(
                "Channel", "Security",
                "EventID", 4688L,
                "NewProcessName", "C:\\x\\loop.exe",
                "ParentProcessName", "C:\\x\\cmd.exe");
        Event sysmon = event("Channel", SYSMON, "EventID", 1L, "Image", "C:\\a.exe", "ParentImage", "C:\\A.exe");
        assertThat(fire(rule, e4688)).containsExactly("self");
        assertThat(fire(rule, e4688Different)).isEmpty();
        assertThat(fire(rule, sysmon)).containsExactly("self");
    }

    @Test
    void serviceSecurityGatesOnChannelOnly() {
        String rule = """
                title: logon
                id: logon
                logsource:
                  product: windows
                  service: security
                detection:
                  sel:
                    EventID: 4624
                    LogonType: 10
                  condition: sel
                """;
        assertThat(fire(rule, event("Channel", "SECURITY", "EventID", 4624L, "LogonType", "10")))
                .containsExactly("logon");
        assertThat(fire(rule, event("Channel", "System", "EventID", 4624L, "LogonType", 10L)))
                .isEmpty();
        assertThat(fire(rule, event("Channel", "Security", "EventID", 4624L, "LogonType", 3L)))
                .isEmpty();
    }

    @Test
    void logsourceValuesAreCaseInsensitive() {
        String rule = """
                title: upper
                id: upper
                logsource:
                  product: Windows
                  category: Process_Creation
                detection:
                  sel:
                    Image|endswith: '\\whoami.exe'
                  condition: sel
                """;
        assertThat(fire(rule, event("Channel", SYSMON, "EventID", 1L, "Image", "C:\\whoami.exe")))
                .containsExactly("upper");
    }

    @Test
    void unmappedLogsourceLoadsInactiveAndNeverMatches() {
        String linux = """
                title: linux rule
                id: lin
                logsource:
                  product: linux
                  category: process_creation
                detection:
                  keywords:
                    - 'a'
                  condition: keywords
                """;
        String extraKey = processCreation("extra", """
                sel:
                  Image: '*'
                condition: sel
                """)
                .replace("  category: process_creation\n", "  category: process_creation\n  service: sysmon\n");
        LoadResult r = load(src("linux.yml", linux), src("whoami.yml", WHOAMI), src("extra.yml", extraKey));
        assertThat(errors(r)).isEmpty();
        assertThat(r.summary().loaded()).isEqualTo(3);
        assertThat(r.summary().rejected()).isZero();
        assertThat(r.summary().inactive()).isEqualTo(Map.of("linux", 1, "windows", 1));
        CompiledRule lin = r.rules().rules().get(0);
        assertThat(lin.ref().id()).isEqualTo("lin");
        assertThat(lin.inactiveReason()).contains("linux");
        assertThat(lin.branches()).isEmpty();
        assertThat(r.rules().rules().get(1).inactiveReason()).isNull();
        assertThat(r.rules().rules().get(2).inactiveReason()).isNotNull();
        Event e = event("Channel", SYSMON, "EventID", 1L, "Image", "C:\\a\\whoami.exe");
        assertThat(lin.matches(e)).isFalse();
        assertThat(fired(r, e)).containsExactly("whoami");
    }

    @Test
    void unmappedRuleIsStillCheckedForErrors() {
        String linux = """
                title: linux rule
                id: lin
                logsource:
                  product: linux
                detection:
                  sel:
                    a|nosuchmodifier: x
                  condition: sel
                """;
        LoadResult r = load(src("linux.yml", linux));
        assertThat(errors(r))
                .singleElement()
                .satisfies(d -> assertThat(d.code()).isEqualTo("unknown-modifier"));
        assertThat(r.summary().inactive()).isEmpty();
    }

    @Test
    void resolveRequiresExactKeys() {
        LogSourceMap map = SigmaFixture.MAP;
        assertThat(map.resolve(new LogSource("windows", "process_creation", null)))
                .hasValueSatisfying(sources -> assertThat(sources).hasSize(2));
        assertThat(map.resolve(new LogSource("windows", null, null))).isEmpty();
        assertThat(map.resolve(new LogSource("windows", "process_creation", "sysmon")))
                .isEmpty();
        assertThat(map.resolve(new LogSource(null, "process_creation", null))).isEmpty();
    }

    @Test
    void sourceWithProvidersGatesOnProviderName() {
        LogSourceMap map = LogSourceMap.parse("""
                logsources:
                  - match: {product: windows, service: defender}
                    sources:
                      - channel: Microsoft-Windows-Windows Defender/Operational
                        event_ids: [1116, 1117]
                        providers: [Microsoft-Windows-Windows Defender]
                        fields: {ThreatName: Threat Name}
                """);
        String rule = """
                title: defender
                id: def
                logsource: {product: windows, service: defender}
                detection:
                  sel:
                    ThreatName|contains: 'Mimikatz'
                  condition: sel
                """;
        LoadResult r = SigmaRules.load(List.of(src("d.yml", rule)), io.vigil.sigma.compile.Placeholders.NONE, map);
        String ch = "Microsoft-Windows-Windows Defender/Operational";
        assertThat(fired(
                        r,
                        event(
                                "Channel",
                                ch,
                                "EventID",
                                1117L,
                                "Provider_Name",
                                "microsoft-windows-windows defender",
                                "Threat Name",
                                "HackTool:Win32/Mimikatz")))
                .containsExactly("def");
        assertThat(fired(
                        r,
                        event(
                                "Channel",
                                ch,
                                "EventID",
                                1117L,
                                "Provider_Name",
                                "Other",
                                "Threat Name",
                                "HackTool:Win32/Mimikatz")))
                .isEmpty();
        assertThat(fired(r, event("Channel", ch, "EventID", 1117L, "Threat Name", "HackTool:Win32/Mimikatz")))
                .isEmpty();
        assertThat(fired(
                        r,
                        event(
                                "Channel",
                                ch,
                                "EventID",
                                1116L,
                                "Provider_Name",
                                "Microsoft-Windows-Windows Defender",
                                "ThreatName",
                                "HackTool:Win32/Mimikatz")))
                .isEmpty();
    }
}
