package io.vigil.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.Event;
import io.vigil.engine.EventStream;
import io.vigil.engine.HuntSummary;
import io.vigil.engine.RuleLoading;
import io.vigil.sigma.LoadResult;
import io.vigil.sigma.compile.CompiledRule;
import io.vigil.sigma.compile.Placeholders;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The indexed fast path ({@link io.vigil.sigma.RuleSet#match}) must report exactly the rules that the
 * plain loop over every rule reports, in the same order, on real events with the whole SigmaHQ tree.
 */
class RuleIndexEquivalenceTest {
    @Test
    void indexEqualsPlainLoopOnOtrfEvents() {
        String sigma = SharedCorpus.sigma().toString();
        LoadResult loaded = RuleLoading.load(
                List.of(sigma + "/rules", sigma + "/rules-emerging-threats", sigma + "/rules-threat-hunting"),
                Placeholders.NONE);
        List<Event> events = new ArrayList<>();
        long[] seen = {0};
        new EventStream(d -> {}, new HuntSummary())
                .forEach(
                        List.of(SharedCorpus.root()
                                .resolve("corpus/json/OTRF-Security-Datasets")
                                .toString()),
                        e -> {
                            // Every 4th event keeps the test fast while covering every recording.
                            if (seen[0]++ % 4 == 0) {
                                events.add(e);
                            }
                        });
        assertThat(events).hasSizeGreaterThan(8000);
        long matches = 0;
        for (Event e : events) {
            List<CompiledRule> fast = new ArrayList<>();
            List<CompiledRule> plain = new ArrayList<>();
            loaded.rules().match(e, fast::add);
            loaded.rules().matchWithoutIndex(e, plain::add);
            assertThat(fast).as("rules matching %s", e.provenance()).isEqualTo(plain);
            matches += fast.size();
        }
        System.out.printf(
                "Rule index equivalence: %d events x %d rules, %d matches, identical%n",
                events.size(), loaded.rules().rules().size(), matches);
        assertThat(matches).isPositive();
    }
}
