package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.msp.activity.Access;
import io.vigil.msp.activity.AccessKind;
import io.vigil.msp.activity.FieldText;
import io.vigil.msp.activity.Logoff;
import io.vigil.msp.register.Identity;
import io.vigil.msp.register.NamedHost;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code msp-shared-credential} (C09): one customer account is used, within the window, from sources that
 * belong to at least N technicians. A source belongs to a technician when
 *
 * <ul>
 *   <li>it is the {@code assigned_ip} of one of their VPN sessions (during that session; open-ended
 *       sessions count for 8 hours), or
 *   <li>it is the address or workstation their own MSP account logged on from (4624 and friends in the
 *       MSP organisation), and no other technician's MSP account used it, or
 *   <li>the register allows it for exactly one technician, or
 *   <li>it is a register jump host on which exactly one technician's MSP account has an interactive
 *       session (4624 type 2/10/11, until its logoff; 8 hours without one) at the time: the person in
 *       the seat.
 * </ul>
 *
 * Otherwise shared MSP infrastructure (jump hosts, RMM servers, VPN pools) belongs to nobody: from
 * there, who used the account cannot be told.
 */
public final class SharedCredential implements MspDetector {
    static final MspRule RULE = new MspRule(
            "msp-shared-credential",
            "Customer account used by several MSP technicians",
            Level.MEDIUM,
            "C09",
            List.of("attack.t1078", "attack.credential-access"));

    private static final Duration OPEN_LEASE = Duration.ofHours(8);

    private record Lease(Instant start, Instant end, String identity) {}

    private record Use(Instant time, String owner, String source) {}

    @Override
    public MspRule rule() {
        return RULE;
    }

    @Override
    public void run(DetectionContext ctx, List<Detection> out) {
        Map<String, Set<String>> workstationOwners = new HashMap<>();
        Map<String, TreeMap<Instant, Lease>> leases = new HashMap<>();
        Map<String, Instant> logoffs = new HashMap<>();
        for (Logoff l : ctx.facts().logoffs) {
            logoffs.putIfAbsent(l.tenant() + "|" + l.hostKey() + "|" + l.logonId(), l.time());
        }
        Map<String, List<Lease>> seats = new HashMap<>();
        for (Access a : ctx.facts().accesses) {
            Identity id = a.who().resolved();
            if (id == null) {
                continue;
            }
            if (a.kind() == AccessKind.VPN && a.assignedIp() != null) {
                Instant end = a.end() != null && a.end().isAfter(a.time())
                        ? a.end()
                        : a.time().plus(OPEN_LEASE);
                leases.computeIfAbsent(a.assignedIp(), k -> new TreeMap<>())
                        .put(a.time(), new Lease(a.time(), end, id.id()));
            } else if (a.account().user().equals(id.mspAccount().user())
                    && ctx.organisation(a.tenant()) != null
                    && ctx.organisation(a.tenant()).isMsp()) {
                String jump = jumpHost(ctx, a.host());
                if (jump != null
                        && a.kind() == AccessKind.LOGON
                        && (a.logonType() == 2 || a.logonType() == 10 || a.logonType() == 11)) {
                    Instant end = a.logonId() == null
                            ? null
                            : logoffs.get(a.tenant() + "|" + a.hostKey() + "|" + a.logonId());
                    seats.computeIfAbsent(jump, k -> new ArrayList<>())
                            .add(new Lease(
                                    a.time(), end != null ? end : a.time().plus(OPEN_LEASE), id.id()));
                }
                for (String s : new String[] {a.sourceIp(), FieldText.shortHost(a.sourceHost())}) {
                    if (s != null && !ctx.register().isSanctionedMspSource(s)) {
                        workstationOwners
                                .computeIfAbsent(s, k -> new TreeSet<>())
                                .add(id.id());
                    }
                }
            }
        }
        Duration window = ctx.settings().sharedCredentialWindow();
        int needed = ctx.settings().sharedCredentialTechnicians();
        Repeats repeats = new Repeats(window);
        Map<String, Deque<Use>> uses = new HashMap<>();
        for (Access a : ctx.facts().accesses) {
            if (ctx.customer(a.tenant()) == null || a.kind() == AccessKind.VPN) {
                continue;
            }
            String owner = null;
            String source = null;
            for (String s : new String[] {a.sourceIp(), FieldText.shortHost(a.sourceHost())}) {
                if (s != null && owner == null) {
                    owner = owner(ctx, s, a.time(), workstationOwners, leases);
                    if (owner == null) {
                        owner = seated(ctx, s, a.time(), seats);
                    }
                    source = s;
                }
            }
            if (owner == null) {
                continue;
            }
            // the tenant fixes the domain; BETACO\x and betaco.local\x are one account
            String key = a.tenant() + "|" + a.account().user().toLowerCase(java.util.Locale.ROOT);
            Deque<Use> q = uses.computeIfAbsent(key, k -> new ArrayDeque<>());
            q.addLast(new Use(a.time(), owner, source));
            while (q.peekFirst().time().isBefore(a.time().minus(window))) {
                q.removeFirst();
            }
            Map<String, String> byOwner = new TreeMap<>();
            for (Use u : q) {
                byOwner.putIfAbsent(u.owner(), u.source());
            }
            if (byOwner.size() < needed || !repeats.first(key, a.time())) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            byOwner.forEach((o, s) -> parts.add(o + " (" + s + ")"));
            String explanation = a.account() + " in " + a.tenant() + " was used from sources of " + byOwner.size()
                    + " technicians within " + TimeText.duration(window) + ": " + String.join(", ", parts);
            Map<String, Object> msp = new LinkedHashMap<>();
            msp.put("account", a.account().toString());
            msp.put("technicians", new LinkedHashMap<>(byOwner));
            msp.put("host", a.host());
            out.add(RULE.detection(a.event(), a.tenant(), owner, explanation, msp));
        }
    }

    /** The register name of the jump host {@code host} is, or null. */
    private static String jumpHost(DetectionContext ctx, String host) {
        for (NamedHost h : ctx.register().msp().jumpHosts()) {
            if (h.is(host)) {
                return h.name();
            }
        }
        return null;
    }

    /** The one technician seated on the jump host {@code source} at t, or null (none or several). */
    private static String seated(DetectionContext ctx, String source, Instant t, Map<String, List<Lease>> seats) {
        String jump = jumpHost(ctx, source);
        if (jump == null) {
            return null;
        }
        String only = null;
        for (Lease l : seats.getOrDefault(jump, List.of())) {
            if (!t.isBefore(l.start()) && !t.isAfter(l.end())) {
                if (only != null && !only.equals(l.identity())) {
                    return null;
                }
                only = l.identity();
            }
        }
        return only;
    }

    private static String owner(
            DetectionContext ctx,
            String source,
            Instant t,
            Map<String, Set<String>> workstationOwners,
            Map<String, TreeMap<Instant, Lease>> leases) {
        TreeMap<Instant, Lease> l = leases.get(source);
        if (l != null) {
            Map.Entry<Instant, Lease> e = l.floorEntry(t);
            if (e != null && !t.isAfter(e.getValue().end())) {
                return e.getValue().identity();
            }
        }
        if (ctx.register().isSanctionedMspSource(source)) {
            return null;
        }
        Set<String> owners = workstationOwners.get(source);
        if (owners != null && owners.size() == 1) {
            return owners.iterator().next();
        }
        String only = null;
        for (Identity id : ctx.register().identities()) {
            if (id.allowsSource(source)) {
                if (only != null) {
                    return null;
                }
                only = id.id();
            }
        }
        return only;
    }
}
