package io.vigil.sigma;

import static io.vigil.sigma.SigmaFixture.errors;
import static io.vigil.sigma.SigmaFixture.load;
import static io.vigil.sigma.SigmaFixture.src;
import static io.vigil.sigma.SigmaFixture.warnings;
import static io.vigil.sigma.SigmaFixture.where;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.detect.Level;
import io.vigil.core.diag.Diagnostic;
import io.vigil.correlate.CorrelationCondition;
import io.vigil.correlate.CorrelationSpec;
import io.vigil.correlate.CorrelationType;
import io.vigil.correlate.Relation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Correlation documents: parsing, reference resolution, and every error with file:line:column. */
class CorrelationLoadTest {
    /** Two plain rules, 'login_failed' (id f1) and 'login_ok' (id s1), 14 lines. */
    private static final String BASE = """
            title: failed
            id: f1
            name: login_failed
            logsource: {product: test}
            detection: {sel: {EventID: 4625}, condition: sel}
            level: low
            ---
            title: ok
            id: s1
            name: login_ok
            logsource: {product: test}
            detection: {sel: {EventID: 4624}, condition: sel}
            level: medium
            """;

    private static LoadResult loadCorrelation(String correlation) {
        return load(src("base.yml", BASE), src("corr.yml", correlation));
    }

    private static Diagnostic onlyError(LoadResult r) {
        assertThat(errors(r)).hasSize(1);
        assertThat(r.correlations().specs()).isEmpty();
        assertThat(r.summary().rejected()).isEqualTo(1);
        assertThat(r.summary().loaded()).isEqualTo(2);
        return errors(r).get(0);
    }

    private static CorrelationSpec onlySpec(LoadResult r) {
        assertThat(errors(r)).isEmpty();
        assertThat(r.correlations().specs()).hasSize(1);
        return r.correlations().specs().get(0);
    }

    @Test
    void aValidCorrelationIsResolvedAndCountedAsLoaded() {
        LoadResult r = loadCorrelation("""
                title: brute
                id: c1
                status: test
                author: me
                tags: [attack.t1110]
                correlation:
                  type: event_count
                  rules: [login_failed]
                  group-by: [IpAddress, TargetUserName]
                  timespan: 5m
                  condition: {gte: 10}
                level: high
                """);
        CorrelationSpec s = onlySpec(r);
        assertThat(warnings(r)).isEmpty();
        assertThat(s.type()).isEqualTo(CorrelationType.EVENT_COUNT);
        assertThat(s.rules()).containsExactly(r.rules().rules().get(0).ref());
        assertThat(s.groupBy()).containsExactly("IpAddress", "TargetUserName");
        assertThat(s.timespan().duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.condition().comparisons()).singleElement().satisfies(c -> {
            assertThat(c.relation()).isEqualTo(Relation.GTE);
            assertThat(c.value()).isEqualTo(10);
        });
        assertThat(s.level()).isEqualTo(Level.HIGH);
        assertThat(s.ref().path()).isEqualTo("corr.yml");
        assertThat(s.ref().tags()).containsExactly("attack.t1110");
        assertThat(s.generate()).isFalse();
        assertThat(r.summary().loaded()).isEqualTo(3);
        assertThat(r.summary().rules()).isEqualTo(3);
        assertThat(r.correlations().emitsOwnDetections(r.rules().rules().get(0).ref()))
                .isFalse();
        assertThat(r.correlations().emitsOwnDetections(r.rules().rules().get(1).ref()))
                .isTrue();
    }

    @Test
    void referencesByIdOrNameAndGroupByAsOneString() {
        CorrelationSpec s = onlySpec(loadCorrelation("""
                title: t
                correlation:
                  type: temporal_ordered
                  rules: [f1, login_ok]
                  group-by: User
                  timespan: 10m
                """));
        assertThat(s.rules().stream().map(x -> x.id())).containsExactly("f1", "s1");
        assertThat(s.groupBy()).containsExactly("User");
        assertThat(s.condition()).isEqualTo(CorrelationCondition.atLeast(2));
        // No level of its own: the highest level of its rules.
        assertThat(s.level()).isEqualTo(Level.MEDIUM);
    }

    @Test
    void unknownTypeIsReportedAtItsValue() {
        Diagnostic d = onlyError(loadCorrelation("""
                title: t
                correlation:
                  type: event_counter
                  rules: [f1]
                  timespan: 5m
                  condition: {gte: 1}
                """));
        assertThat(d.code()).isEqualTo("unknown-correlation-type");
        assertThat(where(d)).isEqualTo("corr.yml:3:9");
        assertThat(d.message()).contains("event_count, value_count, temporal, temporal_ordered, value_sum");
        assertThat(loadCorrelation("title: t\ncorrelation: {rules: [f1], timespan: 5m}\n")
                        .diagnostics())
                .extracting(Diagnostic::code)
                .contains("missing-correlation-type");
    }

    @Test
    void badTimespansAreReportedAtTheirValue() {
        for (String bad : new String[] {"5", "5 m", "1H", "0s", "1h30m", "'-5m'", "[5m]"}) {
            Diagnostic d = onlyError(loadCorrelation("""
                    title: t
                    correlation:
                      type: event_count
                      rules: [f1]
                      timespan: %s
                      condition: {gte: 1}
                    """.formatted(bad)));
            assertThat(d.code()).as(bad).isIn("bad-timespan", "wrong-type");
            assertThat(where(d)).as(bad).isEqualTo("corr.yml:5:13");
        }
        assertThat(onlyError(loadCorrelation("title: t\ncorrelation: {type: temporal, rules: [f1]}\n"))
                        .code())
                .isEqualTo("missing-timespan");
    }

    @Test
    void extendedTimespanUnitsLoad() {
        CorrelationSpec s = onlySpec(loadCorrelation("""
                title: t
                correlation: {type: event_count, rules: [f1], timespan: 2w, condition: {gte: 1}}
                """));
        assertThat(s.timespan().duration()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void unknownReferenceIsReportedAtTheReference() {
        Diagnostic d = onlyError(loadCorrelation("""
                title: t
                correlation:
                  type: temporal
                  rules:
                    - f1
                    - nope
                  timespan: 5m
                """));
        assertThat(d.code()).isEqualTo("unknown-rule-reference");
        assertThat(where(d)).isEqualTo("corr.yml:6:7");
        assertThat(d.message()).contains("'nope'");
    }

    @Test
    void badConditionsAreReportedAtTheOffendingPart() {
        String template = """
                title: t
                correlation:
                  type: event_count
                  rules: [f1]
                  timespan: 5m
                  condition: %s
                """;
        Map<String, String> cases = Map.of(
                "{gte: ten}", "corr.yml:6:20",
                "{gte: 1, above: 2}", "corr.yml:6:23",
                "{field: x}", "corr.yml:6:14",
                "'f1 and not s1'", "corr.yml:6:14",
                "[gte, 1]", "corr.yml:6:14");
        cases.forEach((cond, at) -> {
            Diagnostic d = onlyError(loadCorrelation(template.formatted(cond)));
            assertThat(d.code()).as(cond).isEqualTo("bad-correlation-condition");
            assertThat(where(d)).as(cond).isEqualTo(at);
        });
        assertThat(onlyError(loadCorrelation("title: t\ncorrelation: {type: event_count, rules: [f1], timespan: 5m}\n"))
                        .code())
                .isEqualTo("missing-correlation-condition");
    }

    @Test
    void rangesAndNeqLoad() {
        CorrelationSpec s = onlySpec(loadCorrelation("""
                title: t
                correlation:
                  type: event_count
                  rules: [f1]
                  timespan: 1h
                  condition: {gt: 100, lte: 200, neq: 150}
                """));
        assertThat(s.condition().test(101)).isTrue();
        assertThat(s.condition().test(150)).isFalse();
        assertThat(s.condition().test(201)).isFalse();
    }

    @Test
    void valueTypesNeedAField() {
        Diagnostic d = onlyError(loadCorrelation("""
                title: t
                correlation:
                  type: value_count
                  rules: [f1]
                  timespan: 1h
                  condition: {gte: 3}
                """));
        assertThat(d.code()).isEqualTo("missing-correlation-field");
        assertThat(where(d)).isEqualTo("corr.yml:6:14");
        Diagnostic two = onlyError(loadCorrelation("""
                title: t
                correlation:
                  type: value_sum
                  rules: [f1]
                  timespan: 1h
                  condition: {gte: 3, field: [a, b]}
                """));
        assertThat(two.code()).isEqualTo("bad-correlation-field");
        CorrelationSpec pairs = onlySpec(loadCorrelation("""
                title: t
                correlation:
                  type: value_count
                  rules: [f1]
                  timespan: 1h
                  condition: {gte: 3, field: [a, b]}
                """));
        assertThat(pairs.fields()).containsExactly("a", "b");
    }

    @Test
    void percentileDefaultsToTheMedianWithAWarning() {
        LoadResult r = loadCorrelation("""
                title: t
                correlation:
                  type: value_percentile
                  rules: [f1]
                  timespan: 24h
                  condition: {field: image, lte: 1}
                """);
        assertThat(onlySpec(r).condition().percentile()).isEqualTo(50);
        assertThat(warnings(r)).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("default-percentile");
            assertThat(where(w)).isEqualTo("corr.yml:6:14");
        });
        CorrelationSpec p95 = onlySpec(loadCorrelation("""
                title: t
                correlation:
                  type: value_percentile
                  rules: [f1]
                  timespan: 24h
                  condition: {field: Latency, percentile: 95, gte: 500}
                """));
        assertThat(p95.condition().percentile()).isEqualTo(95);
    }

    @Test
    void cyclesRejectEveryCorrelationOnThemAtTheReference() {
        LoadResult r = load(src("base.yml", BASE), src("cycle.yml", """
                title: a
                name: corr_a
                correlation: {type: temporal, rules: [corr_b, f1], timespan: 5m}
                ---
                title: b
                name: corr_b
                correlation:
                  type: temporal
                  rules:
                    - corr_a
                  timespan: 5m
                ---
                title: self
                name: corr_self
                correlation: {type: event_count, rules: [corr_self], timespan: 5m, condition: {gte: 1}}
                ---
                title: downstream
                correlation: {type: event_count, rules: [corr_a], timespan: 5m, condition: {gte: 1}}
                """));
        assertThat(r.correlations().specs()).isEmpty();
        List<Diagnostic> e = errors(r);
        assertThat(e)
                .extracting(Diagnostic::code)
                .containsExactlyInAnyOrder(
                        "correlation-cycle", "correlation-cycle", "correlation-cycle", "rejected-rule-reference");
        assertThat(e)
                .filteredOn(d -> d.message().contains("'corr_a' -> 'corr_b' -> 'corr_a'"))
                .singleElement()
                .satisfies(d -> assertThat(where(d)).isEqualTo("cycle.yml:3:39"));
        assertThat(e)
                .filteredOn(d -> d.message().contains("'corr_b' -> 'corr_a' -> 'corr_b'"))
                .singleElement()
                .satisfies(d -> assertThat(where(d)).isEqualTo("cycle.yml:10:7"));
        assertThat(e)
                .filteredOn(d -> d.message().contains("'corr_self' -> 'corr_self'"))
                .singleElement()
                .satisfies(d -> assertThat(where(d)).isEqualTo("cycle.yml:15:42"));
        assertThat(r.summary().byReason()).isEqualTo(Map.of("correlation-cycle", 3, "rejected-rule-reference", 1));
        assertThat(r.summary().rejected()).isEqualTo(4);
    }

    @Test
    void referencesToRejectedRulesSayWhy() {
        LoadResult r = load(src("bad.yml", """
                title: broken
                name: broken_rule
                logsource: {product: test}
                detection: {sel: {A|nosuchmodifier: 1}, condition: sel}
                """), src("corr.yml", """
                title: t
                correlation: {type: event_count, rules: [broken_rule], timespan: 5m, condition: {gte: 1}}
                """));
        assertThat(errors(r))
                .extracting(Diagnostic::code)
                .containsExactly("unknown-modifier", "rejected-rule-reference");
        assertThat(where(errors(r).get(1))).isEqualTo("corr.yml:2:42");
        assertThat(errors(r).get(1).message()).contains("bad.yml:1:1");
    }

    @Test
    void namesInTheCorrelationsOwnFileWinElseAmbiguityIsAnError() {
        String local = """
                title: local failed
                id: local-f
                name: login_failed
                logsource: {product: test}
                detection: {sel: {EventID: 529}, condition: sel}
                level: low
                ---
                title: t
                correlation: {type: event_count, rules: [login_failed], timespan: 5m, condition: {gte: 1}}
                """;
        LoadResult r = load(src("base.yml", BASE), src("local.yml", local));
        assertThat(onlySpec(r).rules().get(0).id()).isEqualTo("local-f");
        LoadResult amb = load(
                src("base.yml", BASE),
                src("other.yml", local.substring(0, local.indexOf("---"))),
                src("corr.yml", "title: t\ncorrelation: {type: temporal, rules: [login_failed], timespan: 5m}\n"));
        Diagnostic d = errors(amb).get(0);
        assertThat(d.code()).isEqualTo("ambiguous-rule-reference");
        assertThat(d.message()).contains("base.yml:1:1").contains("other.yml:1:1");
    }

    @Test
    void duplicateReferencesAreErrors() {
        assertThat(onlyError(loadCorrelation(
                                "title: t\ncorrelation: {type: temporal, rules: [f1, f1], timespan: 5m}\n"))
                        .code())
                .isEqualTo("duplicate-rule-reference");
        // the same rule by id and by name
        Diagnostic d = onlyError(
                loadCorrelation("title: t\ncorrelation: {type: temporal, rules: [f1, login_failed], timespan: 5m}\n"));
        assertThat(d.code()).isEqualTo("duplicate-rule-reference");
        assertThat(where(d)).isEqualTo("corr.yml:2:43");
    }

    @Test
    void generateIsReadInsideOrBesideTheCorrelation() {
        String inside = "title: t\ncorrelation: {type: temporal, rules: [f1], timespan: 5m, generate: true}\n";
        String outside = "title: t\ngenerate: true\ncorrelation: {type: temporal, rules: [f1], timespan: 5m}\n";
        for (String text : List.of(inside, outside)) {
            LoadResult r = loadCorrelation(text);
            assertThat(onlySpec(r).generate()).isTrue();
            assertThat(r.correlations()
                            .emitsOwnDetections(r.rules().rules().get(0).ref()))
                    .isTrue();
        }
        Diagnostic d = onlyError(
                loadCorrelation(
                        "title: t\ngenerate: false\ncorrelation: {type: temporal, rules: [f1], timespan: 5m, generate: true}\n"));
        assertThat(d.code()).isEqualTo("conflicting-generate");
        assertThat(onlyError(
                                loadCorrelation(
                                        "title: t\ncorrelation: {type: temporal, rules: [f1], timespan: 5m, generate: 'yes'}\n"))
                        .code())
                .isEqualTo("wrong-type");
    }

    @Test
    void aliasesResolveToTheCorrelationsRules() {
        LoadResult r = loadCorrelation("""
                title: t
                correlation:
                  type: temporal
                  rules: [login_failed, login_ok]
                  group-by: [user]
                  timespan: 5m
                  aliases:
                    user:
                      login_failed: TargetUserName
                      s1: SubjectUserName
                """);
        CorrelationSpec s = onlySpec(r);
        assertThat(warnings(r)).isEmpty();
        assertThat(s.fieldFor("user", s.rules().get(0))).isEqualTo("TargetUserName");
        assertThat(s.fieldFor("user", s.rules().get(1))).isEqualTo("SubjectUserName");
        Diagnostic d = onlyError(loadCorrelation("""
                title: t
                correlation:
                  type: temporal
                  rules: [login_failed]
                  group-by: [user]
                  timespan: 5m
                  aliases:
                    user:
                      login_ok: SubjectUserName
                """));
        assertThat(d.code()).isEqualTo("unknown-rule-reference");
        assertThat(where(d)).isEqualTo("corr.yml:9:7");
        LoadResult partial = loadCorrelation("""
                title: t
                correlation:
                  type: temporal
                  rules: [login_failed, login_ok]
                  group-by: [user]
                  timespan: 5m
                  aliases:
                    user:
                      login_failed: TargetUserName
                    unused:
                      login_ok: X
                """);
        assertThat(warnings(partial)).extracting(Diagnostic::code).containsExactly("incomplete-alias", "unused-alias");
    }

    @Test
    void oddButUsableInputIsAWarning() {
        LoadResult r = loadCorrelation("""
                title: t
                correlation:
                  type: event_count
                  rules: [f1]
                  groupby: [User]
                  timespan: 5m
                  condition: {gte: 2, field: User, percentile: 5}
                level: severe
                """);
        CorrelationSpec s = onlySpec(r);
        assertThat(s.fields()).isEmpty();
        assertThat(s.level()).isEqualTo(Level.LOW);
        assertThat(warnings(r))
                .extracting(d -> d.code() + "@" + where(d))
                .containsExactly(
                        "unknown-correlation-key@corr.yml:5:3",
                        "ignored-correlation-option@corr.yml:7:23",
                        "ignored-correlation-option@corr.yml:7:36",
                        "unknown-level@corr.yml:8:8");
        LoadResult never = loadCorrelation(
                "title: t\ncorrelation: {type: temporal, rules: [f1, s1], timespan: 5m, condition: {gte: 3}}\n");
        assertThat(warnings(never)).extracting(Diagnostic::code).containsExactly("unsatisfiable-condition");
    }

    @Test
    void chainedCorrelationsExposeOnlyTheirGroupBy() {
        LoadResult r = loadCorrelation("""
                title: inner
                name: many
                correlation: {type: event_count, rules: [f1], group-by: [User], timespan: 5m, condition: {gte: 3}}
                ---
                title: outer
                correlation: {type: temporal_ordered, rules: [many, s1], group-by: [User, Computer], timespan: 5m}
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(r.correlations().specs()).extracting(CorrelationSpec::title).containsExactly("inner", "outer");
        assertThat(warnings(r)).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("chained-field-missing");
            assertThat(w.message()).contains("'Computer'");
            assertThat(where(w)).isEqualTo("corr.yml:6:47");
        });
    }

    @Test
    void wrongShapesAreErrorsNotCrashes() {
        String[] bad = {
            "title: t\ncorrelation: [event_count]\n",
            "title: t\ncorrelation: {type: temporal, rules: {a: b}, timespan: 5m}\n",
            "title: t\ncorrelation: {type: temporal, rules: [], timespan: 5m}\n",
            "title: t\ncorrelation: {type: temporal, rules: [f1], timespan: 5m, group-by: {a: b}}\n",
            "title: t\ncorrelation: {type: temporal, rules: [f1], timespan: 5m, group-by: [a, a]}\n",
            "title: t\ncorrelation: {type: temporal, rules: [f1], timespan: 5m, aliases: [a]}\n",
            "title: t\ncorrelation: {type: temporal, rules: [f1], timespan: 5m, aliases: {a: b}}\n",
            "correlation: {type: temporal, rules: [f1], timespan: 5m}\n",
            "title: t\ncorrelation: {type: event_count, rules: [f1], timespan: 5m, condition: {gte: 1, percentile: 101}}\n",
        };
        for (String text : bad) {
            LoadResult r = loadCorrelation(text);
            assertThat(errors(r)).as(text).hasSize(1);
            assertThat(where(errors(r).get(0))).as(text).startsWith("corr.yml:");
            assertThat(r.correlations().specs()).as(text).isEmpty();
        }
    }

    @Test
    void loadResultKeepsItsOlderConstructor() {
        LoadResult r = loadCorrelation("title: t\ncorrelation: {type: temporal, rules: [f1], timespan: 5m}\n");
        LoadResult plain = new LoadResult(r.rules(), r.diagnostics(), r.summary());
        assertThat(plain.correlations().isEmpty()).isTrue();
        assertThat(r.with(List.of(), r.summary()).correlations()).isSameAs(r.correlations());
    }
}
