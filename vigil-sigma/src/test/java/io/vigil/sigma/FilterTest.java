package io.vigil.sigma;

import static io.vigil.sigma.SigmaFixture.errors;
import static io.vigil.sigma.SigmaFixture.event;
import static io.vigil.sigma.SigmaFixture.fired;
import static io.vigil.sigma.SigmaFixture.load;
import static io.vigil.sigma.SigmaFixture.src;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.Event;
import org.junit.jupiter.api.Test;

class FilterTest {
    private static final String RULE_A = """
            title: whoami
            id: 11111111-1111-1111-1111-111111111111
            name: whoami_execution
            logsource:
              product: test
            detection:
              sel:
                Image|endswith: '\\whoami.exe'
              condition: sel
            """;

    private static final String RULE_B = """
            title: any whoami mention
            id: 22222222-2222-2222-2222-222222222222
            logsource:
              product: test
            detection:
              keywords:
                - 'whoami'
              condition: keywords
            """;

    private static String filter(String ref) {
        return """
                title: admin workstation runs whoami
                id: 33333333-3333-3333-3333-333333333333
                logsource:
                  product: test
                filter:
                  rules:
                    - %s
                  selection:
                    Computer|startswith: 'ADMIN-'
                  condition: selection
                """.formatted(ref);
    }

    private static final Event ON_ADMIN = event("Image", "C:\\Windows\\System32\\whoami.exe", "Computer", "admin-ws01");
    private static final Event ON_SERVER = event("Image", "C:\\Windows\\System32\\whoami.exe", "Computer", "SRV01");

    @Test
    void withoutFilterBothRulesFire() {
        LoadResult r = load(src("a.yml", RULE_A), src("b.yml", RULE_B));
        assertThat(fired(r, ON_ADMIN))
                .containsExactly("11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222");
    }

    @Test
    void filterByIdSuppressesOnlyTheReferencedRule() {
        LoadResult r = load(
                src("a.yml", RULE_A),
                src("b.yml", RULE_B),
                src("f.yml", filter("11111111-1111-1111-1111-111111111111")));
        assertThat(errors(r)).isEmpty();
        assertThat(r.summary().loaded()).isEqualTo(2);
        assertThat(r.summary().rules()).isEqualTo(2);
        assertThat(fired(r, ON_ADMIN)).containsExactly("22222222-2222-2222-2222-222222222222");
        assertThat(fired(r, ON_SERVER))
                .containsExactly("11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222");
    }

    @Test
    void filterByName() {
        LoadResult r = load(src("f.yml", filter("whoami_execution")), src("a.yml", RULE_A), src("b.yml", RULE_B));
        assertThat(errors(r)).isEmpty();
        assertThat(fired(r, ON_ADMIN)).containsExactly("22222222-2222-2222-2222-222222222222");
        assertThat(fired(r, ON_SERVER)).contains("11111111-1111-1111-1111-111111111111");
    }

    @Test
    void filterForAnUnknownRuleChangesNothing() {
        LoadResult r = load(src("a.yml", RULE_A), src("f.yml", filter("no-such-rule")));
        assertThat(errors(r)).isEmpty();
        assertThat(fired(r, ON_ADMIN)).containsExactly("11111111-1111-1111-1111-111111111111");
    }

    @Test
    void filterAndRuleInOneMultiDocumentFile() {
        String file = RULE_A + "---\n" + filter("11111111-1111-1111-1111-111111111111") + "---\n" + RULE_B;
        LoadResult r = load(src("all.yml", file));
        assertThat(errors(r)).isEmpty();
        assertThat(r.summary().files()).isEqualTo(1);
        assertThat(r.summary().loaded()).isEqualTo(2);
        assertThat(fired(r, ON_ADMIN)).containsExactly("22222222-2222-2222-2222-222222222222");
        assertThat(fired(r, ON_SERVER)).hasSize(2);
    }

    @Test
    void filterReferencingSeveralRules() {
        String f = """
                title: lab hosts
                logsource:
                  product: test
                filter:
                  rules:
                    - 11111111-1111-1111-1111-111111111111
                    - 22222222-2222-2222-2222-222222222222
                  lab:
                    Computer: 'LAB*'
                  admin:
                    Computer: 'ADMIN-*'
                  condition: lab or admin
                """;
        LoadResult r = load(src("a.yml", RULE_A), src("b.yml", RULE_B), src("f.yml", f));
        assertThat(errors(r)).isEmpty();
        assertThat(fired(r, ON_ADMIN)).isEmpty();
        assertThat(fired(r, event("Image", "C:\\whoami.exe", "Computer", "lab7")))
                .isEmpty();
        assertThat(fired(r, ON_SERVER)).hasSize(2);
    }

    @Test
    void twoFiltersOnOneRuleBothApply() {
        String f2 = filter("11111111-1111-1111-1111-111111111111").replace("ADMIN-", "JUMP-");
        LoadResult r = load(src("a.yml", RULE_A), src("f1.yml", filter("whoami_execution")), src("f2.yml", f2));
        assertThat(errors(r)).isEmpty();
        assertThat(fired(r, ON_ADMIN)).isEmpty();
        assertThat(fired(r, event("Image", "C:\\whoami.exe", "Computer", "jump-01")))
                .isEmpty();
        assertThat(fired(r, ON_SERVER)).containsExactly("11111111-1111-1111-1111-111111111111");
    }

    @Test
    void filterOnAMissingFieldDoesNotSuppress() {
        LoadResult r = load(src("a.yml", RULE_A), src("f.yml", filter("whoami_execution")));
        assertThat(fired(r, event("Image", "C:\\whoami.exe"))).containsExactly("11111111-1111-1111-1111-111111111111");
    }

    @Test
    void filterUsesTheRenamesOfEachSource() {
        String rule = """
                title: pc
                id: pc
                logsource:
                  product: windows
                  category: process_creation
                detection:
                  sel:
                    CommandLine|contains: 'whoami'
                  condition: sel
                """;
        String f = """
                title: not from the agent
                logsource:
                  product: windows
                  category: process_creation
                filter:
                  rules: pc
                  agent:
                    ParentImage|endswith: '\\agent.exe'
                  condition: agent
                """;
        LoadResult r = load(src("pc.yml", rule), src("f.yml", f));
        assertThat(errors(r)).isEmpty();
        Event fromAgent4688 = event(
                "Channel", "Security",
                "EventID", 4688L,
                "CommandLine", "whoami /all",
                "ParentProcessName", "C:\\agent.exe");
        Event fromShell4688 = event(
                "Channel", "Security",
                "EventID", 4688L,
                "CommandLine", "whoami /all",
                "ParentProcessName", "C:\\cmd.exe");
        Event fromAgentSysmon = event(
                "Channel",
                "Microsoft-Windows-Sysmon/Operational",
                "EventID",
                1L,
                "CommandLine",
                "whoami /all",
                "ParentImage",
                "C:\\agent.exe");
        assertThat(fired(r, fromAgent4688)).isEmpty();
        assertThat(fired(r, fromShell4688)).containsExactly("pc");
        assertThat(fired(r, fromAgentSysmon)).isEmpty();
    }

    @Test
    void brokenFilterIsRejectedAndTheRuleStillLoads() {
        String badCondition = """
                title: typo in condition
                id: bad-filter
                logsource:
                  product: test
                filter:
                  rules: [whoami_execution]
                  selection:
                    Computer|startswith: 'ADMIN-'
                  condition: selecton
                """;
        String badModifier = """
                title: typo in modifier
                id: bad-filter-2
                logsource:
                  product: test
                filter:
                  rules: [22222222-2222-2222-2222-222222222222]
                  selection:
                    Computer|startwith: 'ADMIN-'
                  condition: selection
                """;
        LoadResult r =
                load(src("a.yml", RULE_A), src("b.yml", RULE_B), src("f.yml", badCondition), src("g.yml", badModifier));
        assertThat(errors(r)).hasSize(2);
        assertThat(errors(r).get(0).code()).isEqualTo("unknown-identifier");
        assertThat(SigmaFixture.where(errors(r).get(0))).isEqualTo("f.yml:9:14");
        assertThat(errors(r).get(0).subject()).isEqualTo("bad-filter");
        assertThat(errors(r).get(1).code()).isEqualTo("unknown-modifier");
        assertThat(SigmaFixture.where(errors(r).get(1))).isEqualTo("g.yml:8:5");
        assertThat(errors(r).get(1).subject()).isEqualTo("bad-filter-2");
        assertThat(r.rules().rules()).hasSize(2);
        assertThat(r.summary().loaded()).isEqualTo(2);
        assertThat(r.summary().byReason()).isEqualTo(java.util.Map.of("unknown-identifier", 1, "unknown-modifier", 1));
        // The rules are unfiltered rather than lost.
        assertThat(fired(r, ON_ADMIN))
                .containsExactly("11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222");
    }

    @Test
    void aBrokenFilterDoesNotDisableTheGoodFilterOnTheSameRule() {
        String bad = filter("whoami_execution").replace("condition: selection", "condition: selection and");
        LoadResult r = load(src("a.yml", RULE_A), src("good.yml", filter("whoami_execution")), src("bad.yml", bad));
        assertThat(errors(r))
                .singleElement()
                .satisfies(d -> assertThat(d.code()).isEqualTo("condition-syntax"));
        assertThat(fired(r, ON_ADMIN)).isEmpty();
        assertThat(fired(r, ON_SERVER)).containsExactly("11111111-1111-1111-1111-111111111111");
    }

    @Test
    void filterWithoutConditionIsRejected() {
        String f = """
                title: broken filter
                logsource:
                  product: test
                filter:
                  rules: [whoami_execution]
                  selection:
                    Computer: x
                """;
        LoadResult r = load(src("a.yml", RULE_A), src("f.yml", f));
        assertThat(errors(r)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("missing-condition");
            assertThat(d.location().path()).isEqualTo("f.yml");
        });
        assertThat(fired(r, ON_ADMIN)).containsExactly("11111111-1111-1111-1111-111111111111");
    }
}
