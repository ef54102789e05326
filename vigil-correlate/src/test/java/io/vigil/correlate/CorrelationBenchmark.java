package io.vigil.correlate;

import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.correlate.state.InMemoryStateStore;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Throughput and memory of the correlator with 50,000 group keys, streaming and batch. Not a unit
 * test; run it by hand (see docs/correlation.md for the command and the last figures).
 *
 * <p>Input: failed logons spread over 50,000 (IpAddress, TargetUserName) pairs, 2 ms apart on average,
 * a tenth of them on 500 hot pairs so that windows fill and fire. Event construction is included in
 * the timings, as it is in a real hunt.
 */
public final class CorrelationBenchmark {
    private static final int KEYS = 50_000;
    private static final RuleRef FAILED = ref("failed", Level.LOW);
    private static final RuleRef SUCCESS = ref("success", Level.LOW);

    private CorrelationBenchmark() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        System.out.printf(
                Locale.ROOT,
                "%,d matches, %,d group keys, JVM max heap %,d MB%n",
                n,
                KEYS,
                Runtime.getRuntime().maxMemory() >> 20);
        Map<String, CorrelationPlan> plans = Map.of(
                "event_count gte 10 / 5m by (IpAddress, TargetUserName)",
                plan(CorrelationSpec.builder(ref("brute", Level.MEDIUM), CorrelationType.EVENT_COUNT)
                        .rules(FAILED)
                        .groupBy("IpAddress", "TargetUserName")
                        .timespan("5m")
                        .condition(CorrelationCondition.of(new Comparison(Relation.GTE, 10)))
                        .build()),
                "value_count(TargetUserName) gte 10 / 30m by IpAddress",
                plan(CorrelationSpec.builder(ref("spray", Level.HIGH), CorrelationType.VALUE_COUNT)
                        .rules(FAILED)
                        .groupBy("IpAddress")
                        .timespan("30m")
                        .field("TargetUserName")
                        .condition(CorrelationCondition.of(new Comparison(Relation.GTE, 10)))
                        .build()),
                "temporal_ordered (failed, success) / 10m by TargetUserName",
                plan(CorrelationSpec.builder(ref("then", Level.HIGH), CorrelationType.TEMPORAL_ORDERED)
                        .rules(FAILED, SUCCESS)
                        .groupBy("TargetUserName")
                        .timespan("10m")
                        .build()));
        warmUp(plans.values().iterator().next());
        baseline(n);
        for (Map.Entry<String, CorrelationPlan> e : new java.util.TreeMap<>(plans).entrySet()) {
            System.out.println(e.getKey());
            stream(e.getValue(), n);
            batch(e.getValue(), n);
        }
    }

    private static void warmUp(CorrelationPlan plan) {
        Correlator c = new Correlator(plan, CorrelatorSettings.DEFAULTS, d -> {}, d -> {});
        Random rnd = new Random(1);
        long t = 0;
        for (int i = 0; i < 300_000; i++) {
            t += rnd.nextInt(5);
            c.accept(FAILED, event(rnd, t, i));
        }
        c.finish();
    }

    /** Building the events alone, so that the correlator's own share can be told apart. */
    private static void baseline(int n) {
        Random rnd = new Random(7);
        long start = System.nanoTime();
        long t = 0;
        long sink = 0;
        for (int i = 0; i < n; i++) {
            t += rnd.nextInt(5);
            sink += rnd.nextInt(50) + event(rnd, t, i).size();
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "event construction alone: %,.0f events/s (%d)%n", n / s, sink & 1);
    }

    private static void stream(CorrelationPlan plan, int n) {
        InMemoryStateStore store = new InMemoryStateStore(CorrelatorSettings.DEFAULTS.maxStateEntries());
        long[] out = {0};
        Correlator c = new Correlator(plan, CorrelatorSettings.DEFAULTS, store, d -> {}, d -> out[0]++);
        Random rnd = new Random(7);
        long before = usedAfterGc();
        long retained = 0;
        long elapsed = 0;
        long start = System.nanoTime();
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += rnd.nextInt(5);
            c.accept(rnd.nextInt(50) == 0 ? SUCCESS : FAILED, event(rnd, t, i));
            if (i == n / 2) {
                elapsed += System.nanoTime() - start;
                retained = usedAfterGc() - before;
                start = System.nanoTime();
            }
        }
        c.finish();
        elapsed += System.nanoTime() - start;
        System.out.printf(
                Locale.ROOT,
                "  streaming: %,.0f matches/s; %,d detections; peak state %,d entries in %,d groups;"
                        + " heap retained mid-run %,d MB%n",
                n / (elapsed / 1e9),
                out[0],
                store.peakEntries(),
                store.peakGroups(),
                retained >> 20);
    }

    private static void batch(CorrelationPlan plan, int n) {
        long[] out = {0};
        BatchCorrelation b = new BatchCorrelation(plan, d -> {}, d -> out[0]++);
        Random rnd = new Random(7);
        long before = usedAfterGc();
        long start = System.nanoTime();
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += rnd.nextInt(5);
            b.accept(rnd.nextInt(50) == 0 ? SUCCESS : FAILED, event(rnd, t, i));
        }
        long collect = System.nanoTime() - start;
        long buffered = usedAfterGc() - before;
        long bufferedMatches = b.stats().buffered();
        start = System.nanoTime();
        b.finish();
        long correlate = System.nanoTime() - start;
        System.out.printf(
                Locale.ROOT,
                "  batch: %,.0f matches/s overall (collect %.1f s, sort+correlate %.1f s); %,d detections;"
                        + " %,d buffered inputs held %,d MB (%d bytes each)%n",
                n / ((collect + correlate) / 1e9),
                collect / 1e9,
                correlate / 1e9,
                out[0],
                bufferedMatches,
                buffered >> 20,
                bufferedMatches == 0 ? 0 : buffered / bufferedMatches);
    }

    private static Event event(Random rnd, long millis, int i) {
        int key = rnd.nextInt(10) == 0 ? rnd.nextInt(500) : rnd.nextInt(KEYS);
        String ip = "10." + (key >> 16) + "." + ((key >> 8) & 255) + "." + (key & 255);
        String user = rnd.nextInt(10) == 0 ? "user" + rnd.nextInt(KEYS) : "user" + key;
        return Event.of(
                Map.of("EventID", 4625L, "IpAddress", ip, "TargetUserName", user),
                Instant.ofEpochMilli(1_700_000_000_000L + millis),
                Provenance.record("Security.evtx", i));
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static CorrelationPlan plan(CorrelationSpec spec) {
        return CorrelationPlan.of(List.of(spec));
    }

    private static RuleRef ref(String id, Level level) {
        return new RuleRef(id, id, level, "test", "bench", List.of(), "bench.yml");
    }
}
