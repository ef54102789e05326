package io.vigil.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.diag.Diagnostic;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.correlate.state.InMemoryStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test helpers: rule refs, events at offsets from a fixed instant, and runs of one scenario through
 * every mode (batch in given, reversed and shuffled order; streaming with per-source watermarks in two
 * interleavings; one shuffled source with enough lateness), which must all agree.
 */
final class Fixture {
    static final Instant T0 = Instant.parse("2024-03-05T14:00:00Z");

    private Fixture() {}

    record Match(RuleRef rule, Event event) {}

    static RuleRef rule(String id) {
        return new RuleRef(id, "rule " + id, Level.LOW, "test", "tester", List.of(), "rules/" + id + ".yml");
    }

    static RuleRef corr(String id) {
        return new RuleRef(
                id, "correlation " + id, Level.HIGH, "test", "tester", List.of("attack.t1110"), "rules/" + id + ".yml");
    }

    /** An event {@code seconds} after {@link #T0} from {@code path}, line {@code line}. */
    static Event ev(String path, long line, double seconds, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        long nanos = Math.round(seconds * 1e9);
        return Event.of(m, T0.plusNanos(nanos), Provenance.line(path, line));
    }

    static Match m(RuleRef rule, Event e) {
        return new Match(rule, e);
    }

    /** What one run produced. */
    static final class Run {
        final List<Detection> detections = new ArrayList<>();
        final List<Diagnostic> diagnostics = new ArrayList<>();
        final InMemoryStateStore store;
        CorrelatorStats stats;

        Run(InMemoryStateStore store) {
            this.store = store;
        }

        List<String> rendered() {
            return detections.stream().map(Fixture::render).toList();
        }

        Map<String, Object> corr(int i) {
            @SuppressWarnings("unchecked")
            Map<String, Object> c =
                    (Map<String, Object>) detections.get(i).extra().get("correlation");
            return c;
        }

        List<String> codes() {
            return diagnostics.stream().map(Diagnostic::code).toList();
        }
    }

    static String render(Detection d) {
        return d.rule().id() + " @" + d.timestamp() + " " + d.extra().get("correlation");
    }

    static Run batch(CorrelationPlan plan, List<Match> matches) {
        return batch(plan, CorrelatorSettings.batch().withMaxEventsPerDetection(1000), matches);
    }

    static Run batch(CorrelationPlan plan, CorrelatorSettings settings, List<Match> matches) {
        InMemoryStateStore store = new InMemoryStateStore(settings.maxStateEntries());
        Run run = new Run(store);
        Correlator c = new Correlator(
                plan, settings.withAllowedLateness(null), store, run.diagnostics::add, run.detections::add);
        for (Match m : matches) {
            c.accept(m.rule(), m.event());
        }
        c.finish();
        run.stats = c.stats();
        return run;
    }

    /**
     * Streaming: one source per event path, each source in time order, sources interleaved round
     * robin (starting from the last source when {@code fromLast}), every source opened first.
     */
    static Run stream(CorrelationPlan plan, List<Match> matches, boolean fromLast) {
        CorrelatorSettings settings =
                CorrelatorSettings.DEFAULTS.withAllowedLateness(Duration.ZERO).withMaxEventsPerDetection(1000);
        Map<String, List<Match>> bySource = new LinkedHashMap<>();
        for (Match m : matches) {
            bySource.computeIfAbsent(m.event().provenance().path(), k -> new ArrayList<>())
                    .add(m);
        }
        List<List<Match>> queues = new ArrayList<>();
        for (List<Match> q : bySource.values()) {
            List<Match> sorted = new ArrayList<>(q);
            sorted.sort(Comparator.comparing(x -> x.event().timestamp()));
            queues.add(sorted);
        }
        if (fromLast) {
            Collections.reverse(queues);
        }
        InMemoryStateStore store = new InMemoryStateStore(settings.maxStateEntries());
        Run run = new Run(store);
        Correlator c = new Correlator(plan, settings, store, run.diagnostics::add, run.detections::add);
        for (String s : bySource.keySet()) {
            c.openSource(s);
        }
        int[] pos = new int[queues.size()];
        boolean more = true;
        while (more) {
            more = false;
            for (int i = 0; i < queues.size(); i++) {
                if (pos[i] < queues.get(i).size()) {
                    Match m = queues.get(i).get(pos[i]++);
                    c.accept(m.event().provenance().path(), m.rule(), m.event());
                    more = true;
                }
            }
        }
        for (String s : bySource.keySet()) {
            c.endOfSource(s);
        }
        c.finish();
        run.stats = c.stats();
        return run;
    }

    /** One source in shuffled order, with an allowed lateness that covers the whole disorder. */
    static Run shuffledWithLateness(CorrelationPlan plan, List<Match> matches, long seed) {
        List<Match> shuffled = new ArrayList<>(matches);
        Collections.shuffle(shuffled, new Random(seed));
        Instant min = matches.stream()
                .map(x -> x.event().timestamp())
                .min(Comparator.naturalOrder())
                .orElse(T0);
        Instant max = matches.stream()
                .map(x -> x.event().timestamp())
                .max(Comparator.naturalOrder())
                .orElse(T0);
        CorrelatorSettings settings = CorrelatorSettings.DEFAULTS
                .withAllowedLateness(Duration.between(min, max).plusSeconds(1))
                .withMaxEventsPerDetection(1000);
        InMemoryStateStore store = new InMemoryStateStore(settings.maxStateEntries());
        Run run = new Run(store);
        Correlator c = new Correlator(plan, settings, store, run.diagnostics::add, run.detections::add);
        for (Match m : shuffled) {
            c.accept(m.rule(), m.event());
        }
        c.finish();
        run.stats = c.stats();
        return run;
    }

    /**
     * Runs the scenario every way; asserts that all runs give the same detections in the same order,
     * that no input was late, and that the state store is empty at the end.
     */
    static Run everyWay(CorrelationPlan plan, List<Match> matches) {
        Run first = batch(plan, matches);
        List<Match> reversed = new ArrayList<>(matches);
        Collections.reverse(reversed);
        List<Match> shuffled = new ArrayList<>(matches);
        Collections.shuffle(shuffled, new Random(42));
        List<Run> others = List.of(
                batch(plan, reversed),
                batch(plan, shuffled),
                stream(plan, matches, false),
                stream(plan, matches, true),
                shuffledWithLateness(plan, matches, 7));
        for (Run r : List.of(first, others.get(0), others.get(1), others.get(2), others.get(3), others.get(4))) {
            assertThat(r.stats.late()).as("late inputs").isZero();
            assertThat(r.store.groups()).as("open groups at the end").isZero();
            assertThat(r.store.entries()).as("open entries at the end").isZero();
            assertThat(r.stats.buffered()).isZero();
        }
        for (Run r : others) {
            assertThat(r.rendered())
                    .as("same detections in every order and mode")
                    .isEqualTo(first.rendered());
        }
        return first;
    }

    static CorrelationPlan plan(CorrelationSpec... specs) {
        return CorrelationPlan.of(List.of(specs));
    }
}
