package io.vigil.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.Severity;
import io.vigil.engine.PlaceholderFile;
import io.vigil.engine.RuleLoading;
import io.vigil.sigma.LoadResult;
import io.vigil.sigma.compile.CompiledRule;
import io.vigil.sigma.compile.Placeholders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The whole SigmaHQ tree must load: at least 99.5% of the rules, and every rejection must name a real
 * limitation (not a parser bug), with a file:line:column location.
 */
class SigmaHqLoadTest {
    /** Reasons that describe the rule's needs, not a defect of Vigil. */
    private static final Set<String> REAL_LIMITATIONS = Set.of("unresolved-placeholder", "unsupported-regex");

    @Test
    void mainTreesLoad() {
        Path sigma = SharedCorpus.sigma();
        List<String> trees =
                List.of("rules", "rules-emerging-threats", "rules-threat-hunting", "rules-compliance").stream()
                        .map(t -> sigma.resolve(t).toString())
                        .toList();
        LoadResult r = RuleLoading.load(trees, Placeholders.NONE);
        System.out.println("SigmaHQ load: " + r.summary());
        assertThat(r.summary().rules()).isEqualTo(3757);
        assertThat((double) r.summary().loaded() / r.summary().rules()).isGreaterThanOrEqualTo(0.995);
        assertThat(r.summary().byReason().keySet()).isSubsetOf(REAL_LIMITATIONS);
        for (Diagnostic d : r.diagnostics()) {
            if (d.severity() == Severity.ERROR) {
                assertThat(d.location().line()).as("%s", d).isPositive();
                assertThat(d.location().column()).as("%s", d).isPositive();
            }
        }
        // Windows rules must all have an event source, except the two categories that only exist as
        // kernel ETW telemetry (no event log channel records them): an unmapped Windows logsource is a gap.
        assertThat(r.rules().rules().stream()
                        .filter(c ->
                                c.inactiveReason() != null && c.inactiveReason().contains("product=windows"))
                        .map(CompiledRule::inactiveReason)
                        .filter(reason ->
                                !reason.contains("category=file_access") && !reason.contains("category=file_rename"))
                        .toList())
                .isEmpty();
    }

    @Test
    void placeholderRulesLoadWithValues() throws IOException {
        Path sigma = SharedCorpus.sigma();
        Path values = Path.of("src/test/resources/placeholders.yml");
        LoadResult without =
                RuleLoading.load(List.of(sigma.resolve("rules-placeholder").toString()), Placeholders.NONE);
        assertThat(without.summary().byReason()).containsKey("unresolved-placeholder");
        LoadResult with =
                RuleLoading.load(List.of(sigma.resolve("rules-placeholder").toString()), PlaceholderFile.read(values));
        assertThat(with.summary().rules()).isEqualTo(23);
        assertThat(with.summary().loaded()).as("%s", with.diagnostics()).isEqualTo(23);
    }
}
