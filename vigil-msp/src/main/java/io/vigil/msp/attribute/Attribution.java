package io.vigil.msp.attribute;

import io.vigil.core.event.Event;
import io.vigil.msp.register.AccountName;
import io.vigil.msp.register.HostGlob;
import io.vigil.msp.register.Identity;
import io.vigil.msp.register.Organisation;
import io.vigil.msp.register.Register;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which organisation (the MSP or a tenant) an event belongs to and which MSP identities an
 * account stands for, by the rules of docs/msp-register.md: input path first, then the host's DNS
 * suffix or host-name pattern, then (for VPN and flow records) the internal address. A bare host name
 * that several organisations could own is never guessed.
 *
 * <p>Thread-safe; results per path and per host are cached because every event of a file repeats them.
 */
public final class Attribution {
    private static final Optional<Organisation> NONE = Optional.empty();

    private final Register register;
    private final List<Path> roots;
    private final Map<Organisation, List<PathGlob>> pathGlobs = new HashMap<>();
    private final Map<AccountName, List<Identity>> byAccount = new HashMap<>();
    private final Map<String, List<Identity>> byUserOnly = new HashMap<>();
    private final Map<String, Optional<Organisation>> pathCache = new ConcurrentHashMap<>();
    private final Map<String, Optional<Organisation>> hostCache = new ConcurrentHashMap<>();

    /**
     * @param roots directories that register {@code paths} globs are relative to: the register's own
     *     directory (always) and the directories given to the hunt
     */
    public Attribution(Register register, List<Path> roots) {
        this.register = register;
        List<Path> all = new ArrayList<>();
        all.add(Path.of(register.root()).toAbsolutePath().normalize());
        for (Path r : roots) {
            all.add(r.toAbsolutePath().normalize());
        }
        this.roots = List.copyOf(all);
        for (Organisation o : register.organisations()) {
            pathGlobs.put(o, o.paths().stream().map(PathGlob::of).toList());
        }
        for (Identity id : register.identities()) {
            index(id.mspAccount(), id);
            id.accounts().values().forEach(list -> list.forEach(a -> index(a, id)));
        }
    }

    private void index(AccountName account, Identity id) {
        List<Identity> list = byAccount.computeIfAbsent(account, k -> new ArrayList<>());
        if (!list.contains(id)) {
            list.add(id);
        }
        List<Identity> users = byUserOnly.computeIfAbsent(account.user(), k -> new ArrayList<>());
        if (!users.contains(id)) {
            users.add(id);
        }
    }

    public Register register() {
        return register;
    }

    /** The organisation the event belongs to, or empty when nothing decides it unambiguously. */
    public Optional<Organisation> organisationOf(Event event) {
        Optional<Organisation> byPath =
                pathCache.computeIfAbsent(event.provenance().path(), this::organisationOfPath);
        if (byPath.isPresent()) {
            return byPath;
        }
        Object computer = event.get("Computer");
        if (computer instanceof String host && !host.isEmpty()) {
            Optional<Organisation> byHost = hostCache.computeIfAbsent(host, this::organisationOfHost);
            if (byHost.isPresent()) {
                return byHost;
            }
        }
        for (String field : new String[] {"assigned_ip", "src_ip"}) {
            if (event.get(field) instanceof String ip) {
                Optional<Organisation> byAddress = organisationOfAddress(ip);
                if (byAddress.isPresent()) {
                    return byAddress;
                }
            }
        }
        return NONE;
    }

    /** The organisation whose {@code paths} globs match the input path, relative to a known root. */
    public Optional<Organisation> organisationOfPath(String inputPath) {
        String plain = inputPath;
        String member = null;
        int bang = plain.indexOf("!/");
        if (bang >= 0) {
            member = plain.substring(bang + 2);
            plain = plain.substring(0, bang);
        }
        Path p;
        try {
            p = Path.of(plain).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return NONE;
        }
        for (Path root : roots) {
            if (!p.startsWith(root)) {
                continue;
            }
            List<String> rel = new ArrayList<>();
            for (Path part : root.relativize(p)) {
                rel.add(part.toString().toLowerCase(Locale.ROOT));
            }
            if (member != null) {
                // a zip member's folders count like folders on disk: case.zip!/acme/dc01.evtx is under acme/
                List<String> inside = new ArrayList<>();
                for (String part : member.toLowerCase(Locale.ROOT).split("/")) {
                    if (!part.isEmpty()) {
                        inside.add(part);
                    }
                }
                Optional<Organisation> byMember = organisationOfSegments(inside);
                if (byMember.isPresent()) {
                    return byMember;
                }
            }
            Optional<Organisation> found = organisationOfSegments(rel);
            if (found.isPresent()) {
                return found;
            }
        }
        return NONE;
    }

    /** The one organisation whose path globs match these relative path segments, if exactly one does. */
    private Optional<Organisation> organisationOfSegments(List<String> rel) {
        Organisation found = null;
        for (Organisation o : register.organisations()) {
            for (PathGlob g : pathGlobs.get(o)) {
                if (g.matches(rel)) {
                    if (found != null && found != o) {
                        return NONE;
                    }
                    found = o;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The organisation owning a host name: by DNS suffix against {@code domains}, else by the {@code
     * hosts} globs of exactly one organisation.
     */
    public Optional<Organisation> organisationOfHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        int dot = h.indexOf('.');
        if (dot > 0) {
            String suffix = h.substring(dot + 1);
            for (Organisation o : register.organisations()) {
                if (o.ownsDomain(suffix)) {
                    return Optional.of(o);
                }
            }
        }
        Organisation found = null;
        for (Organisation o : register.organisations()) {
            for (HostGlob g : o.hosts()) {
                if (g.matches(h)) {
                    if (found != null && found != o) {
                        return NONE;
                    }
                    found = o;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** The organisation whose internal networks hold the address, when exactly one does. */
    public Optional<Organisation> organisationOfAddress(String ip) {
        Organisation found = null;
        for (Organisation o : register.organisations()) {
            if (o.ownsAddress(ip)) {
                if (found != null && found != o) {
                    return NONE;
                }
                found = o;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The MSP identities an account stands for: one for a technician's own account, several for a
     * shared credential, none for anyone else. An account given without a domain matches by user name.
     */
    public List<Identity> identitiesOf(AccountName account) {
        if (account.domain().isEmpty()) {
            return byUserOnly.getOrDefault(account.user(), List.of());
        }
        List<Identity> exact = byAccount.get(account);
        if (exact != null) {
            return exact;
        }
        // logs mix NetBIOS and DNS domain names (ACME vs acme.local): accept either form of the same organisation
        for (Map.Entry<AccountName, List<Identity>> e : byAccount.entrySet()) {
            if (e.getKey().user().equals(account.user())
                    && sameOrganisation(e.getKey().domain(), account.domain())) {
                return e.getValue();
            }
        }
        return List.of();
    }

    private boolean sameOrganisation(String a, String b) {
        for (Organisation o : register.organisations()) {
            if (o.ownsDomain(a) && o.ownsDomain(b)) {
                return true;
            }
        }
        return false;
    }
}
