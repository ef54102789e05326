package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.event.Event;
import io.vigil.msp.activity.HostHours;
import io.vigil.msp.activity.RecordStreams;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code msp-event-gap} (C10), two ways:
 *
 * <ul>
 *   <li>skip: in one (organisation, host, channel) stream the EventRecordIDs seen, sorted, jump by more
 *       than one. Only streams that are otherwise complete are judged (at least {@code
 *       minContiguousRecords} of consecutive ids follow each other): a forwarder that ships a subset of
 *       event ids skips all the time and says nothing;
 *   <li>silence: an attributed host that logs in at least {@code heartbeatCoverage} of the hours between
 *       its first and last event (over at least 24 hours) is silent for longer than T, while another host
 *       of its organisation logged in every full hour of that silence. A silence at the end of the data is
 *       not judged (collection may have stopped).
 * </ul>
 *
 * The event of a skip is the first record after it; a silence keeps no events, so its event is a minimal
 * one ({@code Computer}, {@code msp_gap}) at the first event after it, with that event's provenance.
 */
public final class EventGap implements MspDetector {
    static final MspRule RULE = new MspRule(
            "msp-event-gap",
            "Event log gap on a host",
            Level.MEDIUM,
            "C10",
            List.of("attack.defense-evasion", "attack.t1070", "attack.t1562.002"));

    @Override
    public MspRule rule() {
        return RULE;
    }

    @Override
    public void run(DetectionContext ctx, List<Detection> out) {
        skips(ctx, out);
        silences(ctx, out);
    }

    private void skips(DetectionContext ctx, List<Detection> out) {
        RecordStreams streams = ctx.facts().records;
        for (Map.Entry<RecordStreams.Key, List<RecordStreams.Run>> e : streams.streams()) {
            List<RecordStreams.Run> runs = e.getValue();
            if (runs.size() < 2) {
                continue;
            }
            long total = 0;
            long contiguous = 0;
            for (RecordStreams.Run r : runs) {
                total += r.hi() - r.lo() + 1;
                contiguous += r.hi() - r.lo();
            }
            if ((double) contiguous / (total - 1) < ctx.settings().minContiguousRecords()) {
                continue;
            }
            for (int i = 1; i < runs.size(); i++) {
                RecordStreams.Run before = runs.get(i - 1);
                RecordStreams.Run after = runs.get(i);
                long missing = after.lo() - before.hi() - 1;
                Event event = after.first();
                String channel = String.valueOf(event.get("Channel"));
                String host = streams.host(e.getKey());
                String explanation = channel + " on " + host + ": EventRecordID jumps from " + before.hi() + " to "
                        + after.lo() + " (" + missing + " records missing) between " + TimeText.utc(before.hiTime())
                        + " and " + TimeText.utc(after.loTime());
                Map<String, Object> msp = new LinkedHashMap<>();
                msp.put("kind", "record_skip");
                msp.put("channel", channel);
                msp.put("host", host);
                msp.put("last_before", before.hi());
                msp.put("first_after", after.lo());
                msp.put("missing", missing);
                msp.put("from", TimeText.utc(before.hiTime()));
                msp.put("to", TimeText.utc(after.loTime()));
                out.add(RULE.detection(event, streams.tenant(e.getKey()), null, explanation, msp));
            }
        }
    }

    private void silences(DetectionContext ctx, List<Detection> out) {
        HostHours hours = ctx.facts().hours;
        Map<String, Map<Long, Integer>> hostsPerHour = new HashMap<>();
        for (HostHours.Host h : hours.hosts()) {
            Map<Long, Integer> m = hostsPerHour.computeIfAbsent(h.tenant(), k -> new HashMap<>());
            for (Long hour : hours.hours(h).keySet()) {
                m.merge(hour, 1, Integer::sum);
            }
        }
        Duration silence = ctx.settings().silence();
        for (HostHours.Host h : hours.hosts()) {
            TreeMap<Long, HostHours.Hour> mine = hours.hours(h);
            long span = mine.lastKey() - mine.firstKey() + 1;
            if (span < 24 || (double) mine.size() / span < ctx.settings().heartbeatCoverage()) {
                continue;
            }
            Map<Long, Integer> tenantHours = hostsPerHour.get(h.tenant());
            Map.Entry<Long, HostHours.Hour> prev = null;
            for (Map.Entry<Long, HostHours.Hour> cur : mine.entrySet()) {
                if (prev != null) {
                    Duration quiet = Duration.between(
                            prev.getValue().max(), cur.getValue().min());
                    if (quiet.compareTo(silence) > 0 && othersKeptLogging(tenantHours, prev.getKey(), cur.getKey())) {
                        out.add(silence(h, prev.getValue(), cur.getValue(), quiet));
                    }
                }
                prev = cur;
            }
        }
    }

    private static boolean othersKeptLogging(Map<Long, Integer> tenantHours, long fromHour, long toHour) {
        if (toHour - fromHour < 2) {
            return false;
        }
        for (long hour = fromHour + 1; hour < toHour; hour++) {
            if (tenantHours.getOrDefault(hour, 0) < 1) {
                return false;
            }
        }
        return true;
    }

    private static Detection silence(HostHours.Host h, HostHours.Hour before, HostHours.Hour after, Duration quiet) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Computer", after.computer());
        fields.put("msp_gap", "silence");
        Event event = Event.of(fields, after.min(), after.minProvenance());
        String explanation = after.computer() + " (" + h.tenant() + ") was silent for " + TimeText.duration(quiet)
                + " from " + TimeText.utc(before.max()) + " to " + TimeText.utc(after.min()) + " while other hosts of "
                + h.tenant() + " kept logging";
        Map<String, Object> msp = new LinkedHashMap<>();
        msp.put("kind", "silence");
        msp.put("host", after.computer());
        msp.put("from", TimeText.utc(before.max()));
        msp.put("to", TimeText.utc(after.min()));
        msp.put("minutes", quiet.toMinutes());
        return RULE.detection(event, h.tenant(), null, explanation, msp);
    }
}
