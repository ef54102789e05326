package io.vigil.msp.register;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MSP register (docs/msp-register.md): the MSP, its customer tenants, its technicians, the accounts
 * that must stay non-interactive and the open change tickets. Immutable once parsed; shared by every
 * detector.
 *
 * <p>{@code source} is the register file as given (for messages); {@code root} the directory that
 * {@code paths} globs are relative to. {@code thresholds} holds the detection thresholds the register
 * overrides: a {@link java.time.Duration}, {@link Long} or {@link Double} per {@link Threshold#kind()}.
 */
public record Register(
        String source,
        String root,
        Organisation msp,
        List<Organisation> tenants,
        List<Identity> identities,
        List<ServiceAccount> serviceAccounts,
        List<Ticket> tickets,
        Map<Threshold, Object> thresholds) {
    public Register {
        tenants = List.copyOf(tenants);
        identities = List.copyOf(identities);
        serviceAccounts = List.copyOf(serviceAccounts);
        tickets = List.copyOf(tickets);
        thresholds = Map.copyOf(thresholds);
    }

    /** A register that keeps every detection threshold at its default. */
    public Register(
            String source,
            String root,
            Organisation msp,
            List<Organisation> tenants,
            List<Identity> identities,
            List<ServiceAccount> serviceAccounts,
            List<Ticket> tickets) {
        this(source, root, msp, tenants, identities, serviceAccounts, tickets, Map.of());
    }

    /** The MSP and then every tenant. */
    public List<Organisation> organisations() {
        List<Organisation> all = new ArrayList<>(tenants.size() + 1);
        all.add(msp);
        all.addAll(tenants);
        return all;
    }

    public Optional<Organisation> organisation(String id) {
        return organisations().stream().filter(o -> o.id().equals(id)).findFirst();
    }

    public Optional<Identity> identity(String id) {
        return identities.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** The ticket that sanctions this identity's work in this tenant at this time, if any. */
    public Optional<Ticket> ticketFor(String tenantId, String identityId, Instant time) {
        return tickets.stream()
                .filter(t -> t.covers(tenantId, identityId, time))
                .findFirst();
    }

    /** The service-account entry for an account, if the register classes it as non-interactive. */
    public Optional<ServiceAccount> serviceAccount(AccountName account) {
        return serviceAccounts.stream()
                .filter(s -> s.account().user().equals(account.user())
                        && (account.domain().isEmpty() || s.account().domain().equals(account.domain())))
                .findFirst();
    }

    /** True when the host or address is an MSP jump host, RMM server or lies in an MSP VPN pool. */
    public boolean isSanctionedMspSource(String hostOrIp) {
        for (NamedHost h : msp.jumpHosts()) {
            if (h.is(hostOrIp)) {
                return true;
            }
        }
        for (NamedHost h : msp.rmmServers()) {
            if (h.is(hostOrIp)) {
                return true;
            }
        }
        for (NetworkRange r : msp.vpnPools()) {
            if (r.contains(hostOrIp)) {
                return true;
            }
        }
        return false;
    }
}
