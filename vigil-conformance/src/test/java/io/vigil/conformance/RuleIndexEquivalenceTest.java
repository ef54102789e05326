package io.vigil.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.engine.EventStream;
import io.vigil.engine.HuntSummary;
import io.vigil.engine.RuleLoading;
import io.vigil.sigma.LoadResult;
import io.vigil.sigma.RuleSet;
import io.vigil.sigma.compile.CompiledRule;
import io.vigil.sigma.compile.Placeholders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The indexed fast path ({@link RuleSet#match}: log-source buckets, then the literal prefilter) must
 * report exactly the rules that the plain loop over every rule reports, in the same order, with the
 * whole SigmaHQ tree: on every real OTRF event, and on random events aimed at each rule (built from the
 * rule's own values) and mutated so that many rules nearly match.
 */
class RuleIndexEquivalenceTest {
    private static final long SEED = Long.getLong("vigil.differential.seed", 0x5167_4d41L);
    private static LoadResult loaded;

    @BeforeAll
    static void load() {
        String sigma = SharedCorpus.sigma().toString();
        loaded = RuleLoading.load(
                List.of(sigma + "/rules", sigma + "/rules-emerging-threats", sigma + "/rules-threat-hunting"),
                Placeholders.NONE);
        assertThat(loaded.rules().rules()).hasSizeGreaterThan(3000);
    }

    @Test
    void indexEqualsPlainLoopOnOtrfEvents() {
        List<Event> events = new ArrayList<>();
        new EventStream(d -> {}, new HuntSummary())
                .forEach(
                        List.of(SharedCorpus.root()
                                .resolve("corpus/json/OTRF-Security-Datasets")
                                .toString()),
                        events::add);
        assertThat(events).hasSizeGreaterThan(30000);
        long matches = compare(loaded.rules(), events, "OTRF");
        System.out.printf(
                "Rule index equivalence, OTRF: %d events x %d rules, %d matches, identical%n",
                events.size(), loaded.rules().rules().size(), matches);
        assertThat(matches).isPositive();
    }

    @Test
    void indexEqualsPlainLoopOnGeneratedNearMisses() {
        List<SigmaDifferentialRules.Pair> rules = SigmaDifferentialRules.all();
        List<Event> events = new ArrayList<>();
        Random rnd = new Random(SEED);
        for (int i = 0; i < rules.size(); i++) {
            SigmaDifferentialRules.Pair p = rules.get(i);
            if (p.reference().sources().isEmpty()) {
                continue;
            }
            SigmaDifferentialEvents gen = new SigmaDifferentialEvents(SEED + i);
            for (int k = 0; k < 4; k++) {
                Event e = gen.next(p.parsed(), p.reference().sources());
                events.add(e);
                events.add(mutate(e, rnd));
            }
        }
        long matches = compare(loaded.rules(), events, "generated (seed " + SEED + ")");
        System.out.printf(
                "Rule index equivalence, generated: %d events x %d rules, %d matches, identical%n",
                events.size(), loaded.rules().rules().size(), matches);
        assertThat(matches).isGreaterThan(events.size() / 10);
    }

    /** Returns the total number of (event, rule) matches, asserting both paths agree on each event. */
    private static long compare(RuleSet set, List<Event> events, String what) {
        long matches = 0;
        for (int k = 0; k < events.size(); k++) {
            Event e = events.get(k);
            List<CompiledRule> fast = new ArrayList<>();
            List<CompiledRule> plain = new ArrayList<>();
            set.match(e, fast::add);
            set.matchWithoutIndex(e, plain::add);
            assertThat(fast).as("%s event %d: rules matching %s", what, k, e).isEqualTo(plain);
            matches += fast.size();
        }
        return matches;
    }

    /**
     * A near miss of an event: in some fields one character is dropped, replaced or the case flipped,
     * some fields are dropped or renamed in another case, so that required literals break or survive
     * only in folded form.
     */
    static Event mutate(Event e, Random rnd) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
            String name = f.getKey();
            Object v = f.getValue();
            boolean header = name.equals("Channel") || name.equals("EventID") || name.equals("Provider_Name");
            int r = header ? 99 : rnd.nextInt(10);
            if (r == 0) {
                continue;
            }
            if (r == 1) {
                name = name.toUpperCase(Locale.ROOT);
            }
            if (v instanceof String s && !s.isEmpty() && r >= 2 && r <= 5) {
                int at = rnd.nextInt(s.length());
                v = switch (r) {
                    case 2 -> s.substring(0, at) + s.substring(at + 1);
                    case 3 -> s.substring(0, at) + "\u00e9" + s.substring(at + 1);
                    case 4 -> s.toUpperCase(Locale.ROOT);
                    default -> s.substring(0, at) + Character.toUpperCase(s.charAt(at)) + s.substring(at + 1);
                };
            }
            out.put(name, v);
        }
        return Event.of(out, Instant.EPOCH, Provenance.line("mutated", 1));
    }
}
