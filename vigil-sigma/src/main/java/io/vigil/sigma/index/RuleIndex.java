package io.vigil.sigma.index;

import io.vigil.core.event.Event;
import io.vigil.sigma.compile.Branch;
import io.vigil.sigma.compile.CompiledRule;
import io.vigil.sigma.match.SourceGate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Buckets rule branches by the channel and event id their log-source gate requires, so that an event
 * is tested only against the rules that can apply to it, instead of against every rule. A branch is
 * left out of a bucket only when its gate provably rejects every event of that bucket, so the result
 * equals testing every rule (a conformance test checks this against the plain loop).
 */
public final class RuleIndex {
    private record Entry(int rule, Branch branch) {}

    private static final class ChannelBucket {
        final Map<Long, List<Entry>> byId = new HashMap<>();
        final List<Entry> anyId = new ArrayList<>();
    }

    private final Map<String, ChannelBucket> byChannel = new HashMap<>();
    private final ChannelBucket anyChannel = new ChannelBucket();
    private final int ruleCount;

    public RuleIndex(List<CompiledRule> rules) {
        this.ruleCount = rules.size();
        for (int i = 0; i < rules.size(); i++) {
            for (Branch b : rules.get(i).branches()) {
                Entry e = new Entry(i, b);
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

    /** Reports the index (in load order) of every rule that matches the event, each once. */
    public void match(Event event, IntConsumer onMatch) {
        String channel = SourceGate.channelOf(event);
        Long eventId = SourceGate.eventIdOf(event);
        BitSet hits = new BitSet(ruleCount);
        test(anyChannel, eventId, event, hits);
        if (channel != null) {
            ChannelBucket bucket = byChannel.get(channel.toLowerCase(Locale.ROOT));
            if (bucket != null) {
                test(bucket, eventId, event, hits);
            }
        }
        for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) {
            onMatch.accept(i);
        }
    }

    private static void test(ChannelBucket bucket, Long eventId, Event event, BitSet hits) {
        run(bucket.anyId, event, hits);
        if (eventId != null) {
            List<Entry> list = bucket.byId.get(eventId);
            if (list != null) {
                run(list, event, hits);
            }
        }
    }

    private static void run(List<Entry> entries, Event event, BitSet hits) {
        for (Entry e : entries) {
            if (!hits.get(e.rule)
                    && e.branch.gate().matchesProvider(event)
                    && e.branch.detection().matches(event)) {
                hits.set(e.rule);
            }
        }
    }
}
