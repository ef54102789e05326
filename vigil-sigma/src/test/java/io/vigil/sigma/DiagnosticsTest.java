package io.vigil.sigma;

import static io.vigil.sigma.SigmaFixture.errors;
import static io.vigil.sigma.SigmaFixture.event;
import static io.vigil.sigma.SigmaFixture.fired;
import static io.vigil.sigma.SigmaFixture.load;
import static io.vigil.sigma.SigmaFixture.ruleYaml;
import static io.vigil.sigma.SigmaFixture.src;
import static io.vigil.sigma.SigmaFixture.warnings;
import static io.vigil.sigma.SigmaFixture.where;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {
    private static final String GOOD_ONE = ruleYaml("one", "sel: {A: 1}\ncondition: sel\n"); // 8 lines
    private static final String GOOD_THREE = ruleYaml("three", "sel: {A: 1}\ncondition: sel\n");

    private static Diagnostic onlyError(LoadResult r) {
        assertThat(errors(r)).hasSize(1);
        return errors(r).get(0);
    }

    @Test
    void yamlSyntaxErrorHasLineAndColumn() {
        String text = """
                title: broken
                logsource: {product: test
                detection:
                  sel: {A: 1}
                  condition: sel
                """;
        LoadResult r = load(src("y.yml", text));
        Diagnostic d = onlyError(r);
        assertThat(d.code()).isEqualTo("yaml-syntax");
        assertThat(d.severity()).isEqualTo(Severity.ERROR);
        assertThat(where(d)).isEqualTo("y.yml:3:10");
        assertThat(d.message()).doesNotContain("\n");
        assertThat(r.rules().rules()).isEmpty();
        assertThat(r.summary().rejected()).isEqualTo(1);
        assertThat(r.summary().byReason()).isEqualTo(Map.of("yaml-syntax", 1));
    }

    @Test
    void tabIndentationIsAYamlSyntaxError() {
        LoadResult r = load(src("t.yml", "title: x\n\tlogsource: y\n"));
        Diagnostic d = onlyError(r);
        assertThat(d.code()).isEqualTo("yaml-syntax");
        assertThat(where(d)).isEqualTo("t.yml:2:1");
    }

    @Test
    void duplicateKeyInASelection() {
        String text = """
                title: dup
                logsource:
                  product: test
                detection:
                  sel:
                    Image: a
                    Image: b
                  condition: sel
                """;
        Diagnostic d = onlyError(load(src("d.yml", text)));
        assertThat(d.code()).isEqualTo("duplicate-key");
        assertThat(d.message()).contains("Image");
        assertThat(where(d)).isEqualTo("d.yml:7:5");
    }

    @Test
    void duplicateTopLevelKey() {
        String text = GOOD_ONE + "title: again\n";
        Diagnostic d = onlyError(load(src("d.yml", text)));
        assertThat(d.code()).isEqualTo("duplicate-key");
        assertThat(where(d)).isEqualTo("d.yml:9:1");
    }

    @Test
    void missingDetection() {
        String text = "title: no detection\nlogsource:\n  product: test\nlevel: low\n";
        Diagnostic d = onlyError(load(src("m.yml", text)));
        assertThat(d.code()).isEqualTo("missing-detection");
        assertThat(where(d)).isEqualTo("m.yml:1:1");
    }

    @Test
    void missingCondition() {
        String text = """
                title: no condition
                logsource:
                  product: test
                detection:
                  sel:
                    A: 1
                """;
        Diagnostic d = onlyError(load(src("m.yml", text)));
        assertThat(d.code()).isEqualTo("missing-condition");
        assertThat(where(d)).isEqualTo("m.yml:5:3");
    }

    @Test
    void missingTitleAndLogsource() {
        LoadResult r = load(
                src("a.yml", "logsource: {product: test}\ndetection: {sel: {A: 1}, condition: sel}\n"),
                src("b.yml", "title: x\ndetection: {sel: {A: 1}, condition: sel}\n"));
        assertThat(errors(r)).extracting(Diagnostic::code).containsExactly("missing-title", "missing-logsource");
        assertThat(errors(r)).extracting(SigmaFixture::where).containsExactly("a.yml:1:1", "b.yml:1:1");
        assertThat(r.summary().byReason()).isEqualTo(Map.of("missing-title", 1, "missing-logsource", 1));
    }

    @Test
    void threeDocumentsWithABrokenMiddleOne() {
        String broken = "title: two\nlogsource:\n  product: test\nlevel: high\n"; // no detection
        LoadResult r = load(src("m.yml", GOOD_ONE + "---\n" + broken + "---\n" + GOOD_THREE));
        Diagnostic d = onlyError(r);
        assertThat(d.code()).isEqualTo("missing-detection");
        assertThat(where(d)).isEqualTo("m.yml:10:1");
        assertThat(r.rules().rules()).extracting(c -> c.ref().id()).containsExactly("one", "three");
        assertThat(r.summary().files()).isEqualTo(1);
        assertThat(r.summary().rules()).isEqualTo(3);
        assertThat(r.summary().loaded()).isEqualTo(2);
        assertThat(r.summary().rejected()).isEqualTo(1);
    }

    @Test
    void yamlSyntaxErrorInTheMiddleDocumentKeepsTheOthers() {
        String broken = "title: two\nlogsource: {product: test\ndetection:\n  sel: {A: 1}\n  condition: sel\n";
        String third = """
                title: three
                id: three
                logsource:
                  product: test
                detection:
                  sel:
                    A|nope: 1
                  condition: sel
                """;
        LoadResult r = load(src("m.yml", GOOD_ONE + "---\n" + broken + "---\n" + GOOD_THREE + "---\n" + third));
        assertThat(errors(r)).extracting(Diagnostic::code).containsExactly("yaml-syntax", "unknown-modifier");
        // Lines: one 1-8, '---' 9, broken 10-14, '---' 15, three 16-23, '---' 24, third 25-.
        assertThat(errors(r)).extracting(SigmaFixture::where).containsExactly("m.yml:12:10", "m.yml:31:5");
        assertThat(r.rules().rules()).extracting(c -> c.ref().id()).containsExactly("one", "three");
        assertThat(r.summary().rules()).isEqualTo(4);
        assertThat(r.summary().loaded()).isEqualTo(2);
        assertThat(r.summary().rejected()).isEqualTo(2);
        assertThat(r.summary().byReason()).isEqualTo(Map.of("yaml-syntax", 1, "unknown-modifier", 1));
        assertThat(fired(r, event("A", 1L))).containsExactly("one", "three");
    }

    @Test
    void unterminatedQuoteInTheMiddleDocument() {
        String broken = "title: 'unterminated\nlogsource: {product: test}\n";
        LoadResult r = load(src("q.yml", GOOD_ONE + "---\n" + broken + "---\n" + GOOD_THREE));
        assertThat(onlyError(r).code()).isEqualTo("yaml-syntax");
        assertThat(r.rules().rules()).extracting(c -> c.ref().id()).containsExactly("one", "three");
    }

    @Test
    void yamlErrorInTheLastDocument() {
        LoadResult r = load(src("l.yml", GOOD_ONE + "---\ntitle: [x\n"));
        assertThat(onlyError(r).code()).isEqualTo("yaml-syntax");
        assertThat(r.rules().rules()).extracting(c -> c.ref().id()).containsExactly("one");
    }

    @Test
    void unknownLevelWarnsAndUsesMedium() {
        String text = GOOD_ONE.replace("level: high", "level: severe");
        LoadResult r = load(src("l.yml", text));
        assertThat(errors(r)).isEmpty();
        assertThat(warnings(r)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("unknown-level");
            assertThat(d.message()).contains("severe");
            assertThat(where(d)).isEqualTo("l.yml:8:8");
            assertThat(d.subject()).isEqualTo("one");
        });
        assertThat(r.rules().rules())
                .singleElement()
                .satisfies(c -> assertThat(c.ref().level()).isEqualTo(Level.MEDIUM));
        assertThat(r.summary().loaded()).isEqualTo(1);
        assertThat(r.summary().rejected()).isZero();
        assertThat(r.summary().byReason()).isEmpty();
    }

    @Test
    void missingLevelWarnsThatTheLevelIsMissing() {
        String text = GOOD_ONE.replace("level: high\n", "");
        LoadResult r = load(src("l.yml", text));
        assertThat(errors(r)).isEmpty();
        assertThat(warnings(r)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("unknown-level");
            assertThat(d.message()).doesNotContain("null").contains("no level").contains("medium");
            assertThat(where(d)).isEqualTo("l.yml:1:1");
        });
        assertThat(r.rules().rules().get(0).ref().level()).isEqualTo(Level.MEDIUM);
    }

    @Test
    void knownLevelsAreCaseInsensitive() {
        LoadResult r = load(
                src("a.yml", ruleYaml("a", "s: {A: 1}\ncondition: s\n").replace("level: high", "level: Critical")),
                src(
                        "b.yml",
                        ruleYaml("b", "s: {A: 1}\ncondition: s\n").replace("level: high", "level: informational")));
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.rules().rules())
                .extracting(c -> c.ref().level())
                .containsExactly(Level.CRITICAL, Level.INFORMATIONAL);
    }

    @Test
    void ruleMetadataIsCarried() {
        String text = """
                title: Whoami Execution
                id: 0b1f5a9e-0000-4000-8000-000000000001
                status: test
                author:
                  - Alice
                  - Bob
                tags:
                  - attack.discovery
                  - attack.t1033
                logsource:
                  product: test
                detection:
                  sel: {Image|endswith: '\\whoami.exe'}
                  condition: sel
                level: low
                """;
        LoadResult r = load(src("rules/whoami.yml", text));
        assertThat(r.diagnostics()).isEmpty();
        RuleRef ref = r.rules().rules().get(0).ref();
        assertThat(ref)
                .isEqualTo(new RuleRef(
                        "0b1f5a9e-0000-4000-8000-000000000001",
                        "Whoami Execution",
                        Level.LOW,
                        "test",
                        "Alice, Bob",
                        List.of("attack.discovery", "attack.t1033"),
                        "rules/whoami.yml"));
    }

    @Test
    void summaryCountsFilesRulesLoadedRejectedAndReasons() {
        String twoBadModifiers = ruleYaml("m1", "s: {A|zz: 1}\ncondition: s\n") + "---\n"
                + ruleYaml("m2", "s: {A|yy: 1}\ncondition: s\n");
        String correlation = """
                title: many failures
                id: corr
                correlation:
                  type: event_count
                  rules: [one]
                  group-by: [User]
                  timespan: 5m
                  condition: {gte: 10}
                """;
        String filter = """
                title: f
                logsource: {product: test}
                filter:
                  rules: [one]
                  s: {B: 1}
                  condition: s
                """;
        LoadResult r = load(
                src("good.yml", GOOD_ONE + "---\n" + GOOD_THREE),
                src("mods.yml", twoBadModifiers),
                src("corr.yml", correlation),
                src("filter.yml", filter),
                src("cond.yml", ruleYaml("c", "s: {A: 1}\ncondition: s and\n")),
                src("yaml.yml", "title: [\n"));
        assertThat(r.summary().files()).isEqualTo(6);
        // The valid correlation over rule 'one' counts as a loaded rule.
        assertThat(r.summary().loaded()).isEqualTo(3);
        assertThat(r.summary().rejected()).isEqualTo(4);
        assertThat(r.summary().rules()).isEqualTo(7);
        assertThat(r.summary().byReason())
                .isEqualTo(Map.of(
                        "unknown-modifier", 2,
                        "condition-syntax", 1,
                        "yaml-syntax", 1));
        assertThat(r.summary().inactive()).isEmpty();
        assertThat(errors(r)).hasSize(4);
        assertThat(r.correlations().specs())
                .singleElement()
                .satisfies(c -> assertThat(c.id()).isEqualTo("corr"));
        assertThat(fired(r, event("A", 1L))).containsExactly("one", "three");
        assertThat(fired(r, event("A", 1L, "B", 1L))).containsExactly("three");
    }

    @Test
    void duplicateIdWarns() {
        LoadResult r = load(src("a.yml", GOOD_ONE), src("b.yml", GOOD_ONE));
        assertThat(errors(r)).isEmpty();
        assertThat(warnings(r)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("duplicate-id");
            assertThat(d.message()).contains("a.yml");
            assertThat(d.location().path()).isEqualTo("b.yml");
        });
        assertThat(r.summary().loaded()).isEqualTo(2);
    }

    @Test
    void sigmaV1TimeframeIsRejected() {
        LoadResult r = load(src("t.yml", ruleYaml("t", "s: {A: 1}\ntimeframe: 5m\ncondition: s\n")));
        Diagnostic d = onlyError(r);
        assertThat(d.code()).isEqualTo("unsupported-timeframe");
        assertThat(where(d)).isEqualTo("t.yml:7:3");
    }

    @Test
    void searchMixingMapsAndValuesIsRejected() {
        LoadResult r = load(src("x.yml", ruleYaml("x", "s:\n  - A: 1\n  - 'kw'\ncondition: s\n")));
        Diagnostic d = onlyError(r);
        assertThat(d.code()).isEqualTo("mixed-search");
        assertThat(where(d)).isEqualTo("x.yml:7:5");
    }

    @Test
    void nestedMapAsValueIsRejected() {
        LoadResult r = load(src("x.yml", ruleYaml("x", "s:\n  A:\n    B: 1\ncondition: s\n")));
        Diagnostic d = onlyError(r);
        assertThat(d.code()).isEqualTo("wrong-type");
        assertThat(where(d)).isEqualTo("x.yml:8:7");
    }

    @Test
    void emptyValueListIsRejected() {
        LoadResult r = load(src("x.yml", ruleYaml("x", "s:\n  A: []\ncondition: s\n")));
        Diagnostic d = onlyError(r);
        assertThat(d.code()).isEqualTo("empty-values");
        assertThat(where(d)).isEqualTo("x.yml:7:5");
    }

    @Test
    void emptyDocumentsAreIgnored() {
        LoadResult r = load(src("e.yml", "---\n" + GOOD_ONE + "---\n"), src("empty.yml", ""));
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.summary().files()).isEqualTo(2);
        assertThat(r.summary().rules()).isEqualTo(1);
        assertThat(r.summary().loaded()).isEqualTo(1);
    }

    @Test
    void crlfLineEndingsKeepLocations() {
        String text = ruleYaml("x", "s:\n  A|bad: 1\ncondition: s\n").replace("\n", "\r\n");
        Diagnostic d = onlyError(load(src("w.yml", text)));
        assertThat(d.code()).isEqualTo("unknown-modifier");
        assertThat(where(d)).isEqualTo("w.yml:7:5");
        String broken = "title: two\r\nlogsource: {product: test\r\ndetection: x\r\n";
        LoadResult r = load(src(
                "w.yml",
                GOOD_ONE.replace("\n", "\r\n") + "---\r\n" + broken + "---\r\n" + GOOD_THREE.replace("\n", "\r\n")));
        assertThat(onlyError(r).code()).isEqualTo("yaml-syntax");
        assertThat(where(onlyError(r))).isEqualTo("w.yml:12:10");
        assertThat(r.rules().rules()).extracting(c -> c.ref().id()).containsExactly("one", "three");
    }
}
