package io.vigil.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.Event;
import io.vigil.engine.EventStream;
import io.vigil.engine.HuntSummary;
import io.vigil.engine.RuleLoading;
import io.vigil.engine.cache.ParseCache;
import io.vigil.sigma.LoadResult;
import io.vigil.sigma.compile.CompiledRule;
import io.vigil.sigma.compile.Placeholders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over every SigmaHQ rule tree in the corpus, a load from a warm rule cache is the load without it:
 * the same rules in the same order, the same diagnostics (positions included) and counts, the same
 * correlations, and the same detections on every OTRF event.
 */
class RuleCacheConformanceTest {
    @TempDir
    Path cacheDir;

    @Test
    void warmCacheLoadEqualsAFreshLoad() {
        Path sigma = SharedCorpus.sigma();
        List<String> trees = List.of(
                "rules",
                "rules-emerging-threats",
                "rules-threat-hunting",
                "rules-compliance",
                "rules-dfir",
                "rules-placeholder");
        List<String> args = trees.stream().map(t -> sigma.resolve(t).toString()).toList();
        Placeholders ph = new Placeholders(Map.of("Admins_Workstations", List.of("ADMIN01")));
        List<String> warnings = new ArrayList<>();

        LoadResult fresh = RuleLoading.load(args, ph, ParseCache.NONE);
        ParseCache cold = ParseCache.in(cacheDir, warnings::add);
        LoadResult written = RuleLoading.load(args, ph, cold);
        ParseCache warm = ParseCache.in(cacheDir, warnings::add);
        LoadResult read = RuleLoading.load(args, ph, warm);

        assertThat(warnings).isEmpty();
        assertThat(cold.hits()).isZero();
        assertThat(warm.hits()).isEqualTo(fresh.summary().files());
        assertThat(fresh.rules().rules()).hasSizeGreaterThan(3000);
        for (LoadResult cached : List.of(written, read)) {
            assertThat(describe(cached)).isEqualTo(describe(fresh));
            assertThat(cached.diagnostics()).isEqualTo(fresh.diagnostics());
            assertThat(cached.summary()).isEqualTo(fresh.summary());
            assertThat(cached.correlations().specs().size())
                    .isEqualTo(fresh.correlations().specs().size());
        }

        List<Event> events = new ArrayList<>();
        new EventStream(d -> {}, new HuntSummary())
                .forEach(
                        List.of(SharedCorpus.root()
                                .resolve("corpus/json/OTRF-Security-Datasets")
                                .toString()),
                        events::add);
        assertThat(events).hasSizeGreaterThan(30000);
        long matches = 0;
        for (Event e : events) {
            List<Integer> expected = fired(fresh, e);
            assertThat(fired(read, e)).as("rules fired on %s", e).isEqualTo(expected);
            matches += expected.size();
        }
        assertThat(matches).isPositive();
        System.out.printf(
                "Rule cache conformance: %d files, %d rules, %d diagnostics, %d events, %d matches, identical%n",
                fresh.summary().files(),
                fresh.rules().rules().size(),
                fresh.diagnostics().size(),
                events.size(),
                matches);
    }

    private static List<String> describe(LoadResult r) {
        List<String> out = new ArrayList<>();
        for (CompiledRule c : r.rules().rules()) {
            out.add(c.ref() + " " + c.inactiveReason() + " " + c.branches());
        }
        return out;
    }

    private static List<Integer> fired(LoadResult r, Event e) {
        List<CompiledRule> rules = r.rules().rules();
        List<Integer> out = new ArrayList<>();
        r.rules().match(e, c -> out.add(rules.indexOf(c)));
        return out;
    }
}
