package io.vigil.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.Event;
import io.vigil.sigma.compile.Branch;
import io.vigil.sigma.logsource.SourceMapping;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the Sigma engine: for the SigmaHQ Windows rules, the compiled matcher trees
 * (with their literal/prefix/glob shortcuts) must decide exactly as {@link ReferenceEvaluator}, a
 * plain interpretation of the parsed rule. Runs on random events aimed at each rule and on a pool of
 * real OTRF events. Seeded: every failure names the seed that reproduces it.
 */
class SigmaDifferentialTest {
    /** Override with -Dvigil.differential.seed=... to reproduce or explore. */
    private static final long SEED = Long.getLong("vigil.differential.seed", 0x5167_4d41L);

    private static final int EVENTS_PER_RULE = Integer.getInteger("vigil.differential.events", 6);
    private static final int POOL_SIZE = 300;
    private static final int MAX_REPORTED = 30;

    @Test
    void generatedEventsAgree() {
        List<SigmaDifferentialRules.Pair> rules = SigmaDifferentialRules.all();
        assertThat(rules.size())
                .as("rules on both sides")
                .isGreaterThanOrEqualTo(SigmaDifferentialRules.windowsFiles * 9 / 10);
        List<String> mismatches = new ArrayList<>();
        long[] counts = compare(rules, EVENTS_PER_RULE, mismatches);
        System.out.printf(
                "Sigma differential, generated events: %d rules loaded of %d Windows rule files "
                        + "(%d rejected by the engine, %d not modelled by the reference), %d (rule, event) pairs, "
                        + "%d matched, %d disagreements%n",
                rules.size(),
                SigmaDifferentialRules.windowsFiles,
                SigmaDifferentialRules.notLoaded,
                SigmaDifferentialRules.unsupported.size(),
                counts[0],
                counts[1],
                mismatches.size());
        assertThat(mismatches).as(report(mismatches)).isEmpty();
    }

    @Test
    void syntheticRulesAgree() {
        List<SigmaDifferentialRules.Pair> rules = SigmaDifferentialSynthetic.rules();
        List<String> mismatches = new ArrayList<>();
        long[] counts = compare(rules, EVENTS_PER_RULE * 100, mismatches);
        System.out.printf(
                "Sigma differential, synthetic rules: %d rules, %d (rule, event) pairs, %d matched, "
                        + "%d disagreements%n",
                rules.size(), counts[0], counts[1], mismatches.size());
        assertThat(mismatches).as(report(mismatches)).isEmpty();
    }

    /** Compares {@code perRule} generated events per rule; returns {pairs, matched}. */
    private static long[] compare(List<SigmaDifferentialRules.Pair> rules, int perRule, List<String> mismatches) {
        long pairs = 0;
        long matched = 0;
        for (int i = 0; i < rules.size(); i++) {
            SigmaDifferentialRules.Pair p = rules.get(i);
            if (p.reference().sources().isEmpty()) {
                continue; // no Windows event source: neither side can match
            }
            long seed = SEED + i;
            SigmaDifferentialEvents gen = new SigmaDifferentialEvents(seed);
            for (int k = 0; k < perRule; k++) {
                Event e = gen.next(p.parsed(), p.reference().sources());
                boolean compiled = p.compiled().matches(e);
                boolean reference = p.reference().matches(e);
                pairs++;
                matched += compiled ? 1 : 0;
                if (compiled != reference || p.indexedMatches(e) != reference) {
                    mismatches.add(String.format(
                            "seed %d event %d %s: compiled=%s indexed=%s reference=%s%n  %s",
                            seed, k, p.path(), compiled, p.indexedMatches(e), reference, e.fields()));
                }
            }
        }
        return new long[] {pairs, matched};
    }

    @Test
    void realEventsAgree() {
        List<SigmaDifferentialRules.Pair> rules = SigmaDifferentialRules.all();
        long start = System.nanoTime();
        List<Event> pool = SigmaDifferentialPool.events(
                POOL_SIZE, SEED, e -> rules.stream().anyMatch(p -> p.compiled().matches(e)));
        assertThat(pool).hasSize(POOL_SIZE);
        System.out.printf("Sigma differential: event pool built in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        List<String> mismatches = new ArrayList<>();
        long pairs = 0;
        long matched = 0;
        long detectionPairs = 0;
        long detectionMatched = 0;
        for (SigmaDifferentialRules.Pair p : rules) {
            List<Branch> branches = p.compiled().branches();
            List<SourceMapping> sources = p.reference().sources();
            assertThat(branches).as(p.path()).hasSameSizeAs(sources);
            for (int k = 0; k < pool.size(); k++) {
                Event e = pool.get(k);
                boolean compiled = p.compiled().matches(e);
                boolean reference = p.reference().matches(e);
                pairs++;
                matched += compiled ? 1 : 0;
                if (compiled != reference || p.indexedMatches(e) != reference) {
                    mismatches.add(String.format(
                            "seed %d pool event %d %s: compiled=%s indexed=%s reference=%s%n  %s",
                            SEED, k, p.path(), compiled, p.indexedMatches(e), reference, e));
                }
                // The detection alone, as if every source admitted the event: exercises far more of
                // each rule on real field values than the gated comparison.
                for (int b = 0; b < branches.size(); b++) {
                    boolean c = branches.get(b).detection().matches(e);
                    detectionPairs++;
                    detectionMatched += c ? 1 : 0;
                    if (c != p.reference().detectionMatches(e, sources.get(b))) {
                        mismatches.add(String.format(
                                "seed %d pool event %d %s branch %d (detection only): " + "compiled=%s%n  %s",
                                SEED, k, p.path(), b, c, e));
                    }
                }
            }
        }
        System.out.printf(
                "Sigma differential, real events: %d rules x %d events = %d (rule, event) pairs, %d matched; "
                        + "detection only: %d pairs, %d matched; %d disagreements%n",
                rules.size(), pool.size(), pairs, matched, detectionPairs, detectionMatched, mismatches.size());
        assertThat(mismatches).as(report(mismatches)).isEmpty();
    }

    private static String report(List<String> mismatches) {
        StringBuilder sb = new StringBuilder("compiled engine and reference disagree (base seed " + SEED + "):\n");
        mismatches.stream().limit(MAX_REPORTED).forEach(m -> sb.append(m).append('\n'));
        return sb.toString();
    }
}
