package io.vigil.ioc;

import io.vigil.core.event.EncodedString;
import io.vigil.core.event.Event;
import io.vigil.core.event.FieldLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Finds the indicators of an {@link IocSet} in events, field by field: the field's name says what it
 * can hold ({@code Hashes}, {@code Image}, {@code QueryName}, {@code DestinationIp}, {@code
 * CommandLine}, their ECS and flat-JSON equivalents), and its value is looked up only in the matching
 * indexes. No loop over indicators, no I/O, no shared mutable state beyond a bounded cache of field
 * names: one matcher serves every thread.
 *
 * <p>Each indicator is reported at most once per event, at its first match in field order.
 *
 * <p>Each value is first given, as stored, to an {@link EncodedValueFilter}, which skips the decoding
 * and lookups of values that provably hold no loaded indicator; the results are those of looking every
 * value up.
 */
public final class IocMatcher {
    private final IocSet set;
    private final MatchOptions options;
    private final FieldRoles roles = new FieldRoles();
    /** By {@link FieldRole#ordinal}: whether the set has indicators that a field of the role can hold. */
    private final boolean[] wanted;
    /** Null for the reference matcher of {@link #unfiltered}. */
    private final EncodedValueFilter filter;
    /** Each thread's values the filter ruled out (see {@link RuledOutValues}). */
    private final ThreadLocal<RuledOutValues> ruledOut = ThreadLocal.withInitial(RuledOutValues::new);
    /** Each thread's field roles by slot of recent event layouts (see {@link LayoutRoles}). */
    private final ThreadLocal<LayoutRoles> layoutRoles = ThreadLocal.withInitial(LayoutRoles::new);

    public IocMatcher(IocSet set) {
        this(set, MatchOptions.defaults());
    }

    public IocMatcher(IocSet set, MatchOptions options) {
        this(set, options, true);
    }

    private IocMatcher(IocSet set, MatchOptions options, boolean filtered) {
        this.set = Objects.requireNonNull(set, "set");
        this.options = Objects.requireNonNull(options, "options");
        this.wanted = new boolean[FieldRole.values().length];
        for (FieldRole role : FieldRole.values()) {
            wanted[role.ordinal()] = wanted(role);
        }
        this.filter = filtered ? new EncodedValueFilter(set) : null;
    }

    /**
     * The reference for differential tests: every wanted field decoded and looked up, field names
     * classified afresh each time, no filter and no cache.
     */
    static IocMatcher unfiltered(IocSet set, MatchOptions options) {
        return new IocMatcher(set, options, false);
    }

    public IocSet set() {
        return set;
    }

    /** Reports every indicator found in {@code event}, once each, in field order. */
    public void match(Event event, Consumer<IocHit> out) {
        if (set.isEmpty()) {
            return;
        }
        MatchRun run = null;
        FoldedAscii buffer = null;
        RuledOutValues ruledOut = null;
        FieldLayout layout = event.layout();
        FieldRole[] bySlot =
                filter != null && layout.shared() ? layoutRoles.get().of(layout, roles) : null;
        // by position: a lookup by name per field showed in profiles
        for (int i = 0, n = event.size(); i < n; i++) {
            String name = event.nameAt(i);
            FieldRole role = bySlot != null ? bySlot[i] : filter == null ? FieldRoles.classify(name) : roles.of(name);
            if (!wanted[role.ordinal()]) {
                continue;
            }
            if (filter != null) {
                if (buffer == null) {
                    buffer = filter.buffer();
                    ruledOut = this.ruledOut.get();
                }
                Object stored = event.storedAt(i);
                EncodedString kept = stored instanceof EncodedString e && RuledOutValues.takes(e) ? e : null;
                int hash = kept == null ? 0 : kept.bytesHash();
                if (kept != null && ruledOut.holds(role, kept, hash)) {
                    continue;
                }
                if (filter.cannotMatch(role, stored, buffer)) {
                    if (kept != null) {
                        ruledOut.add(role, kept, hash);
                    }
                    continue;
                }
            }
            Object value = event.foldedAt(i);
            if (value == null) {
                continue;
            }
            if (run == null) {
                run = new MatchRun(set, options, event, out);
            }
            if (value instanceof List<?> list) {
                for (Object v : list) {
                    if (v != null) {
                        run.field(name, role, v);
                    }
                }
            } else {
                run.field(name, role, value);
            }
        }
    }

    /** The hits of {@code event} as a list; see {@link #match(Event, Consumer)}. */
    public List<IocHit> match(Event event) {
        List<IocHit> hits = new ArrayList<>(0);
        match(event, hits::add);
        return hits;
    }

    private boolean wanted(FieldRole role) {
        return switch (role) {
            case HASHES, HASH_MD5, HASH_SHA1, HASH_SHA256, HASH_IMPHASH -> !set.hashes.isEmpty();
            case PATH -> !set.files.isEmpty();
            case OBJECT_NAME -> !set.files.isEmpty() || !set.registry.isEmpty();
            case IP_SRC, IP_DST, IP_ANY -> !set.ips.isEmpty();
            case HOST -> !set.domains.isEmpty() || !set.ips.isEmpty();
            case URL, TEXT -> !set.urls.isEmpty() || !set.domains.isEmpty() || !set.ips.isEmpty();
            case PIPE -> !set.pipes.isEmpty();
            case REGKEY -> !set.registry.isEmpty();
            case MUTEX -> !set.mutexes.isEmpty();
            case PORT_DST -> !set.ports.isEmpty();
            case NONE -> false;
        };
    }
}
