package io.vigil.msp;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.event.Event;
import io.vigil.msp.activity.Actor;
import io.vigil.msp.activity.ActorIdentity;
import io.vigil.msp.activity.FactExtractor;
import io.vigil.msp.activity.Facts;
import io.vigil.msp.activity.FieldText;
import io.vigil.msp.activity.Intrusion;
import io.vigil.msp.attribute.Attribution;
import io.vigil.msp.attribute.CommandTargets;
import io.vigil.msp.detect.CompromisedSource;
import io.vigil.msp.detect.ConcurrentSessions;
import io.vigil.msp.detect.CrossTenantArtifact;
import io.vigil.msp.detect.DetectionContext;
import io.vigil.msp.detect.EgressAfterIngest;
import io.vigil.msp.detect.EventGap;
import io.vigil.msp.detect.FirstSeenSource;
import io.vigil.msp.detect.LateralFanout;
import io.vigil.msp.detect.LogClearAfterIntrusion;
import io.vigil.msp.detect.MspDetector;
import io.vigil.msp.detect.NoMfa;
import io.vigil.msp.detect.OutsideWindow;
import io.vigil.msp.detect.PrivilegedChangeDetector;
import io.vigil.msp.detect.ServiceInteractive;
import io.vigil.msp.detect.SharedCredential;
import io.vigil.msp.detect.TimeText;
import io.vigil.msp.detect.UnsanctionedSource;
import io.vigil.msp.register.Organisation;
import io.vigil.msp.register.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The MSP context of a hunt (docs/msp-detections.md): enriches every single-event detection with its
 * tenant and MSP identity, lowers the ones sanctioned maintenance explains, keeps compact facts of every
 * event, and at the end runs the MSP detectors over those facts in event-time order.
 *
 * <p>Contract: {@link #accept} is called once for every event of the hunt, in input order (not time
 * order), from one thread, with that event's single-event detections; it returns them enriched. {@link
 * #finish} is called once after the last event and emits the MSP detections in time order. Results do
 * not depend on the order events were accepted in. Not thread-safe.
 */
public final class MspAnalysis {
    private final Attribution attribution;
    private final Facts facts = new Facts();
    private final FactExtractor extractor;
    private final DetectionContext context;
    private final List<MspDetector> detectors = List.of(
            new OutsideWindow(),
            new UnsanctionedSource(),
            new FirstSeenSource(),
            new ConcurrentSessions(),
            new SharedCredential(),
            new PrivilegedChangeDetector(),
            new ServiceInteractive(),
            new LateralFanout(),
            new CompromisedSource(),
            new NoMfa(),
            new CrossTenantArtifact(),
            new LogClearAfterIntrusion(),
            new EventGap(),
            new EgressAfterIngest());
    private final Map<String, Long> byOrganisation = new TreeMap<>();
    private final Map<String, Long> byRule = new TreeMap<>();
    private long unattributed;
    private long withoutTime;
    private long lowered;
    private long notAnalysed;
    private int sinceCount = 4095;
    private boolean capReached;

    public MspAnalysis(Attribution attribution, MspSettings settings) {
        this.attribution = attribution;
        this.extractor = new FactExtractor(attribution, facts);
        this.context = new DetectionContext(attribution, settings, facts);
    }

    /** The detectors, in the order they run; one per rule id of docs/msp-detections.md. */
    public List<MspDetector> detectors() {
        return detectors;
    }

    /**
     * Takes the facts of {@code event} and returns its single-event detections with {@code tenant}, {@code
     * identity} and, for sanctioned maintenance, level {@code low}, {@code original_level} and {@code
     * explanation}.
     */
    public List<Detection> accept(Event event, List<Detection> detections) {
        Organisation org = attribution.organisationOf(event).orElse(null);
        if (org == null) {
            unattributed++;
        } else {
            byOrganisation.merge(org.id(), 1L, Long::sum);
        }
        Instant t = event.timestamp();
        if (t == null) {
            withoutTime++;
        }
        // Facts.size() walks per-host tables: recount only now and then, the cap need not be exact
        if (++sinceCount >= 4096) {
            sinceCount = 0;
            capReached = facts.size() >= context.settings().maxFacts();
        }
        if (!capReached) {
            extractor.extract(event, org, !detections.isEmpty());
        } else {
            notAnalysed++;
        }
        if (detections.isEmpty()) {
            return List.of();
        }
        Actor actor = Actor.of(event);
        ActorIdentity who = extractor.who(actor);
        String sanction = maintenance(org, actor, who, t, event);
        List<Detection> out = new ArrayList<>(detections.size());
        Detection worst = null;
        for (Detection d : detections) {
            Map<String, Object> extra = new LinkedHashMap<>(d.extra());
            if (org != null) {
                extra.put("tenant", org.id());
            }
            if (who.isMsp()) {
                extra.put("identity", who.key());
            }
            RuleRef rule = d.rule();
            if (sanction != null) {
                extra.put("explanation", sanction);
                if (rule.level().compareTo(Level.LOW) > 0) {
                    extra.put("original_level", rule.level().label());
                    rule = new RuleRef(
                            rule.id(), rule.title(), Level.LOW, rule.status(), rule.author(), rule.tags(), rule.path());
                    lowered++;
                }
            }
            Detection enriched = new Detection(rule, event, extra);
            out.add(enriched);
            if (worst == null || enriched.level().compareTo(worst.level()) > 0) {
                worst = enriched;
            }
        }
        if (t != null && !capReached && worst.level().compareTo(Level.HIGH) >= 0 && !isLogClear(event)) {
            facts.intrusions.add(new Intrusion(
                    t,
                    org == null ? null : org.id(),
                    FieldText.text(event, "Computer"),
                    worst.rule().id(),
                    worst.rule().title(),
                    worst.level(),
                    event.provenance()));
        }
        return out;
    }

    /**
     * Adds {@code tenant} to a detection derived from several events (a correlation), judged by its
     * triggering event, without taking facts from that event a second time.
     */
    public Detection annotate(Detection derived) {
        Organisation org = attribution.organisationOf(derived.event()).orElse(null);
        if (org == null || derived.extra().containsKey("tenant")) {
            return derived;
        }
        Map<String, Object> extra = new LinkedHashMap<>(derived.extra());
        extra.put("tenant", org.id());
        return new Detection(derived.rule(), derived.event(), extra);
    }

    /**
     * Why sanctioned maintenance explains the work, or null. On a customer host: inside a window, a ticket
     * for the tenant open, and the actor an MSP identity acting from an allowed source with that ticket,
     * or a non-person actor (no named actor, or a register service account such as the backup agent)
     * and any ticket of the tenant. On an MSP jump host: an MSP identity's command that names hosts of
     * exactly one tenant, inside that tenant's window and under that identity's ticket for it (the
     * technician's side of the same change).
     */
    private String maintenance(Organisation org, Actor actor, ActorIdentity who, Instant t, Event event) {
        if (org == null || t == null) {
            return null;
        }
        if (org.isMsp()) {
            return jumpHostMaintenance(actor, who, t, event);
        }
        if (!org.inWindow(t)) {
            return null;
        }
        String window = org.name() + "'s window " + TimeText.windows(org) + " (" + TimeText.local(t, org.zone()) + ")";
        if (actor == null
                || attribution.register().serviceAccount(actor.account()).isPresent()) {
            Optional<Ticket> any = attribution.register().tickets().stream()
                    .filter(k -> k.tenant().equals(org.id()) && !t.isBefore(k.from()) && !t.isAfter(k.to()))
                    .findFirst();
            String by = actor == null ? "no named actor" : "service account " + actor.account();
            return any.map(k -> "sanctioned maintenance: inside " + window + ", ticket " + k.id() + " (" + k.identity()
                            + ") open, " + by)
                    .orElse(null);
        }
        if (!who.isMsp() || !DetectionContext.sourceAllowed(who, actor.sourceIp(), actor.sourceHost())) {
            return null;
        }
        Optional<Ticket> ticket = context.ticket(org.id(), who, t);
        String from = actor.source() == null ? "" : ", from " + actor.source();
        return ticket.map(k -> "sanctioned maintenance: " + who.key() + " (" + actor.account() + ") inside " + window
                        + ", ticket " + k.id() + from)
                .orElse(null);
    }

    private String jumpHostMaintenance(Actor actor, ActorIdentity who, Instant t, Event event) {
        String host = FieldText.text(event, "Computer");
        if (actor == null || !who.isMsp() || host == null) {
            return null;
        }
        String jump = attribution.register().msp().jumpHosts().stream()
                .filter(h -> h.is(host))
                .map(h -> h.name())
                .findFirst()
                .orElse(null);
        if (jump == null) {
            return null;
        }
        Set<String> targets = CommandTargets.of(attribution, FieldText.text(event, "CommandLine"));
        if (targets.size() != 1) {
            return null;
        }
        Organisation tenant = context.customer(targets.iterator().next());
        if (tenant == null || !tenant.inWindow(t)) {
            return null;
        }
        String window =
                tenant.name() + "'s window " + TimeText.windows(tenant) + " (" + TimeText.local(t, tenant.zone()) + ")";
        return context.ticket(tenant.id(), who, t)
                .map(k -> "sanctioned maintenance: " + who.key() + " (" + actor.account() + ") on jump host " + jump
                        + " acting on " + tenant.id() + " hosts inside " + window + ", ticket " + k.id())
                .orElse(null);
    }

    private static boolean isLogClear(Event e) {
        long id = FieldText.number(e, "EventID", -1);
        Object channel = e.get("Channel");
        return (id == 1102 && "Security".equals(channel)) || (id == 104 && "System".equals(channel));
    }

    /** Runs the detectors over the facts in event-time order and emits their detections in time order. */
    public void finish(Consumer<Detection> emit) {
        facts.sort();
        List<Detection> all = new ArrayList<>();
        for (MspDetector d : detectors) {
            d.run(context, all);
        }
        all.sort(Comparator.comparing(Detection::timestamp)
                .thenComparing(d -> d.event().provenance().path())
                .thenComparingLong(d -> d.event().provenance().record())
                .thenComparingLong(d -> d.event().provenance().line())
                .thenComparing(d -> d.rule().id()));
        for (Detection d : all) {
            byRule.merge(d.rule().id(), 1L, Long::sum);
            emit.accept(d);
        }
    }

    public MspStats stats() {
        return new MspStats(byOrganisation, unattributed, withoutTime, facts.size(), notAnalysed, lowered, byRule);
    }
}
