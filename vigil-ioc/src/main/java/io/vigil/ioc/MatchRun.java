package io.vigil.ioc;

import io.vigil.core.event.Event;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The state of matching one event: which indicators were already reported and how far each AND clause
 * got. Created lazily, only for events with a field worth looking at, and dropped afterwards.
 */
final class MatchRun implements IntConsumer, TextScanner.Visitor {
    private enum Direction {
        SOURCE,
        DESTINATION,
        ANY
    }

    private final IocSet set;
    private final MatchOptions options;
    private final Event event;
    private final Consumer<IocHit> out;
    private Set<Integer> reported;
    private Map<Integer, long[]> progress;
    private Map<Integer, String> firstField;

    // what the value being looked up is, so that atoms can be checked against it
    private String field;
    private IocType hashKind;
    private Direction direction = Direction.ANY;

    MatchRun(IocSet set, MatchOptions options, Event event, Consumer<IocHit> out) {
        this.set = set;
        this.options = options;
        this.event = event;
        this.out = out;
    }

    void field(String name, FieldRole role, Object value) {
        String v = value instanceof String s ? s : String.valueOf(value);
        if (v.isEmpty()) {
            return;
        }
        field = name;
        hashKind = null;
        direction = Direction.ANY;
        switch (role) {
            case HASHES -> hashes(v, null);
            case HASH_MD5, HASH_SHA1, HASH_SHA256, HASH_IMPHASH -> hashes(v, role.hashKind);
            case PATH -> path(v);
            case OBJECT_NAME -> {
                if (v.startsWith("\\registry\\")) {
                    registry(v);
                } else {
                    path(v);
                }
            }
            case IP_SRC -> ipField(v, Direction.SOURCE);
            case IP_DST -> ipField(v, Direction.DESTINATION);
            case IP_ANY -> ipField(v, Direction.ANY);
            case HOST -> hostField(v.trim());
            case URL -> urlField(v.trim());
            case TEXT ->
                TextScanner.scan(
                        v, !set.urls.isEmpty(), !set.domains.isEmpty(), !set.ips.isEmpty(), set.ips.hasV6(), this);
            case PIPE -> {
                String key = safeKey(v, IocType.NAMED_PIPE);
                if (key != null) {
                    set.pipes.lookup(key, this);
                }
            }
            case REGKEY -> registry(v);
            case MUTEX -> {
                String key = safeKey(v, IocType.MUTEX);
                if (key != null) {
                    set.mutexes.lookup(key, this);
                }
            }
            case PORT_DST -> set.ports.lookup(v.trim(), this);
            case NONE -> {}
        }
    }

    /** Sysmon {@code SHA1=…,MD5=…,SHA256=…,IMPHASH=…}, a bare digest, or several separated by , ; or space. */
    private void hashes(String v, IocType fieldKind) {
        int i = 0;
        int n = v.length();
        while (i < n) {
            while (i < n && isSeparator(v.charAt(i))) {
                i++;
            }
            int start = i;
            int eq = -1;
            while (i < n && !isSeparator(v.charAt(i))) {
                if (v.charAt(i) == '=' && eq < 0) {
                    eq = i;
                }
                i++;
            }
            if (i == start) {
                break;
            }
            IocType kind = fieldKind;
            int valueStart = start;
            if (eq >= 0) {
                kind = hashKind(v, start, eq);
                valueStart = eq + 1;
            }
            int len = i - valueStart;
            if (len == 32 || len == 40 || len == 64 || len == 128) {
                hashKind = kind;
                set.hashes.lookup(v.substring(valueStart, i), this);
            }
        }
        hashKind = null;
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static IocType hashKind(String v, int from, int to) {
        String alg = v.substring(from, to).replace("-", "");
        return switch (alg) {
            case "md5" -> IocType.MD5;
            case "sha1" -> IocType.SHA1;
            case "sha256" -> IocType.SHA256;
            case "imphash" -> IocType.IMPHASH;
            default -> null;
        };
    }

    private void path(String v) {
        set.files.lookup(LookupKeys.path(v), this);
    }

    private void ipField(String v, Direction d) {
        IpAddress ip = parseAddress(v.trim());
        if (ip != null) {
            direction = d;
            set.ips.lookup(ip, this);
            direction = Direction.ANY;
        }
    }

    /** An address, tolerating {@code a.b.c.d:port} as flat collectors sometimes write it. */
    private static IpAddress parseAddress(String v) {
        IpAddress ip = IpAddress.parse(v);
        if (ip == null) {
            int colon = v.lastIndexOf(':');
            if (colon > 0 && v.indexOf(':') == colon) {
                ip = IpAddress.parse(v, 0, colon);
            } else if (v.startsWith("[") && v.indexOf("]:") > 0) {
                ip = IpAddress.parse(v, 0, v.indexOf("]:") + 1);
            }
        }
        return ip;
    }

    private void hostField(String v) {
        IpAddress ip = IpAddress.parse(v);
        if (ip != null) {
            set.ips.lookup(ip, this);
            return;
        }
        String name = v;
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (!name.isEmpty() && name.length() <= LookupKeys.MAX_DOMAIN) {
            set.domains.lookup(name, this);
        }
    }

    private void registry(String v) {
        String key = safeKey(v, IocType.REGKEY);
        if (key == null) {
            return;
        }
        lookupKeyAndParent(key);
        // Sysmon writes user hives as HKU\<SID>\...; feeds write HKCU\...
        if (key.startsWith("hku\\")) {
            int sidEnd = key.indexOf('\\', 4);
            if (sidEnd > 0 && !key.startsWith("_classes", sidEnd - 8)) {
                lookupKeyAndParent("hkcu" + key.substring(sidEnd));
            }
        }
    }

    /** A key matches itself, and a value path (key\value name, as in TargetObject) matches its key. */
    private void lookupKeyAndParent(String key) {
        set.registry.lookup(key, this);
        int bs = key.lastIndexOf('\\');
        if (bs > 0) {
            set.registry.lookup(key.substring(0, bs), this);
        }
    }

    private static String safeKey(String v, IocType type) {
        try {
            return LookupKeys.forIndicator(type, v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // TextScanner.Visitor

    @Override
    public void url(String urlKey) {
        if (urlKey.isEmpty() || urlKey.length() > LookupKeys.MAX_URL) {
            return;
        }
        set.urls.lookup(urlKey, this);
        String bare = LookupKeys.withoutQuery(urlKey);
        if (bare != null) {
            set.urls.lookup(bare, this);
        }
    }

    @Override
    public void host(String name) {
        set.domains.lookup(name, this);
    }

    @Override
    public void ip(IpAddress ip) {
        set.ips.lookup(ip, this);
    }

    private void urlField(String v) {
        String key = LookupKeys.urlKey(v);
        url(key);
        String host = LookupKeys.urlHost(key);
        if (host != null) {
            hostField(host);
        }
    }

    // IntConsumer: an atom was found for the current value

    @Override
    public void accept(int atom) {
        Comparison c = set.atomComparison[atom];
        if (!fits(c.type())) {
            return;
        }
        int clause = set.atomClause[atom];
        int indicator = set.clauseIndicator[clause];
        if (reported != null && reported.contains(indicator)) {
            return;
        }
        Indicator ind = set.indicators().get(indicator);
        if (options.checkValidity() && !ind.validAt(event.timestamp())) {
            return;
        }
        int size = set.clauseSize[clause];
        if (size == 1) {
            report(indicator, new IocHit(ind, c, field));
            return;
        }
        if (progress == null) {
            progress = new HashMap<>();
            firstField = new HashMap<>();
        }
        long[] mask = progress.computeIfAbsent(clause, k -> new long[1]);
        int pos = set.atomPosition[atom];
        if (pos == 0) {
            firstField.putIfAbsent(clause, field);
        }
        mask[0] |= 1L << pos;
        long full = size == 64 ? -1L : (1L << size) - 1;
        if (mask[0] == full) {
            report(indicator, new IocHit(ind, set.clauseFirst[clause], firstField.get(clause)));
        }
    }

    private boolean fits(IocType type) {
        if (type.isHash()) {
            return hashKind == null || type == IocType.HASH || type == hashKind;
        }
        if (options.enforceIpDirection()) {
            if (type == IocType.IP_SRC) {
                return direction != Direction.DESTINATION;
            }
            if (type == IocType.IP_DST) {
                return direction != Direction.SOURCE;
            }
        }
        return true;
    }

    private void report(int indicator, IocHit hit) {
        if (reported == null) {
            reported = new HashSet<>();
        }
        if (reported.add(indicator)) {
            out.accept(hit);
        }
    }
}
