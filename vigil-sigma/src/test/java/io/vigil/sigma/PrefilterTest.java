package io.vigil.sigma;

import static io.vigil.sigma.SigmaFixture.event;
import static io.vigil.sigma.SigmaFixture.ruleYaml;
import static io.vigil.sigma.SigmaFixture.src;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.Event;
import io.vigil.sigma.compile.CompiledRule;
import io.vigil.sigma.index.IndexCoverage;
import io.vigil.sigma.index.RequiredLiterals;
import io.vigil.sigma.index.RequiredLiterals.Needle;
import io.vigil.sigma.index.RequiredLiterals.Place;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The literal prefilter of the rule index: which literals a rule is found to require (and why a rule
 * has none), and that the indexed path fires exactly the rules the plain loop fires on events built to
 * sit on the edges of the prefilter (case, arrays, numbers, field-name case, encodings).
 */
class PrefilterTest {
    private static RequiredLiterals literals(String detection) {
        LoadResult r = SigmaFixture.load(src("rule.yml", ruleYaml("r1", detection)));
        CompiledRule rule = r.rules().rules().get(0);
        List<RequiredLiterals> branches = r.rules().requiredLiterals(rule);
        assertThat(branches).hasSize(1);
        return branches.get(0);
    }

    private static List<Needle> needles(String detection) {
        RequiredLiterals l = literals(detection);
        assertThat(l.filterable()).as("filterable: %s", l.reason()).isTrue();
        return l.needles();
    }

    private static String reason(String detection) {
        RequiredLiterals l = literals(detection);
        assertThat(l.filterable()).as("needles %s", l.needles()).isFalse();
        return l.reason();
    }

    @Test
    void valuesOfOneFieldAreAlternatives() {
        assertThat(needles("""
                        sel:
                          Image|endswith: ['\\Cmd.exe', '\\powershell.exe']
                        condition: sel
                        """))
                .containsExactly(
                        new Needle("Image", "\\cmd.exe", Place.END),
                        new Needle("Image", "\\powershell.exe", Place.END));
    }

    @Test
    void andKeepsTheMostSelectiveClause() {
        // 'x' is short and common; the long literal is the better filter.
        assertThat(needles("""
                        sel:
                          CommandLine|contains: 'x'
                          Image|endswith: '\\rundll32.exe'
                        condition: sel
                        """)).containsExactly(new Needle("Image", "\\rundll32.exe", Place.END));
    }

    @Test
    void orUnionsAndNegatedFilterIsIgnoredByAnd() {
        assertThat(needles("""
                        a:
                          Image|endswith: '\\a.exe'
                        b:
                          CommandLine|contains: 'bbbb'
                        filter:
                          User|contains: 'SYSTEM'
                        condition: (a or b) and not filter
                        """))
                .containsExactlyInAnyOrder(
                        new Needle("Image", "\\a.exe", Place.END), new Needle("CommandLine", "bbbb", Place.ANYWHERE));
    }

    @Test
    void stringValuesKeepWhereTheyMustOccurButKeywordsAndGlobsAreSearchedAnywhere() {
        assertThat(needles("""
                        sel1:
                          ParentImage|startswith: 'C:\\Temp\\'
                        sel2:
                          OriginalFileName: 'PsExec.exe'
                        sel3:
                          CommandLine|cased|endswith: ' -Enc'
                        condition: 1 of sel*
                        """))
                .containsExactlyInAnyOrder(
                        new Needle("ParentImage", "c:\\temp\\", Place.START),
                        new Needle("OriginalFileName", "psexec.exe", Place.WHOLE),
                        new Needle("CommandLine", " -enc", Place.END));
        assertThat(needles("""
                        keywords:
                          - 'lsadump::'
                        condition: keywords
                        """)).containsExactly(new Needle(null, "lsadump::", Place.ANYWHERE));
        assertThat(needles("""
                        sel:
                          Image: '*\\psexe?.exe'
                        condition: sel
                        """)).allSatisfy(n -> assertThat(n.place()).isEqualTo(Place.ANYWHERE));
    }

    @Test
    void andAlsoKeepsFurtherAnchoredConditions() {
        RequiredLiterals l = literals("""
                sel:
                  TargetImage|endswith: '\\svchost.exe'
                  GrantedAccess: '0x143a'
                  CallTrace|contains: 'dbghelp.dll'
                  SourceUser|startswith: 'NT AUTHORITY'
                condition: sel and not filter and keywords
                filter:
                  SourceImage|endswith: '\\wininit.exe'
                keywords:
                  - 'lsadump::'
                """);
        assertThat(l.needles()).containsExactly(new Needle("TargetImage", "\\svchost.exe", Place.END));
        // the next most selective among the anchored conditions; not the substring or keyword ones
        assertThat(l.also())
                .containsExactly(
                        List.of(new Needle("SourceUser", "nt authority", Place.START)),
                        List.of(new Needle("GrantedAccess", "0x143a", Place.WHOLE)));
        assertThat(literals("""
                        sel:
                          Image|endswith: '\\a.exe'
                        other:
                          User: 'bob'
                        condition: sel or other
                        """).also()).isEmpty();
    }

    @Test
    void everyRequiredRunOfARegexIsKeptForItsField() {
        RequiredLiterals l = literals("""
                sel:
                  CallTrace|re: '^C:\\\\Windows\\\\SYSTEM32\\\\ntdll\\.dll\\+[a-z0-9]{4,6}\\|UNKNOWN\\([A-Z0-9]{16}\\)$'
                condition: sel
                """);
        assertThat(l.needles()).containsExactly(new Needle("CallTrace", "c:\\windows\\system32\\ntdll.dll+"));
        // the field is searched for the first run anyway: the second costs a pattern, not a scan
        assertThat(l.also()).containsExactly(List.of(new Needle("CallTrace", "|unknown(")));
        // a substring condition in a field nothing else searches is not kept
        assertThat(literals("""
                        sel:
                          Image|endswith: '\\rundll32.exe'
                          CommandLine|contains: 'javascript:'
                        condition: sel
                        """).also()).isEmpty();
    }

    @Test
    void globUsesItsLongestLiteralRunAndWindashSetsSplitRuns() {
        assertThat(needles("""
                        sel:
                          CommandLine: '*a?longest*x*'
                        condition: sel
                        """)).containsExactly(new Needle("CommandLine", "longest"));
        assertThat(needles("""
                        sel:
                          CommandLine|windash|contains: ' -decode '
                        condition: sel
                        """))
                .allSatisfy(n -> assertThat(n.text())
                        .isIn(" ", "decode ", " -decode ", " /decode ", " –decode ", " —decode ", " ―decode "));
    }

    @Test
    void casedAndBase64LiteralsAreSearchedLowerCased() {
        assertThat(needles("""
                        sel:
                          CommandLine|cased|contains: 'MiXeD'
                        condition: sel
                        """)).containsExactly(new Needle("CommandLine", "mixed"));
        List<Needle> b64 = needles("""
                sel:
                  CommandLine|base64offset|contains: 'http://'
                condition: sel
                """);
        assertThat(b64).hasSize(3).extracting(Needle::text).containsExactly("ahr0cdovl", "h0dha6ly", "odhrwoi8v");
    }

    @Test
    void regexesRequireTheirLongestTopLevelRun() {
        assertThat(needles("""
                        sel:
                          TargetFilename|re: '\\\\Windows\\\\System32\\\\[a-z]{8}\\.tmp$'
                        condition: sel
                        """)).containsExactly(new Needle("TargetFilename", "\\windows\\system32\\"));
    }

    @Test
    void keywordsRequireTheirLiteralInAnyField() {
        assertThat(needles("""
                        keywords:
                          - 'Mimikatz'
                          - 'sekurlsa::*'
                        filter:
                          Image|endswith: '\\x.exe'
                        condition: keywords and not filter
                        """)).containsExactly(new Needle(null, "mimikatz"), new Needle(null, "sekurlsa::"));
    }

    @Test
    void casedGreekCapitalSigmaIsNotANeedle() {
        assertThat(reason("""
                        sel:
                          CommandLine|cased|contains: 'ΑΣ'
                        condition: sel
                        """)).isEqualTo(RequiredLiterals.UNFOLDABLE);
    }

    @Test
    void whyABranchIsAlwaysEvaluated() {
        assertThat(reason("sel:\n  CommandLine|re: '[ab].*|c'\ncondition: sel\n"))
                .isEqualTo(RequiredLiterals.REGEX);
        assertThat(reason("sel:\n  User: 'x'\ncondition: not sel\n")).isEqualTo(RequiredLiterals.NEGATION);
        assertThat(reason("keywords:\n  - '?'\ncondition: keywords\n")).isEqualTo(RequiredLiterals.KEYWORD);
        assertThat(reason("sel:\n  ProcessId|gt: 4\ncondition: sel\n")).isEqualTo(RequiredLiterals.NUMERIC);
        assertThat(reason("sel:\n  Ip|cidr: '10.0.0.0/8'\ncondition: sel\n")).isEqualTo(RequiredLiterals.CIDR);
        assertThat(reason("sel:\n  User|exists: true\ncondition: sel\n")).isEqualTo(RequiredLiterals.EXISTS);
        assertThat(reason("sel:\n  User: null\ncondition: sel\n")).isEqualTo(RequiredLiterals.NULL);
        assertThat(reason("sel:\n  A|fieldref: B\ncondition: sel\n")).isEqualTo(RequiredLiterals.FIELDREF);
        assertThat(reason("sel:\n  User|contains: ''\ncondition: sel\n")).isEqualTo(RequiredLiterals.EMPTY);
        assertThat(reason("sel:\n  User: '*?*'\ncondition: sel\n")).isEqualTo(RequiredLiterals.EMPTY);
        // One value without a literal makes the whole field test unfilterable.
        assertThat(reason("sel:\n  User: ['abc', null]\ncondition: sel\n")).isEqualTo(RequiredLiterals.NULL);
        assertThat(reason("a:\n  User: 'abc'\nb:\n  User|re: 'x|y'\ncondition: a or b\n"))
                .isEqualTo(RequiredLiterals.REGEX);
    }

    @Test
    void xOfNeedsMoreThanItsUnfilterableOperands() {
        String detection = """
                a1:
                  User|re: '\\d+'
                a2:
                  Image|endswith: '\\aa.exe'
                a3:
                  CommandLine|contains: 'cccc'
                condition: %s of a*
                """;
        assertThat(needles(detection.formatted("2"))).hasSize(2);
        assertThat(reason(detection.formatted("1"))).isEqualTo(RequiredLiterals.REGEX);
        assertThat(needles(detection.formatted("all"))).hasSize(1);
    }

    @Test
    void coverageCountsRulesByReason() {
        LoadResult r = SigmaFixture.load(
                src("a.yml", ruleYaml("a", "sel:\n  Image|endswith: '\\a.exe'\ncondition: sel\n")),
                src("b.yml", ruleYaml("b", "sel:\n  Image|re: '[a]'\ncondition: sel\n")),
                src("c.yml", ruleYaml("c", "keywords:\n  - '?'\ncondition: keywords\n")));
        IndexCoverage c = r.rules().indexCoverage();
        assertThat(c.active()).isEqualTo(3);
        assertThat(c.prefiltered()).isEqualTo(1);
        assertThat(c.alwaysEvaluated()).isEqualTo(2);
        assertThat(c.alwaysEvaluatedByReason())
                .containsEntry(RequiredLiterals.REGEX, 1)
                .containsEntry(RequiredLiterals.KEYWORD, 1);
    }

    private static final String[] EDGE_RULES = {
        "sel:\n  Image|endswith: '\\cmd.exe'\ncondition: sel\n",
        "sel:\n  CommandLine|cased|contains: 'MiXeD'\ncondition: sel\n",
        "sel:\n  CommandLine|cased|contains: 'İx'\ncondition: sel\n",
        "sel:\n  CommandLine|contains: 'i̇x'\ncondition: sel\n",
        "sel:\n  CommandLine|base64offset|contains: 'http://'\ncondition: sel\n",
        "sel:\n  CommandLine|windash|contains: ' -enc '\ncondition: sel\n",
        "sel:\n  EventData|contains: '4624'\ncondition: sel\n",
        "sel:\n  Flag: 'true'\ncondition: sel\n",
        "sel:\n  Size|startswith: '1.5e'\ncondition: sel\n",
        "sel:\n  Tags|contains: 'evil'\ncondition: sel\n",
        "sel:\n  CommandLine: 'a*bcd?e'\ncondition: sel\n",
        "sel:\n  CommandLine|cased: 'A*BCD?E'\ncondition: sel\n",
        "sel:\n  CommandLine|contains: 'ς'\ncondition: sel\n",
        "keywords:\n  - 'evil'\n  - '4624'\ncondition: keywords\n",
        "sel:\n  CommandLine|re: '(?i)sekurlsa::\\w+'\ncondition: sel\n",
        "sel:\n  CommandLine|re: 'AB\\.c'\ncondition: sel\n",
        "keywords:\n  '|all':\n    - 'cmd'\n    - 'enc'\ncondition: keywords\n",
    };

    private static final Event[] EDGE_EVENTS = {
        event("Image", "C:\\Windows\\System32\\CMD.EXE"),
        event("image", "c:\\x\\cmd.exe"),
        event("IMAGE", "c:\\x\\cmd.ex"),
        event("CommandLine", "xx MiXeD yy"),
        event("CommandLine", "xx mixed yy"),
        event("CommandLine", "İx"),
        event("CommandLine", "İX"),
        event("CommandLine", "aHR0cDovL"),
        event("CommandLine", "AHR0CDOVL"),
        event("CommandLine", "ps /enc x"),
        event("CommandLine", "ps –enc x"),
        event("EventData", 4624L),
        event("EventData", List.of("a", 14624L)),
        event("Flag", true),
        event("Size", 1.5e20),
        event("Tags", List.of(List.of("EVIL"), "x")),
        event("Tags", List.of()),
        event("Tags", null),
        event("CommandLine", "A--BCD!E"),
        event("CommandLine", "a--bcd!e"),
        event("CommandLine", "ΑΣ"),
        event("CommandLine", List.of("x", "ΑΣ b")),
        event("Other", "an EVIL value", "More", 1L),
        event("Other", List.of("x", 4624L)),
        event("Other", 1.4624e10),
        event("A", "cmd", "B", "/enc"),
        event("A", "cmd /enc"),
        event("A", null, "B", List.of()),
        event("CommandLine", "x ſekurlſa::logonpasswords"),
        event("CommandLine", "x SEKURLSA::LOGONPASSWORDS"),
        event("CommandLine", "AB.c"),
        event("CommandLine", "ab.c"),
    };

    @Test
    void indexedPathEqualsPlainLoopOnEdgeEvents() {
        List<RuleSource> sources = new ArrayList<>();
        for (int i = 0; i < EDGE_RULES.length; i++) {
            sources.add(src(i + ".yml", ruleYaml("r" + i, EDGE_RULES[i])));
        }
        LoadResult r = SigmaFixture.load(sources.toArray(new RuleSource[0]));
        assertThat(r.rules().rules()).hasSize(EDGE_RULES.length);
        int fired = 0;
        for (Event e : EDGE_EVENTS) {
            List<CompiledRule> fast = new ArrayList<>();
            List<CompiledRule> plain = new ArrayList<>();
            r.rules().match(e, fast::add);
            r.rules().matchWithoutIndex(e, plain::add);
            assertThat(fast).as("%s", e).isEqualTo(plain);
            fired += plain.size();
        }
        assertThat(fired).as("edge events that fire a rule").isGreaterThan(EDGE_EVENTS.length / 2);
    }

    @Test
    void concurrentMatchingGivesEachThreadTheSameAnswers() throws Exception {
        List<RuleSource> sources = new ArrayList<>();
        for (int i = 0; i < EDGE_RULES.length; i++) {
            sources.add(src(i + ".yml", ruleYaml("r" + i, EDGE_RULES[i])));
        }
        RuleSet rules = SigmaFixture.load(sources.toArray(new RuleSource[0])).rules();
        List<List<CompiledRule>> expected = new ArrayList<>();
        for (Event e : EDGE_EVENTS) {
            List<CompiledRule> plain = new ArrayList<>();
            rules.matchWithoutIndex(e, plain::add);
            expected.add(plain);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int round = 0; round < 2000; round++) {
                        int k = (round + offset * 7) % EDGE_EVENTS.length;
                        List<CompiledRule> fast = new ArrayList<>();
                        rules.match(EDGE_EVENTS[k], fast::add);
                        mismatches += fast.equals(expected.get(k)) ? 0 : 1;
                    }
                    return mismatches;
                }));
            }
            for (java.util.concurrent.Future<Integer> f : results) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdown();
        }
    }
}
