package io.vigil.sigma.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.sigma.LoadResult;
import io.vigil.sigma.RuleSource;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.logsource.LogSourceMap;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Engine bugs found by the differential test (vigil-conformance {@code SigmaDifferentialTest}), each
 * pinned by the smallest rule and event that showed it, so that they cannot come back unnoticed.
 */
class RegressionTest {
    private static final LogSourceMap ANY = LogSourceMap.parse("""
            logsources:
              - match: {product: test}
                sources:
                  - channel: "*"
            """);

    private static CompiledRule rule(String detection) {
        String yaml = "title: t\nid: r1\nlevel: high\nlogsource:\n  product: test\ndetection:\n" + detection.indent(2);
        LoadResult r = SigmaRules.load(List.of(new RuleSource("r.yml", yaml)), Placeholders.NONE, ANY);
        assertThat(r.diagnostics()).isEmpty();
        return r.rules().rules().get(0);
    }

    private static Event event(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Event.of(m, Instant.EPOCH, Provenance.line("e.jsonl", 1));
    }

    /** fieldref compared the text of a whole array ("[a, b]") instead of its elements. */
    @Test
    void fieldrefMatchesAnyElementOfAnArrayField() {
        CompiledRule r = rule("sel:\n  SubjectUserName|fieldref: TargetUserName\ncondition: sel\n");
        assertThat(r.matches(event("SubjectUserName", List.of("x", "Bob"), "TargetUserName", "bob")))
                .isTrue();
        assertThat(r.matches(event("SubjectUserName", "bob", "TargetUserName", List.of("alice", "BOB"))))
                .isTrue();
        assertThat(r.matches(event("SubjectUserName", List.of("x", "y"), "TargetUserName", "bob")))
                .isFalse();
    }

    /** fieldref treated JSON null and "" as different, unlike every other string test. */
    @Test
    void fieldrefTreatsJsonNullAsEmptyString() {
        CompiledRule equal = rule("sel:\n  TargetFilename|fieldref: Image\ncondition: sel\n");
        CompiledRule contains = rule("sel:\n  TargetFilename|fieldref|contains: Image\ncondition: sel\n");
        assertThat(equal.matches(event("TargetFilename", null, "Image", ""))).isTrue();
        assertThat(equal.matches(event("TargetFilename", "", "Image", null))).isTrue();
        assertThat(equal.matches(event("TargetFilename", null, "Image", "a"))).isFalse();
        assertThat(contains.matches(event("TargetFilename", "abc", "Image", null)))
                .isTrue();
        assertThat(equal.matches(event("TargetFilename", null))).isFalse();
    }

    /** 0x hex values of 16 digits with the top bit set were read as negative numbers. */
    @Test
    void hexNumbersAreUnsigned() {
        CompiledRule small = rule("sel:\n  ProcessId|lte: 0x20\ncondition: sel\n");
        CompiledRule large = rule("sel:\n  ProcessId|gt: 100\ncondition: sel\n");
        assertThat(small.matches(event("ProcessId", "0xfffffffffffffffe"))).isFalse();
        assertThat(large.matches(event("ProcessId", "0xffffffffffffffff"))).isTrue();
        assertThat(small.matches(event("ProcessId", "0x1f"))).isTrue();
        assertThat(large.matches(event("ProcessId", "0x7fffffffffffffff"))).isTrue();
    }
}
