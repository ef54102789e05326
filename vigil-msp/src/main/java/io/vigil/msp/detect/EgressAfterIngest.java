package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.msp.activity.Flow;
import io.vigil.msp.register.Organisation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code msp-egress-after-ingest}: an MSP address receives at least {@code ingestBytes} from customer
 * tenant addresses within T (flow logs), and within T after that sends to external addresses (in no
 * organisation's networks, not an MSP VPN pool) more than {@code egressFactor} times its daily median of
 * external bytes. The daily median runs over every UTC day the address appears in the flows (days without
 * egress count as zero), so it needs some history; with a median of zero the floor is a tenth of {@code
 * ingestBytes}. Fires once per ingest.
 */
public final class EgressAfterIngest implements MspDetector {
    static final MspRule RULE = new MspRule(
            "msp-egress-after-ingest",
            "MSP host sends customer-sized data out after receiving it",
            Level.HIGH,
            null,
            List.of("attack.exfiltration", "attack.t1041", "attack.t1048", "attack.collection", "attack.t1074.002"));

    private record In(Instant time, long bytes, String src, String tenant) {}

    private static final class HostState {
        final Deque<In> recent = new ArrayDeque<>();
        long recentBytes;
        In ingestAt;
        long ingested;
        TreeSet<String> ingestTenants = new TreeSet<>();
        long egressSince;
        TreeSet<String> destinations = new TreeSet<>();
        boolean fired;
    }

    @Override
    public MspRule rule() {
        return RULE;
    }

    @Override
    public void run(DetectionContext ctx, List<Detection> out) {
        Organisation msp = ctx.register().msp();
        Map<String, TreeMap<LocalDate, Long>> daily = new HashMap<>();
        for (Flow f : ctx.facts().flows) {
            LocalDate day = LocalDate.ofInstant(f.time(), ZoneOffset.UTC);
            for (String ip : new String[] {f.srcIp(), f.dstIp()}) {
                if (msp.ownsAddress(ip)) {
                    daily.computeIfAbsent(ip, k -> new TreeMap<>()).merge(day, 0L, Long::sum);
                }
            }
            if (msp.ownsAddress(f.srcIp()) && external(ctx, f.dstIp())) {
                daily.get(f.srcIp()).merge(day, f.bytes(), Long::sum);
            }
        }
        Duration window = ctx.settings().egressWindow();
        Map<String, HostState> states = new HashMap<>();
        for (Flow f : ctx.facts().flows) {
            Organisation from =
                    ctx.attribution().organisationOfAddress(f.srcIp()).orElse(null);
            if (msp.ownsAddress(f.dstIp()) && from != null && !from.isMsp()) {
                HostState s = states.computeIfAbsent(f.dstIp(), k -> new HostState());
                s.recent.addLast(new In(f.time(), f.bytes(), f.srcIp(), from.id()));
                s.recentBytes += f.bytes();
                while (s.recent.peekFirst().time().isBefore(f.time().minus(window))) {
                    s.recentBytes -= s.recent.removeFirst().bytes();
                }
                if (s.recentBytes >= ctx.settings().ingestBytes()) {
                    s.ingestAt = new In(f.time(), f.bytes(), f.srcIp(), from.id());
                    s.ingested = s.recentBytes;
                    s.ingestTenants = new TreeSet<>();
                    s.recent.forEach(i -> s.ingestTenants.add(i.tenant()));
                    s.egressSince = 0;
                    s.destinations = new TreeSet<>();
                    s.fired = false;
                }
                continue;
            }
            if (!msp.ownsAddress(f.srcIp()) || !external(ctx, f.dstIp())) {
                continue;
            }
            HostState s = states.get(f.srcIp());
            if (s == null
                    || s.ingestAt == null
                    || s.fired
                    || f.time().isAfter(s.ingestAt.time().plus(window))) {
                continue;
            }
            s.egressSince += f.bytes();
            s.destinations.add(f.dstIp());
            long median = median(new ArrayList<>(daily.get(f.srcIp()).values()));
            double threshold = Math.max(
                    ctx.settings().egressFactor() * median, ctx.settings().ingestBytes() / 10.0);
            if (s.egressSince <= threshold) {
                continue;
            }
            s.fired = true;
            String explanation =
                    f.srcIp() + " sent " + mb(s.egressSince) + " to external " + String.join(", ", s.destinations)
                            + " within " + TimeText.duration(Duration.between(s.ingestAt.time(), f.time()))
                            + " after receiving "
                            + mb(s.ingested) + " from " + String.join(", ", s.ingestTenants) + "; its daily median is "
                            + mb(median);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("host_ip", f.srcIp());
            details.put("egress_bytes", s.egressSince);
            details.put("destinations", List.copyOf(s.destinations));
            details.put("ingest_bytes", s.ingested);
            details.put("ingest_from", List.copyOf(s.ingestTenants));
            details.put("ingest_time", TimeText.utc(s.ingestAt.time()));
            details.put("daily_median_bytes", median);
            out.add(RULE.detection(f.event(), msp.id(), null, explanation, details));
        }
    }

    private static boolean external(DetectionContext ctx, String ip) {
        for (Organisation o : ctx.register().organisations()) {
            if (o.ownsAddress(ip)) {
                return false;
            }
        }
        return !ctx.register().isSanctionedMspSource(ip);
    }

    static long median(List<Long> values) {
        values.sort(null);
        int n = values.size();
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
