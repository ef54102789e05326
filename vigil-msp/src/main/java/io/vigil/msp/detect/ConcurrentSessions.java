package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.msp.activity.Access;
import io.vigil.msp.activity.AccessKind;
import io.vigil.msp.activity.FieldText;
import io.vigil.msp.activity.Logoff;
import io.vigil.msp.register.Organisation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code msp-concurrent-sessions} (C05), two ways:
 *
 * <ul>
 *   <li>overlap: one identity has two sessions open at once that are not one chain: VPN sessions
 *       ({@code start}..{@code end}) and interactive logons (4624 type 2/10/11, ended by the 4634/4647 of
 *       the same logon id on the same host; without one, an instant). Two sessions are one chain (one
 *       person hopping) when the later one comes from where the earlier one put the person: the earlier
 *       session's host (name or learned address), its VPN {@code assigned_ip}, or, when the earlier
 *       session is inside the MSP, the MSP's own jump hosts, RMM servers and VPN pools (its egress). A
 *       console logon on a workstation followed by RDP from it to the jump host and on into a tenant is
 *       one person; the same identity at the office console and at a foreign address is two;
 *   <li>two tenants: one identity is active in two customer tenants within T, and at least one of the two
 *       accesses came from a source it may not use (from the jump host, working for two customers in a
 *       row is the job).
 * </ul>
 *
 * Only resolved identities are judged: an ambiguous shared credential is several people.
 */
public final class ConcurrentSessions implements MspDetector {
    static final MspRule RULE = new MspRule(
            "msp-concurrent-sessions",
            "MSP identity with concurrent sessions or in two tenants at once",
            Level.HIGH,
            "C05",
            List.of("attack.initial-access", "attack.t1078"));

    private record Session(Access access, Instant end) {}

    @Override
    public MspRule rule() {
        return RULE;
    }

    @Override
    public void run(DetectionContext ctx, List<Detection> out) {
        Map<String, TreeMap<Instant, Logoff>> logoffs = new HashMap<>();
        for (Logoff l : ctx.facts().logoffs) {
            logoffs.computeIfAbsent(l.tenant() + "|" + l.hostKey() + "|" + l.logonId(), k -> new TreeMap<>())
                    .put(l.time(), l);
        }
        Duration t = ctx.settings().concurrencyWindow();
        Repeats repeats = new Repeats(ctx.settings().repeatSuppression());
        Map<String, List<Session>> open = new HashMap<>();
        Map<String, Map<String, Access>> lastByTenant = new HashMap<>();
        for (Access a : ctx.facts().accesses) {
            if (a.who().resolved() == null || a.source() == null) {
                continue;
            }
            String id = a.who().resolved().id();
            String cls = sessionClass(a);
            if (cls != null) {
                Instant end = end(a, logoffs);
                List<Session> sessions = open.computeIfAbsent(id, k -> new ArrayList<>());
                sessions.removeIf(s -> s.end().isBefore(a.time()));
                for (Session s : sessions) {
                    if (!s.access().source().equals(a.source()) && !chained(ctx, sessions, a)) {
                        String pair = pair(s.access().source(), a.source());
                        if (repeats.first("overlap|" + id + "|" + pair, a.time())) {
                            out.add(overlap(s.access(), s.end(), a));
                        }
                        break;
                    }
                }
                sessions.add(new Session(a, end));
            }
            if (ctx.customer(a.tenant()) == null) {
                continue;
            }
            Map<String, Access> last = lastByTenant.computeIfAbsent(id, k -> new HashMap<>());
            boolean allowed = DetectionContext.sourceAllowed(a.who(), a.sourceIp(), a.sourceHost());
            List<String> others = new ArrayList<>(last.keySet());
            others.sort(null);
            for (String other : others) {
                Access b = last.get(other);
                if (other.equals(a.tenant()) || b.time().isBefore(a.time().minus(t))) {
                    continue;
                }
                boolean bAllowed = DetectionContext.sourceAllowed(b.who(), b.sourceIp(), b.sourceHost());
                if (allowed && bAllowed) {
                    continue;
                }
                if (repeats.first("tenants|" + id + "|" + pair(other, a.tenant()), a.time())) {
                    out.add(twoTenants(b, a, t));
                }
            }
            last.put(a.tenant(), a);
        }
    }

    /** True when {@code a} comes from a place one of the identity's open sessions put it at. */
    private static boolean chained(DetectionContext ctx, List<Session> sessions, Access a) {
        for (Session s : sessions) {
            if (reaches(ctx, s.access(), a)) {
                return true;
            }
        }
        return false;
    }

    private static boolean reaches(DetectionContext ctx, Access from, Access a) {
        String host = from.hostKey();
        if (from.kind() != AccessKind.VPN && host != null) {
            if (host.equals(FieldText.shortHost(a.sourceHost()))) {
                return true;
            }
            if (a.sourceIp() != null && ctx.facts().addresses.addressesOf(host).contains(a.sourceIp())) {
                return true;
            }
        }
        if (from.assignedIp() != null && from.assignedIp().equals(a.sourceIp())) {
            return true;
        }
        Organisation org = ctx.organisation(from.tenant());
        if (org != null && org.isMsp()) {
            return (a.sourceIp() != null && ctx.register().isSanctionedMspSource(a.sourceIp()))
                    || (a.sourceHost() != null && ctx.register().isSanctionedMspSource(a.sourceHost()));
        }
        return false;
    }

    private static String sessionClass(Access a) {
        if (a.kind() == AccessKind.VPN) {
            return "vpn";
        }
        if (a.kind() == AccessKind.LOGON && (a.logonType() == 2 || a.logonType() == 10 || a.logonType() == 11)) {
            return "interactive";
        }
        return null;
    }

    private static Instant end(Access a, Map<String, TreeMap<Instant, Logoff>> logoffs) {
        if (a.kind() == AccessKind.VPN) {
            return a.end() != null && a.end().isAfter(a.time()) ? a.end() : a.time();
        }
        if (a.logonId() != null) {
            TreeMap<Instant, Logoff> l = logoffs.get(a.tenant() + "|" + a.hostKey() + "|" + a.logonId());
            if (l != null) {
                Map.Entry<Instant, Logoff> e = l.ceilingEntry(a.time());
                if (e != null) {
                    return e.getKey();
                }
            }
        }
        return a.time();
    }

    private static String pair(String x, String y) {
        return x.compareTo(y) <= 0 ? x + "|" + y : y + "|" + x;
    }

    private static Detection overlap(Access first, Instant firstEnd, Access a) {
        String explanation = AccessText.who(a) + " " + AccessText.verb(a) + " " + AccessText.host(a)
                + AccessText.from(a) + " at " + TimeText.utc(a.time()) + " while its session from "
                + first.source() + " (since " + TimeText.utc(first.time()) + ", until " + TimeText.utc(firstEnd)
                + ") was still open";
        Map<String, Object> msp = new LinkedHashMap<>();
        msp.put("kind", "overlap");
        msp.put("sources", List.of(first.source(), a.source()));
        msp.put("first_start", TimeText.utc(first.time()));
        msp.put("first_end", TimeText.utc(firstEnd));
        return RULE.detection(a.event(), a.tenant(), a.who().key(), explanation, msp);
    }

    private static Detection twoTenants(Access b, Access a, Duration t) {
        Duration apart = Duration.between(b.time(), a.time());
        String explanation = a.who().key() + " was active in " + b.tenant() + AccessText.from(b) + " and "
                + a.tenant() + AccessText.from(a) + " within " + TimeText.duration(apart) + " (limit "
                + TimeText.duration(t) + "), not both from allowed sources";
        Map<String, Object> msp = new LinkedHashMap<>();
        msp.put("kind", "two_tenants");
        msp.put("tenants", List.of(b.tenant(), a.tenant()));
        msp.put("sources", List.of(String.valueOf(b.source()), String.valueOf(a.source())));
        msp.put("minutes_apart", apart.toMinutes());
        return RULE.detection(a.event(), a.tenant(), a.who().key(), explanation, msp);
    }
}
