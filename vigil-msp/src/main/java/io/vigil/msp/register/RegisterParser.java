package io.vigil.msp.register;

import io.vigil.core.diag.SourceLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads the MSP register (docs/msp-register.md) into a {@link Register}. Strict by design: the first
 * problem (unknown key, bad CIDR, unknown zone, dangling tenant or identity reference, ...) throws a
 * {@link RegisterException} at its {@code file:line:column}, because a register that is silently half
 * read would attribute events to the wrong tenant or sanction work it should not.
 *
 * <p>YAML is read as YAML 1.2 (core schema, so {@code 20:00} stays text) with alias and size limits.
 */
public final class RegisterParser {
    /** Largest register accepted, in code points; real registers are a few kilobytes. */
    public static final int MAX_CODE_POINTS = 4 * 1024 * 1024;

    private static final int MAX_ALIASES = 50;
    private static final Set<String> TOP_KEYS =
            Set.of("version", "msp", "tenants", "identities", "service_accounts", "tickets", "thresholds");
    private static final Set<String> IDENTITY_KEYS =
            Set.of("id", "name", "msp_account", "accounts", "sources", "windows", "time_zone");
    private static final Set<String> SERVICE_ACCOUNT_KEYS = Set.of("account", "kind");
    private static final Set<String> TICKET_KEYS = Set.of("id", "tenant", "identity", "from", "to");
    private static final List<String> SOURCE_WORDS = List.of("jump_hosts", "vpn_pools", "rmm_servers");

    /** Reads {@code file}; {@code paths} globs are relative to its directory. */
    public Register load(Path file) throws IOException {
        String source = file.toString();
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RegisterException(SourceLocation.file(source), "the register is not UTF-8 text");
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        return parse(source, text, dir == null ? "" : dir.toString());
    }

    /**
     * Parses register text. {@code sourceName} names it in messages, {@code root} is the directory its
     * {@code paths} globs are relative to.
     *
     * @throws RegisterException at the first problem
     */
    public Register parse(String sourceName, String text, String root) {
        RegisterYaml yaml = new RegisterYaml(sourceName);
        Node doc = document(yaml, sourceName, text);
        return new Reading(yaml, sourceName, root).register(doc);
    }

    private static Node document(RegisterYaml yaml, String source, String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setSchema(new CoreSchema())
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                .build();
        try {
            Iterator<Node> docs =
                    new Compose(settings).composeAllFromString(text).iterator();
            if (!docs.hasNext()) {
                throw new RegisterException(SourceLocation.of(source, 1, 1), "the register is empty");
            }
            Node doc = docs.next();
            if (docs.hasNext()) {
                throw yaml.error(docs.next(), "the register must be a single YAML document");
            }
            return doc;
        } catch (MarkedYamlEngineException e) {
            SourceLocation at = e.getProblemMark().map(yaml::at).orElse(SourceLocation.file(source));
            throw new RegisterException(at, "YAML syntax: " + oneLine(e.getProblem()));
        } catch (YamlEngineException e) {
            throw new RegisterException(SourceLocation.file(source), "YAML: " + oneLine(e.getMessage()));
        }
    }

    private static String oneLine(String s) {
        return s == null ? "unreadable YAML" : s.replace('\n', ' ').trim();
    }

    /** One parse: the state that later sections check their references against. */
    private static final class Reading {
        private final RegisterYaml yaml;
        private final OrganisationReader organisations;
        private final String source;
        private final String root;
        private final Map<String, Node> tenantIds = new LinkedHashMap<>();
        private final Map<String, Node> identityIds = new LinkedHashMap<>();

        Reading(RegisterYaml yaml, String source, String root) {
            this.yaml = yaml;
            this.organisations = new OrganisationReader(yaml);
            this.source = source;
            this.root = root;
        }

        Register register(Node doc) {
            if (!(doc instanceof MappingNode top)) {
                throw yaml.error(doc, "the register must be a mapping with 'version: 1' at the top");
            }
            // Version first: a newer register's unknown keys are better explained by its version.
            version(top);
            RegisterYaml.Fields f = yaml.fields(top, "the register", TOP_KEYS, Map.of());
            Organisation msp = organisations.msp(f.required("msp"));
            List<Node> tenantNodes = yaml.list(f.required("tenants"), "'tenants'");
            if (tenantNodes.isEmpty()) {
                throw yaml.error(f.value("tenants"), "'tenants' must list at least one tenant");
            }
            List<Organisation> tenants = new ArrayList<>();
            for (Node n : tenantNodes) {
                Organisation t = organisations.tenant(n);
                unique(tenantIds, t.id(), valueOf(n, "id"), "tenant id");
                tenants.add(t);
            }
            List<Identity> identities = new ArrayList<>();
            for (Node n : f.optionalList("identities")) {
                identities.add(identity(n, msp));
            }
            List<ServiceAccount> serviceAccounts = new ArrayList<>();
            Map<AccountName, Node> seenAccounts = new HashMap<>();
            for (Node n : f.optionalList("service_accounts")) {
                serviceAccounts.add(serviceAccount(n, seenAccounts));
            }
            List<Ticket> tickets = new ArrayList<>();
            Map<String, Node> ticketIds = new HashMap<>();
            for (Node n : f.optionalList("tickets")) {
                tickets.add(ticket(n, ticketIds));
            }
            Map<Threshold, Object> thresholds = new java.util.EnumMap<>(Threshold.class);
            Node thresholdNode = f.value("thresholds");
            if (thresholdNode != null) {
                thresholds(thresholdNode, thresholds);
            }
            return new Register(source, root, msp, tenants, identities, serviceAccounts, tickets, thresholds);
        }

        private void thresholds(Node node, Map<Threshold, Object> out) {
            if (!(node instanceof MappingNode m)) {
                throw yaml.error(
                        node, "'thresholds' must map threshold names to values, not " + RegisterYaml.shape(node));
            }
            for (NodeTuple t : m.getValue()) {
                String key = yaml.string(t.getKeyNode(), "a threshold name");
                Threshold th = Threshold.byKey(key)
                        .orElseThrow(() -> yaml.error(
                                t.getKeyNode(),
                                "unknown threshold '" + key + "' (known: "
                                        + java.util.Arrays.stream(Threshold.values())
                                                .map(Threshold::key)
                                                .collect(java.util.stream.Collectors.joining(", "))
                                        + ")"));
                if (out.containsKey(th)) {
                    throw yaml.error(t.getKeyNode(), "duplicate threshold '" + key + "'");
                }
                Node v = t.getValueNode();
                String text = yaml.string(v, "threshold '" + key + "'");
                out.put(th, thresholdValue(th, text, v));
            }
        }

        private Object thresholdValue(Threshold th, String text, Node v) {
            switch (th.kind()) {
                case DURATION -> {
                    java.time.Duration d = durationOf(text);
                    if (d == null) {
                        throw yaml.error(
                                v,
                                "threshold '" + th.key() + "' must be a positive duration such as 30m, 48h or 7d, not '"
                                        + text + "'");
                    }
                    return d;
                }
                case COUNT -> {
                    long n;
                    try {
                        n = Long.parseLong(text);
                    } catch (NumberFormatException e) {
                        n = -1;
                    }
                    long min = th == Threshold.SHARED_CREDENTIAL_TECHNICIANS ? 2 : 1;
                    if (n < min) {
                        throw yaml.error(
                                v,
                                "threshold '" + th.key() + "' must be a whole number of at least " + min + ", not '"
                                        + text + "'");
                    }
                    return n;
                }
                default -> {
                    double x;
                    try {
                        x = Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        x = -1;
                    }
                    if (!(x > 0) || Double.isInfinite(x)) {
                        throw yaml.error(
                                v, "threshold '" + th.key() + "' must be a positive number, not '" + text + "'");
                    }
                    return x;
                }
            }
        }

        /** {@code <n>s|m|h|d} with n a positive whole number, else null. */
        private java.time.Duration durationOf(String text) {
            if (text.length() < 2) {
                return null;
            }
            long n;
            try {
                n = Long.parseLong(text.substring(0, text.length() - 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (n <= 0 || n > 36_500L * 24 * 3600) {
                return null;
            }
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> java.time.Duration.ofSeconds(n);
                case 'm' -> java.time.Duration.ofMinutes(n);
                case 'h' -> java.time.Duration.ofHours(n);
                case 'd' -> java.time.Duration.ofDays(n);
                default -> null;
            };
        }

        private void version(MappingNode top) {
            for (NodeTuple t : top.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("version")) {
                    Node v = t.getValueNode();
                    if (!(v instanceof ScalarNode s) || !s.getTag().equals(Tag.INT)) {
                        throw yaml.error(v, "'version' must be the unquoted number 1, not " + RegisterYaml.shape(v));
                    }
                    if (!s.getValue().equals("1")) {
                        throw yaml.error(
                                v, "unsupported register version " + s.getValue() + ": this Vigil reads version 1");
                    }
                    return;
                }
            }
            throw yaml.error(top, "the register is missing required key 'version' (write 'version: 1')");
        }

        private Identity identity(Node node, Organisation msp) {
            RegisterYaml.Fields f = yaml.fields(node, "an identity", IDENTITY_KEYS, Map.of());
            String id = f.requiredString("id");
            unique(identityIds, id, f.value("id"), "identity id");
            AccountName mspAccount = account(f.required("msp_account"), "'msp_account'");
            Map<String, List<AccountName>> accounts = new LinkedHashMap<>();
            Node accountsNode = f.value("accounts");
            if (accountsNode != null) {
                if (!(accountsNode instanceof MappingNode m)) {
                    throw yaml.error(
                            accountsNode,
                            "'accounts' must map tenant ids to account lists, not " + RegisterYaml.shape(accountsNode));
                }
                for (NodeTuple t : m.getValue()) {
                    String tenant = yaml.string(t.getKeyNode(), "a tenant id in 'accounts'");
                    if (!tenantIds.containsKey(tenant)) {
                        throw yaml.error(
                                t.getKeyNode(),
                                "unknown tenant '" + tenant + "' in 'accounts' of identity '" + id + "'"
                                        + NearMiss.hint(tenant, tenantIds.keySet()));
                    }
                    if (accounts.containsKey(tenant)) {
                        throw yaml.error(t.getKeyNode(), "duplicate key '" + tenant + "' in 'accounts'");
                    }
                    List<AccountName> list = new ArrayList<>();
                    Node v = t.getValueNode();
                    if (!RegisterYaml.isNull(v)) {
                        for (Node a : yaml.list(v, "the accounts of tenant '" + tenant + "'")) {
                            list.add(account(a, "an account"));
                        }
                    }
                    accounts.put(tenant, list);
                }
            }
            List<NamedHost> hosts = new ArrayList<>();
            List<NetworkRange> ranges = new ArrayList<>();
            for (Node s : f.optionalList("sources")) {
                source(s, msp, hosts, ranges);
            }
            List<MaintenanceWindow> windows = new ArrayList<>();
            for (Node w : f.optionalList("windows")) {
                windows.add(organisations.window(w));
            }
            // Working hours default to the MSP's zone: that is where technicians sit.
            java.time.ZoneId zone = f.has("time_zone") ? organisations.zone(f, false) : msp.zone();
            return new Identity(id, f.optionalString("name", id), mspAccount, accounts, hosts, ranges, windows, zone);
        }

        // The MSP's lists by name, an address block, or else a host name; text that looks like an
        // address but is not one is an error rather than a host that can never match.
        private void source(Node node, Organisation msp, List<NamedHost> hosts, List<NetworkRange> ranges) {
            String text = yaml.string(node, "a source");
            switch (text) {
                case "jump_hosts" -> hosts.addAll(msp.jumpHosts());
                case "rmm_servers" -> hosts.addAll(msp.rmmServers());
                case "vpn_pools" -> ranges.addAll(msp.vpnPools());
                default -> {
                    String near = text.indexOf('_') >= 0 ? NearMiss.closest(text, SOURCE_WORDS) : null;
                    if (near != null) {
                        throw yaml.error(
                                node,
                                "source '" + text + "' is not one of the MSP's lists (did you mean '" + near + "'?)");
                    }
                    if (looksLikeAddress(text)) {
                        ranges.add(organisations.range(node, "source"));
                    } else if (isHostName(text)) {
                        hosts.add(new NamedHost(text, ""));
                    } else {
                        throw yaml.error(
                                node,
                                "source '" + text + "' is not a host name, IP, CIDR or one of "
                                        + String.join(", ", SOURCE_WORDS) + NearMiss.hint(text, SOURCE_WORDS));
                    }
                }
            }
        }

        private static boolean looksLikeAddress(String t) {
            if (t.indexOf('/') >= 0 || t.indexOf(':') >= 0) {
                return true;
            }
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if ((c < '0' || c > '9') && c != '.') {
                    return false;
                }
            }
            return true;
        }

        private static boolean isHostName(String t) {
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || c == '-'
                        || c == '.'
                        || c == '_';
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        private AccountName account(Node node, String what) {
            String text = yaml.string(node, what);
            int slash = text.indexOf('\\');
            if (slash <= 0 || slash == text.length() - 1 || text.indexOf('\\', slash + 1) >= 0) {
                throw yaml.error(node, "account '" + text + "' must be written DOMAIN\\user");
            }
            return AccountName.parse(text);
        }

        private ServiceAccount serviceAccount(Node node, Map<AccountName, Node> seen) {
            RegisterYaml.Fields f = yaml.fields(node, "a service account", SERVICE_ACCOUNT_KEYS, Map.of());
            Node accountNode = f.required("account");
            AccountName account = account(accountNode, "'account'");
            Node first = seen.putIfAbsent(account, accountNode);
            if (first != null) {
                throw yaml.error(accountNode, "service account '" + account + "' is listed twice" + firstAt(first));
            }
            Node kindNode = f.required("kind");
            String kind = yaml.string(kindNode, "'kind'");
            ServiceAccount.Kind k = switch (kind) {
                case "service" -> ServiceAccount.Kind.SERVICE;
                case "rmm" -> ServiceAccount.Kind.RMM;
                default -> throw yaml.error(kindNode, "'kind' must be service or rmm, not '" + kind + "'");
            };
            return new ServiceAccount(account, k);
        }

        private Ticket ticket(Node node, Map<String, Node> ticketIds) {
            RegisterYaml.Fields f = yaml.fields(node, "a ticket", TICKET_KEYS, Map.of());
            String id = f.requiredString("id");
            unique(ticketIds, id, f.value("id"), "ticket id");
            String tenant = f.requiredString("tenant");
            if (!tenantIds.containsKey(tenant)) {
                throw yaml.error(
                        f.value("tenant"),
                        "ticket '" + id + "' names unknown tenant '" + tenant + "'"
                                + NearMiss.hint(tenant, tenantIds.keySet()));
            }
            String identity = f.requiredString("identity");
            if (!identityIds.containsKey(identity)) {
                throw yaml.error(
                        f.value("identity"),
                        "ticket '" + id + "' names unknown identity '" + identity + "'"
                                + NearMiss.hint(identity, identityIds.keySet()));
            }
            Instant from = time(f, "from");
            Instant to = time(f, "to");
            if (to.isBefore(from)) {
                throw yaml.error(f.value("to"), "ticket '" + id + "' ends before it starts ('to' is before 'from')");
            }
            return new Ticket(id, tenant, identity, from, to);
        }

        private Instant time(RegisterYaml.Fields f, String key) {
            Node n = f.required(key);
            String text = yaml.string(n, "'" + key + "'");
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                if (isLocalTime(text)) {
                    throw yaml.error(
                            n,
                            "'" + key + "' time '" + text + "' needs a UTC offset, such as " + text + "Z or " + text
                                    + "-05:00");
                }
                throw yaml.error(
                        n,
                        "'" + key + "' must be an ISO-8601 time with offset such as 2026-11-14T20:00:00-05:00, not '"
                                + text + "'");
            }
        }

        private static boolean isLocalTime(String text) {
            try {
                LocalDateTime.parse(text);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }

        private void unique(Map<String, Node> seen, String id, Node at, String what) {
            Node first = seen.putIfAbsent(id, at);
            if (first != null) {
                throw yaml.error(at, "duplicate " + what + " '" + id + "'" + firstAt(first));
            }
        }

        private String firstAt(Node first) {
            return " (first at line " + yaml.at(first).line() + ")";
        }

        private static Node valueOf(Node mapping, String key) {
            for (NodeTuple t : ((MappingNode) mapping).getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
            return mapping;
        }
    }
}
