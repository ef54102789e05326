package io.vigil.msp.detect;

import io.vigil.msp.MspSettings;
import io.vigil.msp.activity.ActorIdentity;
import io.vigil.msp.activity.Facts;
import io.vigil.msp.attribute.Attribution;
import io.vigil.msp.register.Identity;
import io.vigil.msp.register.NamedHost;
import io.vigil.msp.register.Organisation;
import io.vigil.msp.register.Register;
import io.vigil.msp.register.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every detector reads: the register, the settings, the sorted facts, and the judgements several
 * detectors share (is this tenant a customer, is this work sanctioned by a window or a ticket).
 */
public final class DetectionContext {
    private final Attribution attribution;
    private final MspSettings settings;
    private final Facts facts;
    private final Map<String, Organisation> organisations = new HashMap<>();

    public DetectionContext(Attribution attribution, MspSettings settings, Facts facts) {
        this.attribution = attribution;
        this.settings = settings;
        this.facts = facts;
        for (Organisation o : attribution.register().organisations()) {
            organisations.put(o.id(), o);
        }
    }

    public Register register() {
        return attribution.register();
    }

    public Attribution attribution() {
        return attribution;
    }

    public MspSettings settings() {
        return settings;
    }

    public Facts facts() {
        return facts;
    }

    /** The organisation with this id, or null (also for a null id). */
    public Organisation organisation(String id) {
        return id == null ? null : organisations.get(id);
    }

    /** The customer tenant with this id, or null for the MSP, unattributed or unknown ids. */
    public Organisation customer(String id) {
        Organisation o = organisation(id);
        return o == null || o.isMsp() ? null : o;
    }

    /** The ticket covering work by any candidate identity (the resolved one first) in the tenant at t. */
    public Optional<Ticket> ticket(String tenant, ActorIdentity who, Instant t) {
        if (who.resolved() != null) {
            return register().ticketFor(tenant, who.resolved().id(), t);
        }
        for (Identity id : who.candidates()) {
            Optional<Ticket> found = register().ticketFor(tenant, id.id(), t);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** True when some candidate identity allows the source (and for work with no known source). */
    public static boolean sourceAllowed(ActorIdentity who, String sourceIp, String sourceHost) {
        if (sourceIp == null && sourceHost == null) {
            return true;
        }
        for (Identity id : who.candidates()) {
            if (id.allowsSource(sourceIp) || id.allowsSource(sourceHost)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Work an MSP identity does in a customer tenant from an allowed source, inside a maintenance window
     * or under a ticket: the MSP detections stay silent for it. Returns why, or null.
     */
    public String sanctionedWork(String tenant, ActorIdentity who, String sourceIp, String sourceHost, Instant t) {
        Organisation org = customer(tenant);
        if (org == null || !who.isMsp() || !sourceAllowed(who, sourceIp, sourceHost)) {
            return null;
        }
        if (org.inWindow(t)) {
            return "inside " + org.name() + "'s window " + TimeText.windows(org);
        }
        return ticket(tenant, who, t).map(k -> "under ticket " + k.id()).orElse(null);
    }

    /**
     * Sanctioned maintenance as single-event lowering judges it: an MSP identity from an allowed source,
     * inside the tenant's window and under a ticket for it. Returns why, or null.
     */
    public String maintenance(String tenant, ActorIdentity who, String sourceIp, String sourceHost, Instant t) {
        Organisation org = customer(tenant);
        if (org == null || !org.inWindow(t) || ticketedWork(tenant, who, sourceIp, sourceHost, t) == null) {
            return null;
        }
        return "inside " + org.name() + "'s window " + TimeText.windows(org) + ", "
                + ticketedWork(tenant, who, sourceIp, sourceHost, t);
    }

    /**
     * Work an MSP identity does in a customer tenant from an allowed source under a ticket for that
     * tenant, window or not: the bulk work (fan-out) a window alone does not sanction. Returns why, or null.
     */
    public String ticketedWork(String tenant, ActorIdentity who, String sourceIp, String sourceHost, Instant t) {
        if (customer(tenant) == null || !who.isMsp() || !sourceAllowed(who, sourceIp, sourceHost)) {
            return null;
        }
        return ticket(tenant, who, t).map(k -> "under ticket " + k.id()).orElse(null);
    }

    /** The sources an identity (or every candidate) may act from, as written in the register. */
    public static String allowedSources(ActorIdentity who) {
        List<String> out = new ArrayList<>();
        List<Identity> ids = who.resolved() != null ? List.of(who.resolved()) : who.candidates();
        for (Identity id : ids) {
            for (NamedHost h : id.sourceHosts()) {
                if (!out.contains(h.name())) {
                    out.add(h.name());
                }
            }
            id.sourceRanges().forEach(r -> {
                if (!out.contains(r.text())) {
                    out.add(r.text());
                }
            });
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /** True for the MSP's RMM servers, whose fan-out to every managed host is their job. */
    public boolean isRmmServer(String hostOrIp) {
        for (NamedHost h : register().msp().rmmServers()) {
            if (h.is(hostOrIp)) {
                return true;
            }
        }
        return false;
    }
}
