package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.event.Event;
import io.vigil.msp.activity.Access;
import io.vigil.msp.activity.AccessKind;
import io.vigil.msp.activity.ActorIdentity;
import io.vigil.msp.activity.Fact;
import io.vigil.msp.activity.RemoteExec;
import io.vigil.msp.register.ServiceAccount;
import java.time.Duration;
import java.time.Instant;
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
 * {@code msp-lateral-fanout}: one MSP identity, or one source address/workstation, reaches at least N
 * distinct hosts within T through network logons (4624 type 3), PsExec services (7045 PSEXESVC), WMI
 * process starts or scheduled tasks created (4698). A PsExec service names no actor: it takes the actor
 * and source of the last type-3 logon on the same host within two minutes before it.
 *
 * <p>Not counted: ticketed work (MSP identity from an allowed source under a ticket for the tenant),
 * the MSP's RMM servers as sources and register RMM accounts, whose fan-out is their job. Hosts
 * are told apart by organisation, so ACME's and BETACO's {@code DC01} are two hosts. A maintenance
 * window alone does not sanction fan-out: a window says when a technician may work, while touching many
 * hosts within the hour is a change, and changes go through a ticket (S6's 40-host patch push has one).
 */
public final class LateralFanout implements MspDetector {
    static final MspRule RULE = new MspRule(
            "msp-lateral-fanout",
            "One identity or source reaching many hosts",
            Level.HIGH,
            null,
            List.of("attack.lateral-movement", "attack.t1021", "attack.t1569.002", "attack.t1047"));

    private static final Duration BORROW = Duration.ofMinutes(2);

    private record Step(Instant time, String host, String method, Event event, String tenant, String identity) {}

    @Override
    public MspRule rule() {
        return RULE;
    }

    @Override
    public void run(DetectionContext ctx, List<Detection> out) {
        List<Fact> facts = new ArrayList<>();
        for (Access a : ctx.facts().accesses) {
            if (a.kind() == AccessKind.LOGON && a.logonType() == 3) {
                facts.add(a);
            }
        }
        facts.addAll(ctx.facts().remoteExecs);
        facts.sort(Fact.ORDER);
        int n = ctx.settings().fanoutHosts();
        Duration window = ctx.settings().fanoutWindow();
        Repeats repeats = new Repeats(window);
        Map<String, Access> lastNetworkLogon = new HashMap<>();
        Map<String, Deque<Step>> byKey = new HashMap<>();
        for (Fact f : facts) {
            String tenant;
            String hostKey;
            String method;
            ActorIdentity who;
            String sourceIp;
            String sourceHost;
            Event event;
            boolean rmmAccount;
            if (f instanceof Access a) {
                tenant = a.tenant();
                hostKey = a.hostKey();
                method = "network logon";
                who = a.who();
                sourceIp = a.sourceIp();
                sourceHost = a.sourceHost();
                event = a.event();
                rmmAccount = isRmm(ctx, a);
                lastNetworkLogon.put(tenant + "|" + hostKey, a);
            } else {
                RemoteExec r = (RemoteExec) f;
                tenant = r.tenant();
                hostKey = r.hostKey();
                method = r.method();
                who = r.who();
                sourceIp = r.actor() == null ? null : r.actor().sourceIp();
                sourceHost = r.actor() == null ? null : r.actor().sourceHost();
                event = r.event();
                rmmAccount = false;
                Access before = lastNetworkLogon.get(tenant + "|" + hostKey);
                if (r.actor() == null
                        && before != null
                        && !before.time().isBefore(r.time().minus(BORROW))) {
                    who = before.who();
                    sourceIp = before.sourceIp();
                    sourceHost = before.sourceHost();
                    rmmAccount = isRmm(ctx, before);
                }
            }
            if (hostKey == null
                    || rmmAccount
                    || ctx.ticketedWork(tenant, who, sourceIp, sourceHost, f.time()) != null) {
                continue;
            }
            String scopedHost = (tenant == null ? "?" : tenant) + ":" + hostKey;
            List<String> keys = new ArrayList<>();
            if (who.isMsp()) {
                keys.add("identity " + who.key());
            }
            String source = sourceIp != null ? sourceIp : io.vigil.msp.activity.FieldText.shortHost(sourceHost);
            if (source != null && !ctx.isRmmServer(source)) {
                keys.add("source " + source);
            }
            for (String key : keys) {
                Deque<Step> q = byKey.computeIfAbsent(key, k -> new ArrayDeque<>());
                q.addLast(new Step(f.time(), scopedHost, method, event, tenant, who.key()));
                while (q.peekFirst().time().isBefore(f.time().minus(window))) {
                    q.removeFirst();
                }
                Map<String, String> hosts = new TreeMap<>();
                TreeSet<String> methods = new TreeSet<>();
                TreeSet<String> tenants = new TreeSet<>();
                for (Step s : q) {
                    hosts.putIfAbsent(s.host(), s.method());
                    methods.add(s.method());
                    if (s.tenant() != null) {
                        tenants.add(s.tenant());
                    }
                }
                if (hosts.size() < n || !repeats.first(key, f.time())) {
                    continue;
                }
                Instant start = q.peekFirst().time();
                String explanation = key + " reached " + hosts.size() + " hosts within "
                        + TimeText.duration(Duration.between(start, f.time())) + " (threshold " + n + " in "
                        + TimeText.duration(window) + ") by " + String.join(", ", methods) + ": "
                        + String.join(", ", hosts.keySet());
                Map<String, Object> msp = new LinkedHashMap<>();
                msp.put("key", key);
                msp.put("hosts", List.copyOf(hosts.keySet()));
                msp.put("methods", List.copyOf(methods));
                msp.put("tenants", List.copyOf(tenants));
                msp.put("first", TimeText.utc(start));
                out.add(RULE.detection(event, tenant, who.key(), explanation, msp));
            }
        }
    }

    private static boolean isRmm(DetectionContext ctx, Access a) {
        return ctx.register()
                .serviceAccount(a.account())
                .map(s -> s.kind() == ServiceAccount.Kind.RMM)
                .orElse(false);
    }
}
