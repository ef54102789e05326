package io.vigil.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.diag.Diagnostic;
import io.vigil.core.event.Event;
import io.vigil.engine.EventStream;
import io.vigil.engine.HuntSummary;
import io.vigil.sigma.LoadResult;
import io.vigil.sigma.RuleSource;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.compile.CompiledRule;
import io.vigil.sigma.compile.Placeholders;
import io.vigil.sigma.logsource.LogSourceMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The 141 SigmaHQ regression cases: each case's rule, run over the case's evtx_dump JSON file, must
 * match at least {@code match_count} times (at least once when absent), as the upstream runner
 * requires. Cases listed in {@code expected-failures.txt} must fail; the build breaks when one of them
 * starts passing, so that the list never goes stale.
 */
class SigmaRegressionCasesTest {
    private static final LogSourceMap WINDOWS = LogSourceMap.windows();
    private static final Map<String, String> results = new LinkedHashMap<>();

    @BeforeAll
    static void reset() {
        results.clear();
    }

    static JsonNode cases() throws IOException {
        return new ObjectMapper()
                .readTree(SharedCorpus.sigma().resolve("cases.json").toFile());
    }

    static Map<String, String> expectedFailures() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = SigmaRegressionCasesTest.class.getResourceAsStream("/expected-failures.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.trim();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int sp = l.indexOf(' ');
                out.put(
                        sp < 0 ? l : l.substring(0, sp),
                        sp < 0 ? "" : l.substring(sp + 1).trim());
            }
        }
        return out;
    }

    @Test
    void manifestHasAllCases() throws IOException {
        assertThat(cases().get("cases")).hasSize(141);
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesFromJson() throws IOException {
        return cases("json");
    }

    /** The same cases read from their native .evtx files with Vigil's own EVTX reader. */
    @TestFactory
    Stream<DynamicTest> everyCaseMatchesFromEvtx() throws IOException {
        return cases("evtx");
    }

    private Stream<DynamicTest> cases(String kind) throws IOException {
        Path sigma = SharedCorpus.sigma();
        Map<String, String> xfail = expectedFailures();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases().get("cases")) {
            String ruleId = c.get("rule_id").asText();
            for (JsonNode t : c.get("tests")) {
                tests.add(DynamicTest.dynamicTest(
                        kind + " " + c.get("rule_path").asText(), () -> {
                            long want = t.get("match_count").isNull()
                                    ? 1
                                    : t.get("match_count").asLong();
                            long got = countMatches(
                                    sigma,
                                    c.get("rule_path").asText(),
                                    ruleId,
                                    sigma.resolve(t.get(kind).asText()));
                            boolean pass = got >= want;
                            results.put(kind + " " + ruleId, pass ? "pass" : "fail");
                            if (xfail.containsKey(ruleId)) {
                                assertThat(pass)
                                        .as(
                                                "%s is listed as an expected failure (%s) but now passes: remove it from the list",
                                                ruleId, xfail.get(ruleId))
                                        .isFalse();
                            } else {
                                assertThat(got)
                                        .as(
                                                "matches of %s on %s",
                                                ruleId, t.get(kind).asText())
                                        .isGreaterThanOrEqualTo(want);
                            }
                        }));
            }
        }
        return tests.stream();
    }

    static long countMatches(Path sigma, String rulePath, String ruleId, Path events) throws IOException {
        String text = Files.readString(sigma.resolve(rulePath), StandardCharsets.UTF_8);
        LoadResult loaded = SigmaRules.load(List.of(new RuleSource(rulePath, text)), Placeholders.NONE, WINDOWS);
        assertThat(loaded.summary().loaded())
                .as("rule %s must load: %s", rulePath, loaded.diagnostics())
                .isEqualTo(1);
        CompiledRule rule = loaded.rules().rules().get(0);
        assertThat(rule.ref().id()).isEqualTo(ruleId);
        List<Diagnostic> problems = new ArrayList<>();
        List<Event> read = new ArrayList<>();
        new EventStream(problems::add, new HuntSummary()).forEach(List.of(events.toString()), read::add);
        assertThat(problems).as("reading %s", events).isEmpty();
        assertThat(read).isNotEmpty();
        return read.stream().filter(rule::matches).count();
    }

    @AfterAll
    static void report() {
        long pass = results.values().stream().filter("pass"::equals).count();
        System.out.printf("Sigma regression cases (JSON and EVTX runs): %d of %d pass%n", pass, results.size());
    }
}
