package io.vigil.correlate;

import static io.vigil.correlate.Fixture.corr;
import static io.vigil.correlate.Fixture.ev;
import static io.vigil.correlate.Fixture.m;
import static io.vigil.correlate.Fixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.RuleRef;
import io.vigil.correlate.Fixture.Match;
import io.vigil.correlate.Fixture.Run;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Streaming and batch correlation against a reference written straight from the definition: sort all
 * matches, then for every group evaluate every candidate window from scratch. Seeded, so a failure
 * names the seed that reproduces it.
 */
class DifferentialTest {
    private static final int SEEDS = 400;
    private static final String[] USERS = {"alice", "Alice", "ALICE", "bob", "Bob", "carol"};
    private static final String[] HOSTS = {"ws1", "WS1", "srv"};
    private static final String[] VALUES = {"a", "A", "b", "c", "C", "d", "e"};
    private static final String[] SPANS = {"5s", "10s", "30s", "1m", "2m"};

    @Test
    void correlatorAgreesWithTheReferenceOnRandomSequences() {
        int fired = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            Random rnd = new Random(seed);
            CorrelationSpec spec = randomSpec(rnd);
            List<Match> matches = randomMatches(rnd, spec);
            List<String> expected = reference(spec, matches);
            CorrelationPlan plan = CorrelationPlan.of(List.of(spec));
            Run streamed = Fixture.stream(plan, matches, rnd.nextBoolean());
            List<Match> shuffled = new ArrayList<>(matches);
            Collections.shuffle(shuffled, rnd);
            Run batched = Fixture.batch(plan, shuffled);
            String what = "seed " + seed + ": " + spec.type().label() + " {" + spec.condition() + "} over "
                    + spec.timespan() + " by " + spec.groupBy() + ", " + matches.size() + " matches";
            assertThat(normalize(spec, streamed.detections)).as(what).isEqualTo(expected);
            assertThat(normalize(spec, batched.detections)).as(what).isEqualTo(expected);
            assertThat(streamed.stats.late()).as(what).isZero();
            assertThat(streamed.store.groups()).as(what).isZero();
            assertThat(streamed.store.entries()).as(what).isZero();
            fired += expected.size();
        }
        // The generator must exercise firing, not only silence.
        assertThat(fired).isGreaterThan(SEEDS);
    }

    private static CorrelationSpec randomSpec(Random rnd) {
        CorrelationType type = CorrelationType.values()[rnd.nextInt(CorrelationType.values().length)];
        int inputs = type.temporal() ? 2 + rnd.nextInt(2) : 1 + rnd.nextInt(2);
        List<RuleRef> rules = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            rules.add(rule("r" + i));
        }
        List<String> groupBy = new ArrayList<>(List.of("User", "Host").subList(0, rnd.nextInt(3)));
        if (groupBy.size() == 1 && rnd.nextBoolean()) {
            groupBy.set(0, "Host");
        }
        CorrelationSpec.Builder b = CorrelationSpec.builder(corr("c"), type)
                .rules(rules)
                .groupBy(groupBy)
                .timespan(SPANS[rnd.nextInt(SPANS.length)]);
        if (type.needsField()) {
            b.field("V");
        }
        double scale = type.numeric() ? 100 : type.temporal() ? inputs : 6;
        CorrelationCondition c;
        boolean lowerOnly = rnd.nextInt(3) > 0;
        if (lowerOnly) {
            Relation r = rnd.nextBoolean() ? Relation.GT : Relation.GTE;
            double bound = type == CorrelationType.VALUE_SUM ? rnd.nextInt(400) : rnd.nextInt((int) scale) + 1;
            c = CorrelationCondition.of(new Comparison(r, bound));
        } else {
            Relation[] upper = {Relation.LT, Relation.LTE, Relation.EQ, Relation.NEQ};
            Comparison first = new Comparison(upper[rnd.nextInt(upper.length)], rnd.nextInt((int) scale + 1));
            c = rnd.nextBoolean()
                    ? CorrelationCondition.of(first)
                    : CorrelationCondition.of(
                            new Comparison(Relation.GTE, rnd.nextInt((int) scale / 2 + 1)),
                            new Comparison(Relation.LTE, rnd.nextInt((int) scale) + scale / 2));
        }
        if (type == CorrelationType.VALUE_PERCENTILE) {
            c = c.withPercentile(rnd.nextInt(101));
        }
        return b.condition(c).build();
    }

    private static List<Match> randomMatches(Random rnd, CorrelationSpec spec) {
        int n = rnd.nextInt(160);
        int sources = 1 + rnd.nextInt(3);
        long[] lines = new long[sources];
        List<Match> out = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += rnd.nextInt(rnd.nextInt(4) == 0 ? 40 : 6); // bursts, gaps and equal times
            int s = rnd.nextInt(sources);
            List<Object> kv = new ArrayList<>();
            if (rnd.nextInt(20) > 0) {
                kv.addAll(List.of("User", USERS[rnd.nextInt(USERS.length)]));
            }
            kv.addAll(List.of("Host", HOSTS[rnd.nextInt(HOSTS.length)]));
            int v = rnd.nextInt(25);
            if (v > 0) {
                kv.add("V");
                kv.add(
                        spec.type().numeric()
                                ? (v == 1 ? (Object) "n/a" : (Object) (long) rnd.nextInt(101))
                                : VALUES[rnd.nextInt(VALUES.length)]);
            }
            RuleRef r = spec.rules().get(rnd.nextInt(spec.rules().size()));
            out.add(m(r, ev("src" + s + ".evtx", ++lines[s], t, kv.toArray())));
        }
        return out;
    }

    private record Obs(long t, String path, long line, int slot, String key, String text, double num) {}

    /** Sorted canonical detections, computed from the definition in docs/correlation.md. */
    private static List<String> reference(CorrelationSpec spec, List<Match> matches) {
        long span = spec.timespan().duration().toNanos();
        List<Obs> all = new ArrayList<>();
        for (Match m : matches) {
            Map<String, Object> f = m.event().fields();
            StringBuilder key = new StringBuilder();
            boolean complete = true;
            for (String g : spec.groupBy()) {
                Object v = f.get(g);
                complete &= v != null;
                key.append(String.valueOf(v).toLowerCase(Locale.ROOT)).append('|');
            }
            if (!complete) {
                continue;
            }
            String text = null;
            double num = 0;
            if (spec.type() == CorrelationType.VALUE_COUNT) {
                Object v = f.get("V");
                if (v == null) {
                    continue;
                }
                text = v.toString().toLowerCase(Locale.ROOT);
            } else if (spec.type().numeric()) {
                if (!(f.get("V") instanceof Long l)) {
                    continue;
                }
                num = l;
            }
            Instant ts = m.event().timestamp();
            all.add(new Obs(
                    ts.getEpochSecond() * 1_000_000_000L + ts.getNano(),
                    m.event().provenance().path(),
                    m.event().provenance().line(),
                    spec.rules().indexOf(m.rule()),
                    key.toString(),
                    text,
                    num));
        }
        all.sort(Comparator.comparingLong(Obs::t)
                .thenComparing(Obs::path)
                .thenComparingLong(Obs::line)
                .thenComparingInt(Obs::slot));
        Map<String, List<Obs>> groups = new LinkedHashMap<>();
        for (Obs o : all) {
            groups.computeIfAbsent(o.key(), k -> new ArrayList<>()).add(o);
        }
        boolean decidesEarly = spec.type() != CorrelationType.VALUE_AVG
                && spec.type() != CorrelationType.VALUE_PERCENTILE
                && spec.condition().comparisons().stream()
                        .allMatch(c -> c.relation() == Relation.GT || c.relation() == Relation.GTE);
        List<String> out = new ArrayList<>();
        for (List<Obs> l : groups.values()) {
            if (decidesEarly) {
                int consumed = 0;
                for (int i = 0; i < l.size(); i++) {
                    List<Obs> w = new ArrayList<>();
                    for (int j = consumed; j <= i; j++) {
                        if (l.get(j).t() >= l.get(i).t() - span) {
                            w.add(l.get(j));
                        }
                    }
                    double v = aggregate(spec, w);
                    if (spec.condition().test(v)) {
                        out.add(canonical(w.get(0).key(), w.get(0).t(), l.get(i).t(), v, w));
                        consumed = i + 1;
                    }
                }
            } else {
                long consumedThrough = Long.MIN_VALUE;
                Set<Long> starts = new TreeSet<>();
                l.forEach(o -> starts.add(o.t()));
                for (long s : starts) {
                    if (s <= consumedThrough) {
                        continue;
                    }
                    List<Obs> w = new ArrayList<>();
                    for (Obs o : l) {
                        if (o.t() >= s && o.t() <= s + span) {
                            w.add(o);
                        }
                    }
                    double v = aggregate(spec, w);
                    if (spec.condition().test(v)) {
                        out.add(canonical(w.get(0).key(), s, s + span, v, w));
                        consumedThrough = s + span;
                    }
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    private static double aggregate(CorrelationSpec spec, List<Obs> w) {
        switch (spec.type()) {
            case EVENT_COUNT:
                return w.size();
            case VALUE_COUNT:
                Set<String> distinct = new HashSet<>();
                w.forEach(o -> distinct.add(o.text()));
                return distinct.size();
            case TEMPORAL:
                Set<Integer> slots = new HashSet<>();
                w.forEach(o -> slots.add(o.slot()));
                return slots.size();
            case TEMPORAL_ORDERED:
                int best = 0;
                for (int k = 1; k <= spec.rules().size(); k++) {
                    long prev = Long.MIN_VALUE;
                    boolean ok = true;
                    for (int slot = 0; slot < k && ok; slot++) {
                        long found = Long.MAX_VALUE;
                        for (Obs o : w) {
                            if (o.slot() == slot && o.t() >= prev) {
                                found = Math.min(found, o.t());
                            }
                        }
                        ok = found != Long.MAX_VALUE;
                        prev = found;
                    }
                    if (ok) {
                        best = k;
                    }
                }
                return best;
            case VALUE_SUM:
                return w.stream().mapToDouble(Obs::num).sum();
            case VALUE_AVG:
                return w.stream().mapToDouble(Obs::num).sum() / w.size();
            case VALUE_PERCENTILE:
                double[] v = w.stream().mapToDouble(Obs::num).toArray();
                Arrays.sort(v);
                double h = (v.length - 1) * spec.condition().percentile() / 100.0;
                int lo = (int) Math.floor(h);
                return lo + 1 >= v.length ? v[v.length - 1] : v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
            default:
                throw new AssertionError(spec.type());
        }
    }

    private static String canonical(String key, long start, long end, double value, List<Obs> w) {
        StringBuilder sb = new StringBuilder(key)
                .append(' ')
                .append(start)
                .append("..")
                .append(end)
                .append(" = ");
        sb.append(value).append(" [");
        for (Obs o : w) {
            sb.append(o.path()).append(':').append(o.line()).append(' ');
        }
        return sb.append(']').toString();
    }

    private static List<String> normalize(CorrelationSpec spec, List<Detection> detections) {
        List<String> out = new ArrayList<>();
        for (Detection d : detections) {
            @SuppressWarnings("unchecked")
            Map<String, Object> c = (Map<String, Object>) d.extra().get("correlation");
            @SuppressWarnings("unchecked")
            Map<String, Object> group = (Map<String, Object>) c.get("group");
            StringBuilder key = new StringBuilder();
            for (String g : spec.groupBy()) {
                key.append(String.valueOf(group.get(g)).toLowerCase(Locale.ROOT))
                        .append('|');
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> window = (Map<String, Object>) c.get("window");
            Object value = c.containsKey("count") ? c.get("count") : c.get("value");
            List<Obs> sources = new ArrayList<>();
            for (Object e : (List<?>) c.get("events")) {
                Map<?, ?> src = (Map<?, ?>) e;
                sources.add(new Obs(0, (String) src.get("path"), (Long) src.get("line"), 0, "", null, 0));
            }
            out.add(canonical(
                    key.toString(),
                    nanos(Instant.parse((String) window.get("start"))),
                    nanos(Instant.parse((String) window.get("end"))),
                    ((Number) value).doubleValue(),
                    sources));
        }
        Collections.sort(out);
        return out;
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
