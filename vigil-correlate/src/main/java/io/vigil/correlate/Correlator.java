package io.vigil.correlate;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.event.Event;
import io.vigil.correlate.state.InMemoryStateStore;
import io.vigil.correlate.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Evaluates Sigma correlation rules over detection-rule matches, by event time, the same way in batch
 * hunting, a service and a stream: feed it every match of a rule the plan {@link #consumes}, tell it
 * how far each source has got, and it hands correlation detections to the output.
 *
 * <p><b>Time.</b> Windows follow event timestamps, never the wall clock. Each source (a file, a host, a
 * partition: any string) has a watermark, the latest event time seen from it (or given with
 * {@link #advance}). The overall watermark is the minimum over open sources minus the allowed lateness.
 * Matches wait in a re-ordering buffer until the overall watermark passes them, then enter the windows
 * in one total order (event time, then path, record and line of the event), which is why results do not
 * depend on the order in which sources are read. A match older than the watermark is late: it is
 * counted, reported, and not correlated. A source with no data yet holds the watermark back once
 * {@link #openSource opened}; {@link #endOfSource} releases it.
 *
 * <p><b>Windows and firing.</b> See {@code docs/correlation.md}. In short: a correlation whose
 * condition only has lower bounds on a growing aggregate fires on the event that makes the last
 * {@code timespan} of its group satisfy it; any other fires when a window {@code [t, t + timespan]}
 * starting at an event closes satisfying it. Firing consumes the window's events, so one burst gives
 * one detection, not one per event.
 *
 * <p>Not thread-safe: one correlator belongs to one thread. Calls after {@link #finish} fail.
 */
public final class Correlator {
    /** The source used by the single-source {@link #accept(RuleRef, Event)}. */
    public static final String DEFAULT_SOURCE = "default";

    private final CorrelatorSettings settings;
    private final StateStore store;
    private final WindowEngine engine;
    private final Problems problems;
    /** Streaming: a heap, since the watermark releases a few inputs at a time. */
    private final PriorityQueue<Observation> buffer = new PriorityQueue<>(Observation.ORDER);
    /** Unbounded lateness (batch): a list sorted once at the end, much faster than a heap of millions. */
    private final ArrayList<Observation> pending = new ArrayList<>();

    private final Map<String, long[]> sources = new HashMap<>(); // {watermark, open ? 1 : 0}
    private final TreeMap<Long, Integer> openWatermarks = new TreeMap<>();
    private final List<Observation> scratch = new ArrayList<>();
    private final long lateness;
    private long highest = Long.MIN_VALUE;
    private long frontier = Long.MIN_VALUE;
    private long matches;
    private long observations;
    private boolean finished;

    /**
     * @param plan the correlations
     * @param settings limits and lateness
     * @param store where window state lives (empty at start)
     * @param diagnostics receives late or unusable inputs and limits reached
     * @param output receives each correlation detection, in firing order
     */
    public Correlator(
            CorrelationPlan plan,
            CorrelatorSettings settings,
            StateStore store,
            DiagnosticSink diagnostics,
            Consumer<Detection> output) {
        this.settings = settings;
        this.store = store;
        this.problems = new Problems(diagnostics, settings.maxReportsPerProblem());
        this.engine = new WindowEngine(plan, store, settings.maxEventsPerDetection(), output, problems);
        Duration l = settings.allowedLateness();
        this.lateness = l == null ? -1 : l.compareTo(Timespan.MAX) > 0 ? Timespan.MAX.toNanos() : l.toNanos();
    }

    /** A correlator with an {@link InMemoryStateStore} sized by {@code settings}. */
    public Correlator(
            CorrelationPlan plan, CorrelatorSettings settings, DiagnosticSink diagnostics, Consumer<Detection> output) {
        this(plan, settings, new InMemoryStateStore(settings.maxStateEntries()), diagnostics, output);
    }

    /** True when some correlation reads this rule's matches; others may still be passed (and ignored). */
    public boolean consumes(RuleRef rule) {
        return engine.consumes(rule);
    }

    /** {@link #accept(String, RuleRef, Event)} from {@link #DEFAULT_SOURCE}. */
    public void accept(RuleRef rule, Event event) {
        accept(DEFAULT_SOURCE, rule, event);
    }

    /**
     * One match of a detection rule. The event's time also advances {@code source}'s watermark, even
     * when no correlation reads {@code rule}.
     */
    public void accept(String source, RuleRef rule, Event event) {
        requireRunning();
        Instant ts = event.timestamp();
        long t = ts == null ? Long.MIN_VALUE : TimeText.nanos(ts);
        if (!engine.consumes(rule)) {
            if (t != Long.MIN_VALUE) {
                progress(source, t);
            }
            return;
        }
        matches++;
        if (t == Long.MIN_VALUE) {
            problems.withoutTime(event, ts != null);
            return;
        }
        if (t < frontier) {
            problems.late(event, t, frontier, latenessText());
            return;
        }
        engine.observe(rule, event, t, event.provenance(), event.provenance(), scratch);
        observations += scratch.size();
        if (lateness < 0) {
            pending.addAll(scratch);
        } else {
            buffer.addAll(scratch);
        }
        scratch.clear();
        progress(source, t);
        if (buffer.size() + pending.size() > settings.maxBufferedMatches()) {
            releaseEarly();
        }
    }

    /**
     * The buffer is full: correlate its oldest inputs now (all but a fraction for the batch list, so
     * that it is not sorted again for every input) and move the watermark up to them.
     */
    private void releaseEarly() {
        long cap = settings.maxBufferedMatches();
        if (lateness >= 0) {
            while (buffer.size() > cap) {
                Observation o = buffer.poll();
                problems.releasedEarly(cap);
                frontier = Math.max(frontier, o.time);
                engine.process(o);
            }
            return;
        }
        pending.sort(Observation.ORDER);
        int keep = (int) Math.min(pending.size(), cap / 2);
        int release = pending.size() - keep;
        for (int i = 0; i < release; i++) {
            Observation o = pending.get(i);
            problems.releasedEarly(cap);
            frontier = Math.max(frontier, o.time);
            engine.process(o);
        }
        pending.subList(0, release).clear();
    }

    /**
     * Registers a source that has not sent anything yet, so that it holds the watermark back until it
     * does (without this, its first events could already be late).
     */
    public void openSource(String source) {
        requireRunning();
        if (!sources.containsKey(source)) {
            sources.put(source, new long[] {Long.MIN_VALUE, 1});
            openWatermarks.merge(Long.MIN_VALUE, 1, Integer::sum);
        }
    }

    /** {@code source} will send nothing older than {@code watermark} (e.g. it read a non-matching event). */
    public void advance(String source, Instant watermark) {
        requireRunning();
        long t = TimeText.nanos(watermark);
        if (t != Long.MIN_VALUE) {
            progress(source, t);
        }
    }

    /** {@code source} is done: it no longer holds the watermark back. */
    public void endOfSource(String source) {
        requireRunning();
        long[] s = sources.get(source);
        if (s != null && s[1] == 1) {
            removeOpen(s[0]);
            s[1] = 0;
            release();
        }
    }

    /** End of input: every buffered match is correlated and every window closes. */
    public void finish() {
        requireRunning();
        while (!buffer.isEmpty()) {
            engine.process(buffer.poll());
        }
        pending.sort(Observation.ORDER);
        for (Observation o : pending) {
            engine.process(o);
        }
        pending.clear();
        engine.drain();
        frontier = Long.MAX_VALUE;
        finished = true;
        problems.summarize();
    }

    /** The overall watermark inputs are checked against, or null before any has been established. */
    public Instant watermark() {
        return frontier == Long.MIN_VALUE || frontier == Long.MAX_VALUE ? null : TimeText.instant(frontier);
    }

    public CorrelatorStats stats() {
        return new CorrelatorStats(
                matches,
                observations,
                problems.late,
                problems.withoutTime,
                problems.withoutGroup,
                problems.withoutValue,
                problems.stateFull,
                problems.releasedEarly,
                engine.fired,
                engine.emitted,
                store.groups(),
                store.entries(),
                buffer.size() + pending.size());
    }

    private void progress(String source, long t) {
        long[] s = sources.get(source);
        if (s == null) {
            sources.put(source, new long[] {t, 1});
            openWatermarks.merge(t, 1, Integer::sum);
        } else if (s[1] == 0) {
            s[0] = Math.max(s[0], t);
            s[1] = 1;
            openWatermarks.merge(s[0], 1, Integer::sum);
        } else if (t > s[0]) {
            removeOpen(s[0]);
            s[0] = t;
            openWatermarks.merge(t, 1, Integer::sum);
        }
        highest = Math.max(highest, t);
        release();
    }

    private void removeOpen(long watermark) {
        openWatermarks.computeIfPresent(watermark, (k, n) -> n == 1 ? null : n - 1);
    }

    /** Correlates every buffered match older than the overall watermark, then closes due windows. */
    private void release() {
        if (lateness < 0) {
            return;
        }
        long base = openWatermarks.isEmpty() ? highest : openWatermarks.firstKey();
        if (base == Long.MIN_VALUE) {
            return;
        }
        long w = TimeText.plus(base, -lateness);
        if (w <= frontier) {
            return;
        }
        // Inputs exactly at the watermark wait: one more may still arrive with the same time.
        while (!buffer.isEmpty() && buffer.peek().time < w) {
            engine.process(buffer.poll());
        }
        engine.advanceTo(w);
        frontier = w;
    }

    private String latenessText() {
        return lateness < 0 ? "unbounded" : Duration.ofNanos(lateness).toString();
    }

    private void requireRunning() {
        if (finished) {
            throw new IllegalStateException("the correlator has finished");
        }
    }
}
