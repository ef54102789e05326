package io.vigil.msp.register;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the {@code msp} mapping and each {@code tenants} entry into an {@link Organisation}, checking
 * every value the format promises (CIDRs, zones, windows, tools) at the node that holds it.
 */
final class OrganisationReader {
    /** The remote-administration tools the detectors know (docs/msp-register.md). */
    static final List<String> REMOTE_TOOLS = List.of("psexec", "screenconnect", "rdp", "winrm", "wmi", "schtasks");

    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    private static final Set<String> COMMON =
            Set.of("name", "domains", "domain_sids", "networks", "hosts", "paths", "time_zone");
    private static final Set<String> MSP_KEYS = union(COMMON, Set.of("jump_hosts", "vpn_pools", "rmm_servers"));
    private static final Set<String> TENANT_KEYS = union(COMMON, Set.of("id", "maintenance_windows", "remote_tools"));
    private static final Map<String, String> MISPLACED_IN_MSP = Map.of(
            "id", "the MSP's id is always 'msp'; remove 'id'",
            "maintenance_windows",
                    "'maintenance_windows' is for tenants only: MSP work is judged by the tenant's windows",
            "remote_tools", "'remote_tools' is for tenants only");
    private static final Map<String, String> MISPLACED_IN_TENANT = Map.of(
            "jump_hosts", "'jump_hosts' belongs under 'msp', not a tenant",
            "vpn_pools", "'vpn_pools' belongs under 'msp', not a tenant",
            "rmm_servers", "'rmm_servers' belongs under 'msp', not a tenant");
    private static final Set<String> NAMED_HOST_KEYS = Set.of("name", "ip");
    private static final Set<String> WINDOW_KEYS = Set.of("days", "start", "end");

    private final RegisterYaml yaml;

    OrganisationReader(RegisterYaml yaml) {
        this.yaml = yaml;
    }

    Organisation msp(Node node) {
        RegisterYaml.Fields f = yaml.fields(node, "'msp'", MSP_KEYS, MISPLACED_IN_MSP);
        return new Organisation(
                "msp",
                f.optionalString("name", "msp"),
                true,
                domains(f),
                domainSids(f),
                ranges(f.optionalList("networks"), "network"),
                hosts(f),
                paths(f),
                zone(f, false),
                List.of(),
                List.of(),
                namedHosts(f.optionalList("jump_hosts"), "jump host"),
                ranges(f.optionalList("vpn_pools"), "VPN pool"),
                namedHosts(f.optionalList("rmm_servers"), "RMM server"));
    }

    Organisation tenant(Node node) {
        RegisterYaml.Fields f = yaml.fields(node, "tenant", TENANT_KEYS, MISPLACED_IN_TENANT);
        String id = f.requiredString("id");
        if (id.equals("msp")) {
            throw yaml.error(f.value("id"), "tenant id 'msp' is reserved for the MSP itself");
        }
        List<MaintenanceWindow> windows = new ArrayList<>();
        for (Node w : f.optionalList("maintenance_windows")) {
            windows.add(window(w));
        }
        return new Organisation(
                id,
                f.optionalString("name", id),
                false,
                domains(f),
                domainSids(f),
                ranges(f.optionalList("networks"), "network"),
                hosts(f),
                paths(f),
                zone(f, !windows.isEmpty()),
                windows,
                remoteTools(f),
                List.of(),
                List.of(),
                List.of());
    }

    private List<String> domains(RegisterYaml.Fields f) {
        List<String> out = new ArrayList<>();
        for (Node n : f.optionalList("domains")) {
            out.add(yaml.string(n, "a domain").toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private List<String> domainSids(RegisterYaml.Fields f) {
        List<String> out = new ArrayList<>();
        for (Node n : f.optionalList("domain_sids")) {
            String sid = yaml.string(n, "a domain SID");
            if (!isSid(sid)) {
                throw yaml.error(n, "'" + sid + "' is not a SID such as S-1-5-21-1844237615-2180372143-1153240867");
            }
            out.add("S" + sid.substring(1));
        }
        return out;
    }

    // S-1-<authority>(-<sub authority>)+, digits only.
    private static boolean isSid(String s) {
        if (s.length() < 6 || (s.charAt(0) != 'S' && s.charAt(0) != 's') || !s.startsWith("-1-", 1)) {
            return false;
        }
        int parts = 0;
        boolean digit = false;
        for (int i = 4; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '-' && digit) {
                parts++;
                digit = false;
            } else {
                return false;
            }
        }
        return digit && parts >= 1;
    }

    List<NetworkRange> ranges(List<Node> nodes, String what) {
        List<NetworkRange> out = new ArrayList<>();
        for (Node n : nodes) {
            out.add(range(n, what));
        }
        return out;
    }

    NetworkRange range(Node n, String what) {
        String text = yaml.string(n, "a " + what);
        try {
            return NetworkRange.parse(text);
        } catch (IllegalArgumentException e) {
            throw yaml.error(n, e.getMessage());
        }
    }

    private List<HostGlob> hosts(RegisterYaml.Fields f) {
        List<HostGlob> out = new ArrayList<>();
        for (Node n : f.optionalList("hosts")) {
            out.add(new HostGlob(yaml.string(n, "a host pattern")));
        }
        return out;
    }

    private List<String> paths(RegisterYaml.Fields f) {
        List<String> out = new ArrayList<>();
        for (Node n : f.optionalList("paths")) {
            out.add(yaml.string(n, "a path pattern"));
        }
        return out;
    }

    // Optional (UTC) unless windows need it: a window judged in a guessed zone would be hours off.
    ZoneId zone(RegisterYaml.Fields f, boolean required) {
        Node n = f.value("time_zone");
        if (n == null) {
            if (required) {
                f.required("time_zone");
            }
            return ZoneOffset.UTC;
        }
        String text = yaml.string(n, "'time_zone'");
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw yaml.error(n, "unknown time zone '" + text + "'" + NearMiss.hint(text, ZoneId.getAvailableZoneIds()));
        }
    }

    MaintenanceWindow window(Node node) {
        RegisterYaml.Fields f = yaml.fields(node, "a maintenance window", WINDOW_KEYS, Map.of());
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        List<Node> dayNodes = yaml.list(f.required("days"), "'days'");
        if (dayNodes.isEmpty()) {
            throw yaml.error(f.value("days"), "'days' must name at least one day");
        }
        for (Node d : dayNodes) {
            String text = yaml.string(d, "a day");
            int i = DAYS.indexOf(text.toUpperCase(Locale.ROOT));
            if (i < 0) {
                throw yaml.error(d, "unknown day '" + text + "': use MON, TUE, WED, THU, FRI, SAT or SUN");
            }
            days.add(DayOfWeek.of(i + 1));
        }
        return new MaintenanceWindow(days, time(f, "start"), time(f, "end"));
    }

    private LocalTime time(RegisterYaml.Fields f, String key) {
        Node n = f.required(key);
        String t = yaml.string(n, "'" + key + "'");
        if (t.length() == 5 && t.charAt(2) == ':' && digits(t, 0, 2) && digits(t, 3, 5)) {
            int h = Integer.parseInt(t.substring(0, 2));
            int m = Integer.parseInt(t.substring(3));
            if (h < 24 && m < 60) {
                return LocalTime.of(h, m);
            }
        }
        throw yaml.error(n, "'" + key + "' must be a time HH:MM from 00:00 to 23:59, not '" + t + "'");
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private List<String> remoteTools(RegisterYaml.Fields f) {
        List<String> out = new ArrayList<>();
        for (Node n : f.optionalList("remote_tools")) {
            String tool = yaml.string(n, "a remote tool").toLowerCase(Locale.ROOT);
            if (!REMOTE_TOOLS.contains(tool)) {
                throw yaml.error(
                        n,
                        "unknown remote tool '" + tool + "'" + NearMiss.hint(tool, REMOTE_TOOLS) + ": known tools are "
                                + String.join(", ", REMOTE_TOOLS));
            }
            out.add(tool);
        }
        return out;
    }

    private List<NamedHost> namedHosts(List<Node> nodes, String what) {
        List<NamedHost> out = new ArrayList<>();
        for (Node n : nodes) {
            RegisterYaml.Fields f = yaml.fields(n, "a " + what, NAMED_HOST_KEYS, Map.of());
            String name = f.requiredString("name");
            Node ipNode = f.required("ip");
            String ip = yaml.string(ipNode, "'ip'");
            if (IpText.parse(ip) == null) {
                throw yaml.error(ipNode, "'" + ip + "' is not an IP address");
            }
            out.add(new NamedHost(name, ip.toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
