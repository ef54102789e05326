package io.vigil.sigma.index;

import io.vigil.core.event.EncodedString;
import io.vigil.core.event.Event;
import io.vigil.core.event.FieldLayout;
import io.vigil.sigma.compile.Branch;
import io.vigil.sigma.compile.CompiledRule;
import io.vigil.sigma.match.SourceGate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * Selects, per event, the rule branches that can match it, so that only those are evaluated. Two
 * stages, each leaving a branch out only when it provably cannot match:
 *
 * <ol>
 *   <li>buckets by the channel and event id the branch's log-source gate requires;
 *   <li>within the event's buckets, a literal prefilter: a branch whose detection requires one of a set
 *       of literals in some field ({@link RequiredLiterals}) is evaluated only when one of them occurs in
 *       that field's lower-cased value. One {@link LiteralAutomaton} per field finds all literals of all
 *       branches in one pass over the value.
 * </ol>
 *
 * <p>The result equals testing every rule (conformance tests compare both paths and a reference
 * evaluator). Immutable apart from a cache of per-bucket {@link Plan}s built on first use; matching
 * keeps its scratch state in a thread-local, so {@link #match} may be called from any number of threads.
 */
public final class RuleIndex {
    private record Entry(int rule, Branch branch, RequiredLiterals literals) {}

    private static final class ChannelBucket {
        final Map<Long, List<Entry>> byId = new HashMap<>();
        final List<Entry> anyId = new ArrayList<>();
    }

    private record PlanKey(String channel, Long eventId) {}

    private final Map<String, ChannelBucket> byChannel = new HashMap<>();
    private final ChannelBucket anyChannel = new ChannelBucket();
    private final int ruleCount;
    private final Map<Integer, List<RequiredLiterals>> literalsByRule = new HashMap<>();
    private final Map<PlanKey, Plan> plans = new ConcurrentHashMap<>();
    /** Numbers this index's plans from 0, for the memos of {@link Scratch}. */
    private final java.util.concurrent.atomic.AtomicInteger planIds = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Per index, not per class: the memos in a scratch belong to this index's plans (numbered from 0 in
     * every index), and go with it when it is dropped.
     */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    public RuleIndex(List<CompiledRule> rules) {
        this.ruleCount = rules.size();
        for (int i = 0; i < rules.size(); i++) {
            for (Branch b : rules.get(i).branches()) {
                Entry e = new Entry(i, b, RequiredLiterals.of(b.detection()));
                literalsByRule.computeIfAbsent(i, k -> new ArrayList<>()).add(e.literals);
                ChannelBucket bucket = b.gate().channel() == null
                        ? anyChannel
                        : byChannel.computeIfAbsent(b.gate().channel(), k -> new ChannelBucket());
                if (b.gate().eventIds() == null) {
                    bucket.anyId.add(e);
                } else {
                    for (Long id : b.gate().eventIds()) {
                        bucket.byId.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
                    }
                }
            }
        }
    }

    /** Counts what the index can skip for these rules (see {@link IndexCoverage}). */
    public IndexCoverage coverage(List<CompiledRule> rules) {
        int active = 0;
        int byId = 0;
        int byChannel = 0;
        int prefiltered = 0;
        Map<String, Integer> reasons = new java.util.TreeMap<>();
        for (int i = 0; i < rules.size(); i++) {
            List<Branch> branches = rules.get(i).branches();
            if (branches.isEmpty()) {
                continue;
            }
            active++;
            if (branches.stream().allMatch(b -> b.gate().eventIds() != null)) {
                byId++;
            } else if (branches.stream()
                    .allMatch(b -> b.gate().eventIds() != null || b.gate().channel() != null)) {
                byChannel++;
            }
            String reason = null;
            for (RequiredLiterals r : literalsOf(i)) {
                if (!r.filterable()) {
                    reason = r.reason();
                    break;
                }
            }
            if (reason == null) {
                prefiltered++;
            } else {
                reasons.merge(reason, 1, Integer::sum);
            }
        }
        return new IndexCoverage(
                active, byId, byChannel, active - byId - byChannel, prefiltered, active - prefiltered, reasons);
    }

    /** The literal condition found for each branch of each rule, in rule then branch order. */
    public List<RequiredLiterals> literalsOf(int rule) {
        return literalsByRule.getOrDefault(rule, List.of());
    }

    /** Reports the index (in load order) of every rule that matches the event, each once. */
    public void match(Event event, IntConsumer onMatch) {
        Scratch s = scratch.get();
        String channel = SourceGate.channelOf(event);
        Long eventId = SourceGate.eventIdOf(event);
        Plan plan = s.recentPlan(channel, eventId);
        if (plan == null) {
            plan = plan(channel, eventId);
            s.rememberPlan(channel, eventId, plan);
        }
        // The scratch is done with before any callback runs, so a callback may match again.
        int[] hits = plan.match(event, s, ruleCount);
        for (int i : hits) {
            onMatch.accept(i);
        }
    }

    private Plan plan(String channel, Long eventId) {
        String key = channel == null ? null : channel.toLowerCase(Locale.ROOT);
        ChannelBucket bucket = key == null ? null : byChannel.get(key);
        if (bucket == null) {
            key = null;
        }
        Long id = eventId != null
                        && (anyChannel.byId.containsKey(eventId) || bucket != null && bucket.byId.containsKey(eventId))
                ? eventId
                : null;
        return plans.computeIfAbsent(new PlanKey(key, id), this::plan);
    }

    /** The branches of every bucket that an event of this channel and event id falls into. */
    private Plan plan(PlanKey k) {
        List<Entry> list = new ArrayList<>(anyChannel.anyId);
        if (k.eventId != null) {
            list.addAll(anyChannel.byId.getOrDefault(k.eventId, List.of()));
        }
        ChannelBucket bucket = k.channel == null ? null : byChannel.get(k.channel);
        if (bucket != null) {
            list.addAll(bucket.anyId);
            if (k.eventId != null) {
                list.addAll(bucket.byId.getOrDefault(k.eventId, List.of()));
            }
        }
        return new Plan(list, planIds.getAndIncrement());
    }

    /**
     * Per-thread scratch, reused across events: candidate marks, automaton visit stamps, and the rules
     * found so far (a bit per rule, cleared after each event, and their list).
     */
    private static final class Scratch {
        long[] marks = new long[1];
        int[] stamps = new int[1];
        int gen;
        /** Per plan and field, what scanning a value found ({@link ScanMemo}); made on first use. */
        ScanMemo[][] memos = new ScanMemo[0][];
        /** The bytes the memos hold: past {@link #MEMO_BUDGET} they are all forgotten. */
        long memoBytes;
        /** Marks of one value's scan, all clear between scans. */
        long[] scanned = new long[1];
        /**
         * The plans of recent events, by channel as read and event id (slot: the id's low bits): events
         * come in runs of a few kinds, and finding the plan by the lower-cased channel cost a fifth of a
         * microsecond per event.
         */
        private final String[] planChannels = new String[PLAN_SLOTS];

        private final Long[] planEventIds = new Long[PLAN_SLOTS];
        private final Plan[] recentPlans = new Plan[PLAN_SLOTS];
        private static final int PLAN_SLOTS = 16;

        private static int planSlot(Long eventId) {
            return eventId == null ? 0 : (int) (eventId & (PLAN_SLOTS - 1));
        }

        Plan recentPlan(String channel, Long eventId) {
            int k = planSlot(eventId);
            Plan p = recentPlans[k];
            return p != null && Objects.equals(eventId, planEventIds[k]) && Objects.equals(channel, planChannels[k])
                    ? p
                    : null;
        }

        void rememberPlan(String channel, Long eventId, Plan plan) {
            int k = planSlot(eventId);
            planChannels[k] = channel;
            planEventIds[k] = eventId;
            recentPlans[k] = plan;
        }

        /**
         * Per plan, the slots of its fields in the layouts of recent events: events of one shape share
         * a layout ({@link FieldLayout}), and looking every field up by name showed in profiles.
         */
        private PlanSlots[] planSlots = new PlanSlots[0];
        /** The slots of an event whose layout is its own, computed each time. */
        private int[] ownSlots = new int[0];

        int[] fieldSlots(int plan, Event event, String[] fields) {
            FieldLayout layout = event.layout();
            if (!layout.shared()) {
                if (ownSlots.length < fields.length) {
                    ownSlots = new int[fields.length];
                }
                return PlanSlots.resolve(layout, fields, ownSlots);
            }
            if (plan >= planSlots.length) {
                planSlots = java.util.Arrays.copyOf(planSlots, Math.max(plan + 1, planSlots.length * 2));
            }
            PlanSlots p = planSlots[plan];
            if (p == null) {
                p = new PlanSlots();
                planSlots[plan] = p;
            }
            return p.slots(layout, fields);
        }

        long[] hitBits = new long[1];
        int[] hits = new int[8];
        int hitCount;

        /** A thread's memos stay within this many bytes whatever the values (hostile input included). */
        static final long MEMO_BUDGET = 8L << 20;

        ScanMemo memo(int plan, int field, int fields) {
            if (plan >= memos.length) {
                memos = java.util.Arrays.copyOf(memos, Math.max(plan + 1, memos.length * 2));
            }
            ScanMemo[] byField = memos[plan];
            if (byField == null) {
                byField = new ScanMemo[fields];
                memos[plan] = byField;
            }
            ScanMemo memo = byField[field];
            if (memo == null) {
                memo = new ScanMemo();
                byField[field] = memo;
            }
            return memo;
        }

        void remembered(int bytes) {
            memoBytes += bytes;
            if (memoBytes > MEMO_BUDGET) {
                memos = new ScanMemo[0][];
                memoBytes = 0;
            }
        }

        /** A new scan generation: no automaton state stamped before counts as reported. */
        void nextGen() {
            if (++gen == Integer.MAX_VALUE) {
                java.util.Arrays.fill(stamps, 0);
                gen = 1;
            }
        }

        void hit(int rule) {
            if ((hitBits[rule >>> 6] & 1L << rule) == 0) {
                hitBits[rule >>> 6] |= 1L << rule;
                if (hitCount == hits.length) {
                    hits = java.util.Arrays.copyOf(hits, hitCount * 2);
                }
                hits[hitCount++] = rule;
            }
        }

        boolean isHit(int rule) {
            return (hitBits[rule >>> 6] & 1L << rule) != 0;
        }

        /** Forgets hits left by an event whose matching threw. */
        void clearHits() {
            for (int i = 0; i < hitCount; i++) {
                hitBits[hits[i] >>> 6] = 0;
            }
            hitCount = 0;
        }

        /** The rules found, in load order; resets the hit state for the next event. */
        int[] takeHits() {
            if (hitCount == 0) {
                return NO_HITS;
            }
            int[] out = java.util.Arrays.copyOf(hits, hitCount);
            for (int r : out) {
                hitBits[r >>> 6] = 0;
            }
            hitCount = 0;
            java.util.Arrays.sort(out);
            return out;
        }
    }

    private static final int[] NO_HITS = new int[0];

    /**
     * The branches of one combination of buckets: those always evaluated and those behind the literal
     * prefilter, with one automaton per field over the prefiltered branches' literals.
     */
    private static final class Plan {
        private final Entry[] always;
        private final Entry[] filtered;
        private final String[] fields;
        /** Per field: the search for the literals it must contain, or null when it has none. */
        private final LiteralAutomaton[] automata;
        /** Per field: the search for the literals it must begin with, end with or be, or null. */
        private final AnchoredLiterals[] anchored;

        private final int[] stampBase;
        private final int stampSize;
        /** Per filtered branch: the mark numbers of its further conditions, all of which must be set. */
        private final int[][] also;

        private final int markCount;
        /** Numbers the plans of an index, for the per-thread memos. */
        private final int id;

        private static void add(
                Map<String, Map<RequiredLiterals.Needle, List<Integer>>> byField, RequiredLiterals.Needle n, int mark) {
            byField.computeIfAbsent(n.field(), x -> new java.util.LinkedHashMap<>())
                    .computeIfAbsent(n, x -> new ArrayList<>())
                    .add(mark);
        }

        Plan(List<Entry> list, int id) {
            this.id = id;
            List<Entry> a = new ArrayList<>();
            List<Entry> f = new ArrayList<>();
            for (Entry e : list) {
                (e.literals.filterable() ? f : a).add(e);
            }
            always = a.toArray(new Entry[0]);
            filtered = f.toArray(new Entry[0]);
            Map<String, Map<RequiredLiterals.Needle, List<Integer>>> byField = new HashMap<>();
            // Mark numbers: the branch's index for its first condition, further ones numbered after all
            // branches, so that the candidates are read from the first range of the marks.
            also = new int[filtered.length][];
            int clauses = filtered.length;
            for (int i = 0; i < filtered.length; i++) {
                for (RequiredLiterals.Needle n : filtered[i].literals.needles()) {
                    add(byField, n, i);
                }
                List<List<RequiredLiterals.Needle>> more = filtered[i].literals.also();
                also[i] = new int[more.size()];
                for (int k = 0; k < more.size(); k++) {
                    also[i][k] = clauses;
                    for (RequiredLiterals.Needle n : more.get(k)) {
                        add(byField, n, clauses);
                    }
                    clauses++;
                }
            }
            markCount = clauses;
            // The null field (keywords) comes last: its automaton scans every field of the event.
            fields = byField.keySet().stream()
                    .sorted(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                    .toArray(String[]::new);
            automata = new LiteralAutomaton[fields.length];
            anchored = new AnchoredLiterals[fields.length];
            stampBase = new int[fields.length];
            int size = 0;
            for (int i = 0; i < fields.length; i++) {
                List<String> patterns = new ArrayList<>();
                List<int[]> targets = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                List<AnchoredLiterals.Anchor> places = new ArrayList<>();
                List<int[]> placedTargets = new ArrayList<>();
                for (Map.Entry<RequiredLiterals.Needle, List<Integer>> n :
                        byField.get(fields[i]).entrySet()) {
                    int[] t = n.getValue().stream().mapToInt(Integer::intValue).toArray();
                    RequiredLiterals.Needle needle = n.getKey();
                    if (needle.place() == RequiredLiterals.Place.ANYWHERE) {
                        patterns.add(needle.text());
                        targets.add(t);
                    } else {
                        texts.add(needle.text());
                        places.add(
                                AnchoredLiterals.Anchor.valueOf(needle.place().name()));
                        placedTargets.add(t);
                    }
                }
                if (!patterns.isEmpty()) {
                    automata[i] = new LiteralAutomaton(patterns, targets);
                    stampBase[i] = size;
                    size += automata[i].states();
                }
                if (!texts.isEmpty()) {
                    anchored[i] = new AnchoredLiterals(texts, places, placedTargets);
                }
            }
            stampSize = size;
        }

        int[] match(Event event, Scratch s, int ruleCount) {
            s.clearHits();
            if (s.hitBits.length < (ruleCount + 63) >>> 6) {
                s.hitBits = new long[(ruleCount + 63) >>> 6];
            }
            int words = (filtered.length + 63) >>> 6;
            int allWords = (markCount + 63) >>> 6;
            if (s.marks.length < allWords) {
                s.marks = new long[allWords];
            }
            if (s.stamps.length < stampSize) {
                s.stamps = new int[stampSize];
            }
            if (s.scanned.length < allWords) {
                s.scanned = new long[allWords];
            }
            long[] marks = s.marks;
            java.util.Arrays.fill(marks, 0, allWords, 0L);
            s.nextGen();
            int[] slots = s.fieldSlots(id, event, fields);
            for (int f = 0; f < fields.length; f++) {
                // values as stored: strings still encoded are scanned from their bytes, not decoded
                if (fields[f] != null) {
                    int at = slots[f];
                    if (at >= 0) {
                        if (event.storedAt(at) instanceof EncodedString value && ScanMemo.takes(value)) {
                            scanRemembered(event, at, value, f, s, allWords);
                            continue;
                        }
                        if (automata[f] != null) {
                            scan(event, at, automata[f], marks, s.stamps, stampBase[f], s.gen);
                        }
                        if (anchored[f] != null) {
                            scan(event, at, anchored[f], marks);
                        }
                    }
                } else {
                    // As a keyword search does: every field's value, null values never match.
                    for (int i = 0, n = event.size(); i < n; i++) {
                        scan(event, i, automata[f], marks, s.stamps, stampBase[f], s.gen);
                    }
                }
            }
            for (Entry e : always) {
                test(e, event, s);
            }
            for (int w = 0; w < words; w++) {
                long bits = marks[w];
                if (w == words - 1 && (filtered.length & 63) != 0) {
                    bits &= (1L << filtered.length) - 1; // the rest of the word numbers further conditions
                }
                for (; bits != 0; bits &= bits - 1) {
                    int i = (w << 6) + Long.numberOfTrailingZeros(bits);
                    if (allSet(marks, also[i])) {
                        test(filtered[i], event, s);
                    }
                }
            }
            return s.takeHits();
        }

        /** Scans one field's encoded value, or replays what scanning the same bytes found before. */
        private void scanRemembered(Event event, int at, EncodedString value, int f, Scratch s, int words) {
            ScanMemo memo = s.memo(id, f, fields.length);
            int slot = ScanMemo.slot(value);
            if (memo.replay(slot, value, s.marks)) {
                return;
            }
            long[] scanned = s.scanned;
            // a generation of its own: no state an earlier value reached may keep its marks from the record
            s.nextGen();
            if (automata[f] != null) {
                scan(event, at, automata[f], scanned, s.stamps, stampBase[f], s.gen);
            }
            if (anchored[f] != null) {
                scan(event, at, anchored[f], scanned);
            }
            s.remembered(memo.store(slot, value, scanned, words, s.marks));
        }

        /**
         * Scans one field's value as lower-cased (see {@link RequiredLiterals} for why that is enough). A
         * number or boolean is compared by its text; a value of another shape marks every branch that
         * has a literal in this field, leaving the decision to the matchers.
         */
        private static void scan(
                Event event, int at, LiteralAutomaton a, long[] marks, int[] stamps, int base, int gen) {
            Object stored = event.storedAt(at);
            if (stored instanceof EncodedString encoded) {
                // Lower-casing the decoded text never makes it longer than its UTF-8 encoding.
                if (encoded.to() - encoded.from() < a.minLength()) {
                    return;
                }
                if (!a.scanEncoded(encoded, marks, stamps, base, gen)) {
                    a.scan(((String) event.valueAt(at)).toLowerCase(Locale.ROOT), marks, stamps, base, gen);
                }
            } else {
                scan(stored, a, marks, stamps, base, gen);
            }
        }

        private static void scan(Object value, LiteralAutomaton a, long[] marks, int[] stamps, int base, int gen) {
            if (value == null) {
                return; // absent or empty: no literal occurs, and '' literals are never needles
            }
            if (value instanceof String str) {
                // the automaton folds as it goes: lower-casing every scanned field was a tenth of a hunt
                if (!a.scanFolding(str, marks, stamps, base, gen)) {
                    a.scan(str.toLowerCase(Locale.ROOT), marks, stamps, base, gen);
                }
            } else if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof List<?>) {
                        a.markAll(marks);
                    } else if (item != null) {
                        scan(item, a, marks, stamps, base, gen);
                    }
                }
            } else if (value instanceof Long || value instanceof Double || value instanceof Boolean) {
                // ASCII text: a needle (lower-cased) found in the text is found in its lower-cased form.
                if (a.mayOccurInScalarText()) {
                    String text = Objects.requireNonNull(io.vigil.sigma.match.ValueText.of(value));
                    a.scan(text.toLowerCase(Locale.ROOT), marks, stamps, base, gen);
                }
            } else {
                a.markAll(marks);
            }
        }

        /** As the scan above, for the literals a value must begin with, end with or be. */
        private static void scan(Event event, int at, AnchoredLiterals a, long[] marks) {
            Object stored = event.storedAt(at);
            if (stored instanceof EncodedString encoded) {
                if (!a.scanEncoded(encoded, marks)) {
                    a.scanFolded(((String) event.valueAt(at)).toLowerCase(Locale.ROOT), marks);
                }
            } else {
                scan(stored, a, marks);
            }
        }

        private static void scan(Object value, AnchoredLiterals a, long[] marks) {
            if (value == null) {
                return; // absent or empty: begins with, ends with and equals no (non-empty) literal
            }
            if (value instanceof String str) {
                if (!a.scanFolding(str, marks)) {
                    a.scanFolded(str.toLowerCase(Locale.ROOT), marks);
                }
            } else if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof List<?>) {
                        a.markAll(marks);
                    } else if (item != null) {
                        scan(item, a, marks);
                    }
                }
            } else if (value instanceof Long l) {
                a.scanFolded(Long.toString(l), marks); // digits and sign: lower-cased already
            } else if (value instanceof Double || value instanceof Boolean) {
                String text = Objects.requireNonNull(io.vigil.sigma.match.ValueText.of(value));
                a.scanFolded(text.toLowerCase(Locale.ROOT), marks);
            } else {
                a.markAll(marks);
            }
        }

        private static boolean allSet(long[] marks, int[] numbers) {
            for (int m : numbers) {
                if ((marks[m >>> 6] & 1L << m) == 0) {
                    return false;
                }
            }
            return true;
        }

        private static void test(Entry e, Event event, Scratch s) {
            if (!s.isHit(e.rule)
                    && e.branch.gate().matchesProvider(event)
                    && e.branch.detection().matches(event)) {
                s.hit(e.rule);
            }
        }
    }
}
