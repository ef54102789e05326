package io.vigil.sigma;

import static io.vigil.sigma.SigmaFixture.errors;
import static io.vigil.sigma.SigmaFixture.src;
import static io.vigil.sigma.SigmaFixture.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.diag.Diagnostic;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.correlate.BatchCorrelation;
import io.vigil.correlate.CorrelationType;
import io.vigil.sigma.compile.Placeholders;
import io.vigil.sigma.logsource.LogSourceMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Sigma correlation specification's examples and Vigil's built-in correlation rules, loaded from
 * YAML and run the way a hunt runs them: every event through the rule set, matches of correlated rules
 * into the correlator, a rule's own detection only when {@code generate} allows it.
 */
class CorrelationExamplesTest {
    private static final Instant T0 = Instant.parse("2024-06-01T08:00:00Z");

    /** Runs events through the loaded rules and correlations; returns every detection a hunt would write. */
    static List<Detection> hunt(LoadResult r, List<Event> events) {
        List<Detection> out = new ArrayList<>();
        List<Diagnostic> diags = new ArrayList<>();
        BatchCorrelation corr = new BatchCorrelation(r.correlations(), diags::add, out::add);
        for (Event e : events) {
            r.rules().match(e, rule -> {
                if (corr.consumes(rule.ref())) {
                    corr.accept(rule.ref(), e);
                }
                if (r.correlations().emitsOwnDetections(rule.ref())) {
                    out.add(new Detection(rule.ref(), e));
                }
            });
        }
        corr.finish();
        assertThat(diags.stream().filter(d -> d.severity() != io.vigil.core.diag.Severity.INFO))
                .isEmpty();
        assertThat(corr.store().groups()).isZero();
        return out;
    }

    static Event event(String path, long line, long seconds, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Event.of(m, T0.plusSeconds(seconds), Provenance.line(path, line));
    }

    private static List<String> titles(List<Detection> ds) {
        return ds.stream().map(d -> d.rule().title()).toList();
    }

    /** Spec v2.1, "Failed Logins Followed by Successful Login", verbatim. */
    private static final String COMPLETE_EXAMPLE = """
            title: Correlation - Multiple Failed Logins Followed by Successful Login
            id: b180ead8-d58f-40b2-ae54-c8940995b9b6
            status: experimental
            description: Detects multiple failed logins by a single user followed by a successful login of that user
            references:
                - https://reference.com
            author: Florian Roth (Nextron Systems)
            date: 2023-06-16
            correlation:
                type: temporal_ordered
                rules:
                    - multiple_failed_login
                    - successful_login
                group-by:
                    - User
                timespan: 10m
            falsepositives:
                - Unlikely
            level: high
            ---
            title: Multiple failed logons
            id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
            description: Detects multiple failed logins within a certain amount of time
            name: multiple_failed_login
            correlation:
                type: event_count
                rules:
                    - failed_login
                group-by:
                    - User
                timespan: 10m
                condition:
                    gte: 10
            ---
            title: Single failed login
            id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
            name: failed_login
            logsource:
                product: windows
                service: security
            detection:
                selection:
                    EventID:
                        - 529
                        - 4625
                condition: selection
            ---
            title: Successful login
            id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
            description: Detects a successful login
            name: successful_login
            logsource:
                product: windows
                service: security
            detection:
                selection:
                    EventID:
                        - 528
                        - 4624
                condition: selection
            """;

    @Test
    void completeExampleLoadsAndFiresOnlyTheOutermostCorrelation() {
        LoadResult r = SigmaFixture.load(src("mr_failed_then_success.yml", COMPLETE_EXAMPLE));
        assertThat(errors(r)).isEmpty();
        // The example's detection rules have no level: the usual warning, nothing else.
        assertThat(warnings(r)).extracting(Diagnostic::code).containsOnly("unknown-level");
        assertThat(r.summary().loaded()).isEqualTo(4);
        assertThat(r.correlations().specs())
                .extracting(s -> s.type())
                .containsExactly(CorrelationType.EVENT_COUNT, CorrelationType.TEMPORAL_ORDERED);
        assertThat(r.correlations().specs().get(1).level()).isEqualTo(Level.HIGH);
        assertThat(r.correlations().specs().get(0).level()).isEqualTo(Level.MEDIUM);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(event("Security.jsonl", i + 1, i * 20, "Channel", "Security", "EventID", 4625L, "User", "eve"));
        }
        events.add(event("Security.jsonl", 13, 300, "Channel", "Security", "EventID", 4624L, "User", "EVE"));
        events.add(event("Security.jsonl", 14, 310, "Channel", "Security", "EventID", 4624L, "User", "frank"));
        List<Detection> out = hunt(r, events);
        assertThat(titles(out)).containsExactly("Correlation - Multiple Failed Logins Followed by Successful Login");
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) out.get(0).extra().get("correlation");
        assertThat(c.get("group")).isEqualTo(Map.of("User", "eve"));
        assertThat((List<?>) c.get("events")).hasSize(11);
    }

    private static String base(String id, String name, String selection) {
        return "title: " + name + "\nid: " + id + "\nname: " + name
                + "\nlogsource: {product: test}\ndetection:\n  sel: " + selection + "\n  condition: sel\nlevel: low\n";
    }

    private static LoadResult loadExample(String correlation, String... bases) {
        StringBuilder text = new StringBuilder(correlation);
        for (String b : bases) {
            text.append("---\n").append(b);
        }
        LoadResult r = SigmaFixture.load(src("example.yml", text.toString()));
        assertThat(errors(r)).as(text.toString()).isEmpty();
        assertThat(r.correlations().specs()).isNotEmpty();
        return r;
    }

    @Test
    void eventCountExample() {
        LoadResult r = loadExample("""
                title: Many failed logins
                id: 0e95725d-7320-415d-80f7-004da920fc11
                correlation:
                    type: event_count
                    rules:
                        - 5638f7c0-ac70-491d-8465-2a65075e0d86
                    group-by:
                        - ComputerName
                    timespan: 1h
                    condition:
                        gte: 100
                """, base("5638f7c0-ac70-491d-8465-2a65075e0d86", "failed", "{EventID: 4625}"));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(event("a.jsonl", i, i * 30, "EventID", 4625L, "ComputerName", "DC1"));
        }
        assertThat(titles(hunt(r, events))).containsExactly("Many failed logins");
        assertThat(hunt(r, events.subList(0, 99))).isEmpty();
    }

    @Test
    void valueCountExample() {
        LoadResult r = loadExample("""
                title: Failed login
                id: 0e95725d-7320-415d-80f7-004da920fc12
                correlation:
                    type: value_count
                    rules:
                        - 5638f7c0-ac70-491d-8465-2a65075e0d86
                    group-by:
                        - ComputerName
                        - WorkstationName
                    timespan: 1d
                    condition:
                        field: User
                        gte: 100
                """, base("5638f7c0-ac70-491d-8465-2a65075e0d86", "failed", "{EventID: 4625}"));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(event(
                    "a.jsonl",
                    i,
                    i * 60,
                    "EventID",
                    4625L,
                    "ComputerName",
                    "DC1",
                    "WorkstationName",
                    "WS9",
                    "User",
                    "u" + i));
        }
        assertThat(titles(hunt(r, events))).containsExactly("Failed login");
    }

    @Test
    void temporalExample() {
        // The specification prints this example with 'type' outdented, which is not valid YAML; the
        // indentation is fixed here and a title added (title is mandatory).
        LoadResult r = loadExample(
                """
                title: recon
                correlation:
                    type: temporal
                    rules:
                        - recon_cmd_a
                        - recon_cmd_b
                        - recon_cmd_c
                    group-by:
                        - ComputerName
                        - User
                    timespan: 5m
                """,
                base("a1", "recon_cmd_a", "{CommandLine|contains: whoami}"),
                base("b1", "recon_cmd_b", "{CommandLine|contains: ipconfig}"),
                base("c1", "recon_cmd_c", "{CommandLine|contains: systeminfo}"));
        List<Event> events = List.of(
                event("s.jsonl", 1, 0, "CommandLine", "systeminfo", "ComputerName", "WS1", "User", "x"),
                event("s.jsonl", 2, 100, "CommandLine", "whoami /all", "ComputerName", "WS1", "User", "x"),
                event("s.jsonl", 3, 200, "CommandLine", "ipconfig", "ComputerName", "WS1", "User", "x"));
        assertThat(titles(hunt(r, events))).containsExactly("recon");
    }

    @Test
    void temporalOrderedExample() {
        LoadResult r = loadExample(
                """
                title: ordered
                correlation:
                    type: temporal_ordered
                    rules:
                        - many_failed_logins
                        - successful_login
                    group-by:
                        - User
                    timespan: 1h
                """, """
                title: many
                name: many_failed_logins
                correlation: {type: event_count, rules: [failed], group-by: [User], timespan: 1h, condition: {gte: 3}}
                """, base("f", "failed", "{EventID: 4625}"), base("s", "successful_login", "{EventID: 4624}"));
        List<Event> ok = List.of(
                event("s.jsonl", 1, 0, "EventID", 4625L, "User", "x"),
                event("s.jsonl", 2, 1, "EventID", 4625L, "User", "x"),
                event("s.jsonl", 3, 2, "EventID", 4625L, "User", "x"),
                event("s.jsonl", 4, 3, "EventID", 4624L, "User", "x"));
        assertThat(titles(hunt(r, ok))).containsExactly("ordered");
        List<Event> wrongOrder = List.of(ok.get(3), ok.get(0), ok.get(1), ok.get(2));
        assertThat(hunt(
                        r,
                        List.of(
                                event("s.jsonl", 4, 0, "EventID", 4624L, "User", "x"),
                                event("s.jsonl", 1, 1, "EventID", 4625L, "User", "x"),
                                event("s.jsonl", 2, 2, "EventID", 4625L, "User", "x"),
                                event("s.jsonl", 3, 3, "EventID", 4625L, "User", "x"))))
                .isEmpty();
        assertThat(titles(hunt(r, wrongOrder)))
                .as("input order does not matter, event time does")
                .containsExactly("ordered");
    }

    @Test
    void numericExamples() {
        String access = base("w", "website_access", "{Action: access}");
        LoadResult sum = loadExample("""
                title: Possible Exfiltration to Website
                correlation:
                    type: value_sum
                    rules:
                        - website_access
                    group-by:
                        - SourceIP
                        - User
                    timespan: 1h
                    condition:
                        field: bytes_sent
                        gt: 1000000
                """, access);
        LoadResult avg = loadExample("""
                title: Suspicious average network traffic
                correlation:
                    type: value_avg
                    rules:
                        - website_access
                    group-by:
                        - SourceIP
                        - User
                    timespan: 24h
                    condition:
                        field: bytes_sent
                        gt: 500
                """, access);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(event(
                    "p.jsonl",
                    i,
                    i * 60,
                    "Action",
                    "access",
                    "SourceIP",
                    "10.0.0.1",
                    "User",
                    "u",
                    "bytes_sent",
                    400_000L));
        }
        assertThat(titles(hunt(sum, events))).containsExactly("Possible Exfiltration to Website");
        assertThat(titles(hunt(avg, events))).containsExactly("Suspicious average network traffic");
        // The percentile example (field 'image', lte: 1) loads with a warning: without 'percentile'
        // it compares the median, and image names are not numbers, so it cannot fire.
        LoadResult pct = SigmaFixture.load(src("pct.yml", """
                title: A computer spawned a processes name in the last 24h than 1% of all the processes.
                correlation:
                    type: value_percentile
                    rules:
                        - process_creation
                    group-by:
                        - ComputerName
                    timespan: 24h
                    condition:
                        field: image
                        lte: 1
                ---
                """ + base("pc", "process_creation", "{EventID: 1}")));
        assertThat(errors(pct)).isEmpty();
        assertThat(warnings(pct)).extracting(Diagnostic::code).containsExactly("default-percentile");
        assertThat(hunt(pct, List.of(event("s.jsonl", 1, 0, "EventID", 1L, "ComputerName", "WS1", "image", "a.exe"))))
                .isEmpty();
    }

    @Test
    void aliasExample() {
        // The specification's two rules have no logsource, which Sigma rules need; one is added.
        LoadResult r = loadExample("""
                title: alias example
                correlation:
                    type: temporal
                    rules:
                        - internal_error
                        - new_network_connection
                    group-by:
                        - internal_ip
                        - remote_ip
                    timespan: 10s
                    aliases:
                        internal_ip:
                            internal_error: destination.ip
                            new_network_connection: source.ip
                        remote_ip:
                            internal_error: source.ip
                            new_network_connection: destination.ip
                """, """
                title: internal error
                name: internal_error
                logsource: {product: test}
                detection:
                    selection:
                        http.response.status_code: 500
                    condition: selection
                level: low
                """, """
                title: new connection
                name: new_network_connection
                logsource: {product: test}
                detection:
                    selection:
                        event.category: network
                        event.type: connection
                        event.outcome: success
                    condition: selection
                level: low
                """);
        List<Event> events = List.of(
                event(
                        "w.jsonl",
                        1,
                        0,
                        "http.response.status_code",
                        500L,
                        "destination.ip",
                        "10.0.0.1",
                        "source.ip",
                        "1.2.3.4"),
                event(
                        "f.jsonl",
                        1,
                        4,
                        "event.category",
                        "network",
                        "event.type",
                        "connection",
                        "event.outcome",
                        "success",
                        "source.ip",
                        "10.0.0.1",
                        "destination.ip",
                        "1.2.3.4"));
        List<Detection> out = hunt(r, events);
        assertThat(titles(out)).containsExactly("alias example");
        assertThat(out.get(0).event().fields()).isEqualTo(Map.of("internal_ip", "10.0.0.1", "remote_ip", "1.2.3.4"));
    }

    // ---- the built-in correlation rules of vigil-engine ----

    private static final Path BUILTIN =
            Path.of("..", "vigil-engine", "src", "main", "resources", "io", "vigil", "engine", "rules", "builtin");

    private static LoadResult builtin() throws IOException {
        List<RuleSource> sources = new ArrayList<>();
        for (String name : Files.readAllLines(BUILTIN.resolve("index.txt"), StandardCharsets.UTF_8)) {
            if (name.startsWith("mr_")) {
                sources.add(new RuleSource("builtin:" + name, Files.readString(BUILTIN.resolve(name))));
            }
        }
        assertThat(sources).hasSize(4);
        // Four files, five correlations: the new-admin file also holds a Sysmon registry variant.
        return SigmaRules.load(sources, Placeholders.NONE, LogSourceMap.windows());
    }

    @Test
    void builtinCorrelationsLoadCleanly() throws IOException {
        LoadResult r = builtin();
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.correlations().specs())
                .extracting(s -> s.title())
                .containsExactlyInAnyOrder(
                        "Brute Force Against One Account From One Address",
                        "Password Spray From One Source",
                        "New Account Added To A Privileged Group",
                        "New Local Account Added To The Administrators Group - Sysmon Registry",
                        "Burst Of Discovery Commands In One Logon Session");
        assertThat(r.correlations().specs()).allSatisfy(s -> {
            assertThat(s.ref().author()).isEqualTo("Vigil project");
            assertThat(s.ref().tags()).anyMatch(t -> t.startsWith("attack.t"));
            assertThat(s.generate()).isFalse();
        });
        assertThat(r.rules().rules())
                .allSatisfy(rule -> assertThat(r.correlations().emitsOwnDetections(rule.ref()))
                        .isFalse());
    }

    private static Event security(long line, long seconds, Object... kv) {
        Object[] all = new Object[kv.length + 4];
        all[0] = "Channel";
        all[1] = "Security";
        all[2] = "Computer";
        all[3] = "DC01.corp.local";
        System.arraycopy(kv, 0, all, 4, kv.length);
        return event("Security.evtx", line, seconds, all);
    }

    @Test
    void builtinBruteForceAndSpray() throws IOException {
        LoadResult r = builtin();
        List<Event> brute = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            brute.add(security(
                    i, i * 10, "EventID", 4625L, "IpAddress", "198.51.100.7", "TargetUserName", "Administrator"));
        }
        List<Detection> out = hunt(r, brute);
        assertThat(titles(out)).containsExactly("Brute Force Against One Account From One Address");
        assertThat(out.get(0).level()).isEqualTo(Level.MEDIUM);
        List<Event> spray = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            spray.add(security(i, i * 60, "EventID", 4625L, "IpAddress", "198.51.100.8", "TargetUserName", "user" + i));
        }
        out = hunt(r, spray);
        // Twelve accounts against a threshold of five: two bursts (5 + 5), the last two accounts consumed by none.
        assertThat(titles(out)).containsExactly("Password Spray From One Source", "Password Spray From One Source");
        assertThat(out.get(0).event().fields()).isEqualTo(Map.of("source", "198.51.100.8"));
        List<Event> explicit = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            explicit.add(event(
                    "ws.evtx",
                    i,
                    i * 5,
                    "Channel",
                    "Security",
                    "Computer",
                    "WS17",
                    "EventID",
                    4648L,
                    "TargetUserName",
                    "svc" + i,
                    "TargetServerName",
                    "DC01"));
        }
        assertThat(titles(hunt(r, explicit)))
                .containsExactly("Password Spray From One Source", "Password Spray From One Source");
        List<Event> local = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            local.add(security(i, i, "EventID", 4625L, "IpAddress", "-", "TargetUserName", "Administrator"));
        }
        assertThat(hunt(r, local)).isEmpty();
    }

    @Test
    void builtinNewPrivilegedAccount() throws IOException {
        LoadResult r = builtin();
        String sid = "S-1-5-21-3623811015-3361044348-30300820-1105";
        Event created = security(1, 0, "EventID", 4720L, "TargetSid", sid, "TargetUserName", "helpdesk2");
        Event added = security(
                2,
                600,
                "EventID",
                4732L,
                "TargetSid",
                "S-1-5-32-544",
                "TargetUserName",
                "Administrators",
                "MemberSid",
                sid,
                "MemberName",
                "-");
        List<Detection> out = hunt(r, List.of(added, created));
        assertThat(titles(out)).containsExactly("New Account Added To A Privileged Group");
        assertThat(out.get(0).event().fields()).isEqualTo(Map.of("account_sid", sid));
        Event domainAdmins = security(
                3,
                60,
                "EventID",
                4728L,
                "TargetSid",
                "S-1-5-21-3623811015-3361044348-30300820-512",
                "MemberSid",
                sid.toLowerCase());
        assertThat(titles(hunt(r, List.of(created, domainAdmins)))).hasSize(1);
        Event ordinaryGroup = security(
                4, 60, "EventID", 4728L, "TargetSid", "S-1-5-21-3623811015-3361044348-30300820-1512", "MemberSid", sid);
        assertThat(hunt(r, List.of(created, ordinaryGroup))).isEmpty();
        Event addedBefore = security(0, -60, "EventID", 4732L, "TargetSid", "S-1-5-32-544", "MemberSid", sid);
        assertThat(hunt(r, List.of(addedBefore, created))).isEmpty();
        Event addedLate = security(5, 3601, "EventID", 4732L, "TargetSid", "S-1-5-32-544", "MemberSid", sid);
        assertThat(hunt(r, List.of(created, addedLate))).isEmpty();
    }

    @Test
    void builtinDiscoveryBurst() throws IOException {
        LoadResult r = builtin();
        String[][] cmds = {
            {"C:\\Windows\\System32\\whoami.exe", "whoami /all"},
            {"C:\\Windows\\System32\\net.exe", "net group \"Domain Admins\" /domain"},
            {"C:\\Windows\\System32\\nltest.exe", "nltest /dclist:corp"},
            {"C:\\Windows\\System32\\ipconfig.exe", "ipconfig /all"},
            {"C:\\Windows\\System32\\systeminfo.exe", "systeminfo"},
            {"C:\\Windows\\System32\\whoami.exe", "whoami /all"},
        };
        List<Event> sysmon = new ArrayList<>();
        List<Event> security = new ArrayList<>();
        List<Event> systemSession = new ArrayList<>();
        for (int i = 0; i < cmds.length; i++) {
            sysmon.add(event(
                    "Sysmon.evtx",
                    i,
                    i * 30,
                    "Channel",
                    "Microsoft-Windows-Sysmon/Operational",
                    "EventID",
                    1L,
                    "Computer",
                    "WS17",
                    "Image",
                    cmds[i][0],
                    "CommandLine",
                    cmds[i][1],
                    "LogonId",
                    "0x5A3F1"));
            security.add(event(
                    "Security.evtx",
                    i,
                    i * 30,
                    "Channel",
                    "Security",
                    "EventID",
                    4688L,
                    "Computer",
                    "WS17",
                    "NewProcessName",
                    cmds[i][0],
                    "CommandLine",
                    cmds[i][1],
                    "SubjectLogonId",
                    "0x5a3f1"));
            systemSession.add(event(
                    "Sysmon.evtx",
                    i,
                    i * 30,
                    "Channel",
                    "Microsoft-Windows-Sysmon/Operational",
                    "EventID",
                    1L,
                    "Computer",
                    "WS17",
                    "Image",
                    cmds[i][0],
                    "CommandLine",
                    cmds[i][1],
                    "LogonId",
                    "0x3e7"));
        }
        // Threshold three: whoami, net group, nltest make one burst; ipconfig, systeminfo and the repeated
        // whoami (its first input was consumed by the first burst) make a second.
        List<Detection> out = hunt(r, sysmon);
        assertThat(titles(out))
                .containsExactly(
                        "Burst Of Discovery Commands In One Logon Session",
                        "Burst Of Discovery Commands In One Logon Session");
        assertThat(out.get(0).event().fields()).isEqualTo(Map.of("Computer", "WS17", "logon_id", "0x5A3F1"));
        assertThat(titles(hunt(r, security))).hasSize(2);
        // The same processes seen by both Sysmon and 4688: still the same bursts, each command counted once.
        List<Event> both = new ArrayList<>(sysmon);
        both.addAll(security);
        assertThat(titles(hunt(r, both))).hasSize(2);
        assertThat(hunt(r, systemSession)).isEmpty();
        assertThat(hunt(r, sysmon.subList(0, 2))).isEmpty();
    }
}
