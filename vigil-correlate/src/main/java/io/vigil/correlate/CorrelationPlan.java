package io.vigil.correlate;

import io.vigil.core.detect.RuleRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The correlation rules of a run, checked as a whole: every correlation's identity is unique, chains
 * have no cycle, and the correlations are kept in dependency order (a correlation after every
 * correlation it reads). Immutable and shareable.
 *
 * <p>It also answers the two questions the matching loop asks about each detection rule: does any
 * correlation want its matches ({@link #consumes}), and should it still emit detections of its own
 * ({@link #emitsOwnDetections}, the {@code generate} option).
 */
public final class CorrelationPlan {
    /** A plan without correlations: consumes nothing, silences nothing. */
    public static final CorrelationPlan EMPTY = new CorrelationPlan(List.of());

    private final List<CorrelationSpec> specs;
    private final Map<RuleRef, Integer> indexByRef;
    private final Set<RuleRef> baseInputs;
    private final Set<RuleRef> silenced;

    private CorrelationPlan(List<CorrelationSpec> ordered) {
        this.specs = List.copyOf(ordered);
        Map<RuleRef, Integer> idx = new HashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            idx.put(specs.get(i).ref(), i);
        }
        this.indexByRef = Collections.unmodifiableMap(idx);
        Set<RuleRef> base = new HashSet<>();
        Map<RuleRef, Boolean> anyGenerate = new HashMap<>();
        for (CorrelationSpec s : specs) {
            for (RuleRef r : s.rules()) {
                if (!idx.containsKey(r)) {
                    base.add(r);
                }
                anyGenerate.merge(r, s.generate(), Boolean::logicalOr);
            }
        }
        this.baseInputs = Collections.unmodifiableSet(base);
        Set<RuleRef> quiet = new HashSet<>();
        anyGenerate.forEach((r, g) -> {
            if (!g) {
                quiet.add(r);
            }
        });
        this.silenced = Collections.unmodifiableSet(quiet);
    }

    /**
     * Checks and orders the correlations.
     *
     * @throws IllegalArgumentException when two correlations share a {@link RuleRef} or a chain of
     *     correlations reads itself (the message names the cycle)
     */
    public static CorrelationPlan of(List<CorrelationSpec> specs) {
        Map<RuleRef, CorrelationSpec> byRef = new LinkedHashMap<>();
        for (CorrelationSpec s : specs) {
            if (byRef.put(s.ref(), s) != null) {
                throw new IllegalArgumentException("two correlations share the identity of " + s.title());
            }
        }
        List<CorrelationSpec> ordered = new ArrayList<>();
        Map<RuleRef, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (CorrelationSpec s : specs) {
            visit(s, byRef, state, new ArrayList<>(), ordered);
        }
        return new CorrelationPlan(ordered);
    }

    private static void visit(
            CorrelationSpec s,
            Map<RuleRef, CorrelationSpec> byRef,
            Map<RuleRef, Integer> state,
            List<String> path,
            List<CorrelationSpec> out) {
        Integer st = state.get(s.ref());
        if (st != null && st == 2) {
            return;
        }
        path.add(s.name() != null ? s.name() : String.valueOf(s.id()));
        if (st != null) {
            throw new IllegalArgumentException("correlation cycle: " + String.join(" -> ", path));
        }
        state.put(s.ref(), 1);
        for (RuleRef r : s.rules()) {
            CorrelationSpec inner = byRef.get(r);
            if (inner != null) {
                visit(inner, byRef, state, path, out);
            }
        }
        state.put(s.ref(), 2);
        path.remove(path.size() - 1);
        out.add(s);
    }

    /** The correlations, every one after the correlations it reads. */
    public List<CorrelationSpec> specs() {
        return specs;
    }

    public boolean isEmpty() {
        return specs.isEmpty();
    }

    /** True when some correlation reads the matches of this detection rule. */
    public boolean consumes(RuleRef rule) {
        return baseInputs.contains(rule);
    }

    /** The detection rules whose matches some correlation reads. */
    public Set<RuleRef> baseInputs() {
        return baseInputs;
    }

    /**
     * False when the rule (or correlation) is read by correlations and none of them says
     * {@code generate: true}: its matches then feed the correlations only. An explicit
     * {@code generate: true} wins over the default of another correlation reading the same rule, so
     * that adding a correlation never hides alerts another correlation asked to keep.
     */
    public boolean emitsOwnDetections(RuleRef rule) {
        return !silenced.contains(rule);
    }

    /** The position of a correlation in {@link #specs}, or -1 when {@code ref} is not a correlation. */
    public int indexOf(RuleRef ref) {
        Integer i = indexByRef.get(ref);
        return i == null ? -1 : i;
    }
}
