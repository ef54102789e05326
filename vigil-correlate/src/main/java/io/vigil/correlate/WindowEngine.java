package io.vigil.correlate;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.correlate.state.GroupState;
import io.vigil.correlate.state.StateKey;
import io.vigil.correlate.state.StateStore;
import io.vigil.correlate.state.WindowEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The in-order half of the correlator: takes observations in the total {@link Observation#ORDER},
 * keeps each group's window in the state store, fires correlations and feeds their detections to the
 * correlations that read them. Time only moves forward here; re-ordering and lateness are the
 * {@link Correlator}'s job.
 *
 * <p>Timers close windows by event time: a timer at deadline {@code d} runs once time has passed
 * {@code d} (an input later than {@code d}, a watermark beyond it, or the end). Timers of one deadline
 * run in dependency order of their correlations, so that an inner correlation's detection at {@code d}
 * still reaches an outer window that ends at {@code d}.
 */
final class WindowEngine {
    private record Timer(long deadline, int rank, long seq, StateKey key) {}

    private static final Comparator<Timer> TIMER_ORDER = (a, b) -> {
        int c = Long.compare(a.deadline, b.deadline);
        if (c == 0) {
            c = Integer.compare(a.rank, b.rank);
        }
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    };

    private final CorrelationPlan plan;
    private final SpecRuntime[] specs;
    private final Map<RuleRef, int[][]> consumers = new HashMap<>();
    /** Rule refs are records, so equality hashes every field; the same instances recur for every match. */
    private final Map<RuleRef, int[][]> consumersByIdentity = new IdentityHashMap<>();

    private final StateStore store;
    private final int maxListed;
    private final Consumer<Detection> output;
    private final Problems problems;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(TIMER_ORDER);
    private long timerSeq;
    private long observationSeq;
    long fired;
    long emitted;

    WindowEngine(CorrelationPlan plan, StateStore store, int maxListed, Consumer<Detection> output, Problems problems) {
        this.plan = plan;
        this.store = store;
        this.maxListed = maxListed;
        this.output = output;
        this.problems = problems;
        List<CorrelationSpec> list = plan.specs();
        this.specs = new SpecRuntime[list.size()];
        Map<RuleRef, List<int[]>> byRule = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            specs[i] = new SpecRuntime(i, list.get(i));
            List<RuleRef> rules = list.get(i).rules();
            for (int s = 0; s < rules.size(); s++) {
                byRule.computeIfAbsent(rules.get(s), k -> new ArrayList<>()).add(new int[] {i, s});
            }
        }
        byRule.forEach((r, l) -> consumers.put(r, l.toArray(new int[0][])));
    }

    boolean consumes(RuleRef rule) {
        return targets(rule) != NONE;
    }

    private static final int[][] NONE = new int[0][];

    private int[][] targets(RuleRef rule) {
        int[][] t = consumersByIdentity.get(rule);
        if (t == null) {
            t = consumers.getOrDefault(rule, NONE);
            if (consumersByIdentity.size() < 100_000) {
                consumersByIdentity.put(rule, t);
            }
        }
        return t;
    }

    /**
     * Turns one input of {@code rule} into an observation for each correlation that reads it; inputs
     * without a group-by value or (for value types) without a usable value are counted, not kept.
     */
    void observe(RuleRef rule, Event event, long time, Object sources, Provenance last, List<Observation> out) {
        for (int[] target : targets(rule)) {
            SpecRuntime s = specs[target[0]];
            int slot = target[1];
            String[] gf = s.groupFields[slot];
            Object[] originals = new Object[gf.length];
            String[] folded = new String[gf.length];
            boolean complete = true;
            for (int i = 0; i < gf.length && complete; i++) {
                originals[i] = event.get(gf[i]);
                folded[i] = EventValues.folded(originals[i]);
                complete = folded[i] != null;
            }
            if (!complete) {
                problems.withoutGroup(s.spec);
                continue;
            }
            String text = null;
            double number = 0;
            CorrelationType type = s.spec.type();
            if (type == CorrelationType.VALUE_COUNT) {
                String[] vf = s.valueFields[slot];
                String[] parts = new String[vf.length];
                for (int i = 0; i < vf.length; i++) {
                    parts[i] = EventValues.folded(event.get(vf[i]));
                    if (parts[i] == null) {
                        parts = null;
                        break;
                    }
                }
                if (parts == null) {
                    problems.withoutValue(s.spec);
                    continue;
                }
                text = EventValues.key(parts);
            } else if (type.numeric()) {
                number = EventValues.number(event.get(s.valueFields[slot][0]));
                if (Double.isNaN(number)) {
                    problems.withoutValue(s.spec);
                    continue;
                }
            }
            String key = gf.length == 0 ? "" : EventValues.key(folded);
            out.add(new Observation(
                    time, s.index, slot, key, originals, text, number, sources, last, observationSeq++));
        }
    }

    /** Processes one observation; observations must come in {@link Observation#ORDER}. */
    void process(Observation o) {
        advanceTo(o.time);
        ingest(o);
    }

    /** Runs every timer whose deadline is before {@code time}. */
    void advanceTo(long time) {
        while (!timers.isEmpty() && timers.peek().deadline() < time) {
            onTimer(timers.poll());
        }
    }

    /** Runs every timer: the end of input closes every window. */
    void drain() {
        while (!timers.isEmpty()) {
            onTimer(timers.poll());
        }
    }

    private void ingest(Observation o) {
        SpecRuntime s = specs[o.spec];
        StateKey key = new StateKey(o.spec, o.groupKey);
        GroupState st = store.get(key);
        if (st != null && s.onArrival) {
            // Entries older than this input's window can never share a window with a later input.
            expireThrough(st, TimeText.plus(o.time, -s.span - 1));
            if (st.isEmpty()) {
                store.remove(key);
                st = null;
            }
        }
        if (!store.tryReserve(1)) {
            problems.stateFull(s.spec, store.capacity());
            return;
        }
        if (st == null) {
            st = new GroupState(o.groupValues, s.spec.rules().size(), s.spec.type() == CorrelationType.VALUE_COUNT);
            store.put(key, st);
        }
        st.add(new WindowEntry(o.time, o.slot, o.text, o.number, o.sources));
        if (s.onArrival) {
            double value = aggregate(s, st);
            if (s.spec.condition().test(value)) {
                fire(s, key, st, o.time, value);
                return;
            }
        }
        schedule(s, key, st);
    }

    private void onTimer(Timer t) {
        GroupState st = store.get(t.key());
        if (st == null || st.scheduled() != t.deadline()) {
            return; // superseded
        }
        st.schedule(GroupState.UNSCHEDULED);
        SpecRuntime s = specs[t.key().correlation()];
        long anchor = st.first().time();
        if (s.onArrival) {
            expireThrough(st, anchor);
        } else {
            // The window [anchor, anchor + timespan] is complete: every entry is inside it.
            double value = aggregate(s, st);
            if (s.spec.condition().test(value)) {
                fire(s, t.key(), st, t.deadline(), value);
                return;
            }
            expireThrough(st, anchor);
        }
        if (st.isEmpty()) {
            store.remove(t.key());
        } else {
            schedule(s, t.key(), st);
        }
    }

    private void expireThrough(GroupState st, long time) {
        int n = 0;
        while (!st.isEmpty() && st.first().time() <= time) {
            st.removeFirst();
            n++;
        }
        store.release(n);
    }

    private void schedule(SpecRuntime s, StateKey key, GroupState st) {
        long deadline = TimeText.plus(st.first().time(), s.span);
        if (st.scheduled() != deadline) {
            st.schedule(deadline);
            timers.add(new Timer(deadline, s.index, timerSeq++, key));
        }
    }

    private double aggregate(SpecRuntime s, GroupState st) {
        return switch (s.spec.type()) {
            case EVENT_COUNT -> st.size();
            case VALUE_COUNT -> st.distinctValues();
            case TEMPORAL -> st.slotsSeen();
            case TEMPORAL_ORDERED -> orderedPrefix(st, s.spec.rules().size());
            case VALUE_SUM -> s.onArrival ? st.sum() : sum(st);
            case VALUE_AVG -> sum(st) / st.size();
            case VALUE_PERCENTILE -> percentile(st, s.spec.condition().percentile());
        };
    }

    /**
     * How many of the inputs, taken in order, were seen one after the other: input {@code k} counts
     * when it has an entry no earlier than the entry chosen for {@code k - 1}. Entries of equal time
     * count as in order whichever arrived first, since event time cannot order them.
     */
    private static int orderedPrefix(GroupState st, int inputs) {
        boolean[] present = new boolean[inputs];
        int[] run = new int[inputs];
        int runSize = 0;
        int prefix = 0;
        long runTime = Long.MIN_VALUE;
        Iterator<WindowEntry> it = st.iterator();
        while (prefix < inputs) {
            WindowEntry e = it.hasNext() ? it.next() : null;
            if (e == null || e.time() != runTime) {
                while (prefix < inputs && present[prefix]) {
                    prefix++;
                }
                for (int i = 0; i < runSize; i++) {
                    present[run[i]] = false;
                }
                runSize = 0;
                if (e == null) {
                    break;
                }
                runTime = e.time();
            }
            if (!present[e.slot()]) {
                present[e.slot()] = true;
                run[runSize++] = e.slot();
            }
        }
        return prefix;
    }

    private static double sum(GroupState st) {
        double total = 0;
        for (Iterator<WindowEntry> it = st.iterator(); it.hasNext(); ) {
            total += it.next().number();
        }
        return total;
    }

    /** Linear interpolation between closest ranks (the "C = 1" method of NumPy and Excel). */
    private static double percentile(GroupState st, int rank) {
        double[] v = new double[st.size()];
        int i = 0;
        for (Iterator<WindowEntry> it = st.iterator(); it.hasNext(); ) {
            v[i++] = it.next().number();
        }
        Arrays.sort(v);
        double h = (v.length - 1) * rank / 100.0;
        int lo = (int) Math.floor(h);
        if (lo + 1 >= v.length) {
            return v[v.length - 1];
        }
        return v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
    }

    /** Emits a detection for the whole window and consumes its entries: one alert per burst. */
    private void fire(SpecRuntime s, StateKey key, GroupState st, long time, double value) {
        long start = st.first().time();
        List<Provenance> listed = new ArrayList<>();
        long total = 0;
        Provenance last = null;
        int n = st.size();
        while (!st.isEmpty()) {
            Object src = st.removeFirst().sources();
            if (src instanceof Contributions c) {
                for (Provenance p : c.listed()) {
                    if (listed.size() < maxListed) {
                        listed.add(p);
                    }
                }
                total += c.total();
                last = c.last();
            } else {
                if (listed.size() < maxListed) {
                    listed.add((Provenance) src);
                }
                total++;
                last = (Provenance) src;
            }
        }
        store.release(n);
        store.remove(key);
        Contributions contributions = new Contributions(listed, total, last);
        Detection d = detection(s, st.groupValues(), start, time, value, contributions);
        fired++;
        if (plan.emitsOwnDetections(s.spec.ref())) {
            emitted++;
            output.accept(d);
        }
        List<Observation> next = new ArrayList<>();
        observe(s.spec.ref(), d.event(), time, contributions, last, next);
        for (Observation o : next) {
            ingest(o);
        }
    }

    private static Detection detection(
            SpecRuntime s, Object[] groupValues, long start, long time, double value, Contributions c) {
        CorrelationSpec spec = s.spec;
        Map<String, Object> group = new LinkedHashMap<>();
        for (int i = 0; i < groupValues.length; i++) {
            group.put(spec.groupBy().get(i), groupValues[i]);
        }
        Map<String, Object> corr = new LinkedHashMap<>();
        corr.put("type", spec.type().label());
        corr.put("group", Collections.unmodifiableMap(new LinkedHashMap<>(group)));
        if (spec.type().needsField()) {
            corr.put("field", spec.fields().size() == 1 ? spec.fields().get(0) : spec.fields());
        }
        if (spec.type().numeric()) {
            if (spec.type() == CorrelationType.VALUE_PERCENTILE) {
                corr.put("percentile", spec.condition().percentile());
            }
            corr.put("value", number(value));
        } else {
            corr.put("count", (long) value);
        }
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("start", TimeText.iso(start));
        window.put("end", TimeText.iso(time));
        corr.put("window", Collections.unmodifiableMap(window));
        List<Object> events = new ArrayList<>();
        for (Provenance p : c.listed()) {
            Map<String, Object> src = new LinkedHashMap<>();
            src.put("path", p == null ? null : p.path());
            if (p != null && p.record() >= 0) {
                src.put("record", p.record());
            } else if (p != null && p.line() >= 0) {
                src.put("line", p.line());
            }
            events.add(Collections.unmodifiableMap(src));
        }
        corr.put("events", Collections.unmodifiableList(events));
        if (c.total() > c.listed().size()) {
            corr.put("events_omitted", c.total() - c.listed().size());
        }
        Event event = Event.of(group, TimeText.instant(time), c.last());
        return new Detection(spec.ref(), event, Map.of("correlation", Collections.unmodifiableMap(corr)));
    }

    private static Object number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
    }
}
