package io.vigil.sigma.compile;

import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.Severity;
import io.vigil.core.diag.SourceLocation;
import io.vigil.correlate.CorrelationPlan;
import io.vigil.correlate.CorrelationSpec;
import io.vigil.sigma.ast.AliasMapping;
import io.vigil.sigma.ast.RuleReference;
import io.vigil.sigma.ast.SigmaCorrelation;
import io.vigil.sigma.ast.SigmaDocument;
import io.vigil.sigma.ast.SigmaRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns parsed correlation documents into a {@link CorrelationPlan}: resolves every reference (by
 * {@code id}, then by {@code name}; a document of the correlation's own file first), rejects
 * correlations that reference unknown, ambiguous or rejected rules or that take part in a cycle, and
 * fills in the correlation's level. Each rejected correlation gets exactly one error diagnostic at the
 * place that caused it; usable oddities are warnings.
 */
public final class CorrelationCompiler {
    /**
     * What compiling produced.
     *
     * @param plan the usable correlations
     * @param diagnostics errors (one per rejected correlation) and warnings
     * @param rejectedByReason rejected correlations by diagnostic code
     * @param rejected number of rejected correlations
     */
    public record Outcome(
            CorrelationPlan plan, List<Diagnostic> diagnostics, Map<String, Integer> rejectedByReason, int rejected) {}

    private final List<SigmaCorrelation> correlations;
    private final Map<SigmaRule, CompiledRule> compiled;
    private final Map<String, List<SigmaDocument>> byId = new HashMap<>();
    private final Map<String, List<SigmaDocument>> byName = new HashMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<SigmaCorrelation, Diagnostic> rejected = new IdentityHashMap<>();
    private final Map<SigmaCorrelation, List<SigmaDocument>> inputs = new IdentityHashMap<>();
    private final Map<SigmaCorrelation, CorrelationSpec> built = new IdentityHashMap<>();

    private CorrelationCompiler(
            List<SigmaCorrelation> correlations, List<SigmaRule> rules, Map<SigmaRule, CompiledRule> compiled) {
        this.correlations = correlations;
        this.compiled = compiled;
        for (SigmaRule r : rules) {
            index(r, r.id(), r.name());
        }
        for (SigmaCorrelation c : correlations) {
            index(c, c.id(), c.name());
        }
    }

    /**
     * @param correlations the parsed correlation documents, in load order
     * @param rules every parsed detection rule, loaded or not (a reference to a rejected rule is an
     *     error of its own kind)
     * @param compiled the rules that compiled, by identity of their parsed document
     */
    public static Outcome compile(
            List<SigmaCorrelation> correlations, List<SigmaRule> rules, Map<SigmaRule, CompiledRule> compiled) {
        return new CorrelationCompiler(correlations, rules, compiled).run();
    }

    private void index(SigmaDocument d, String id, String name) {
        if (id != null) {
            byId.computeIfAbsent(id, k -> new ArrayList<>()).add(d);
        }
        if (name != null) {
            byName.computeIfAbsent(name, k -> new ArrayList<>()).add(d);
        }
    }

    private Outcome run() {
        for (SigmaCorrelation c : correlations) {
            List<SigmaDocument> targets = new ArrayList<>();
            for (RuleReference ref : c.rules()) {
                SigmaDocument t = resolve(c, ref);
                if (t == null) {
                    break;
                }
                if (targets.contains(t)) {
                    reject(
                            c,
                            "duplicate-rule-reference",
                            "'" + ref + "' names " + label(t) + " a second time",
                            ref.location());
                    break;
                }
                targets.add(t);
            }
            if (!rejected.containsKey(c)) {
                inputs.put(c, targets);
            }
        }
        rejectCycles();
        List<SigmaCorrelation> order = new ArrayList<>();
        Set<SigmaCorrelation> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (SigmaCorrelation c : correlations) {
            postOrder(c, seen, order);
        }
        Set<RuleRef> refs = new HashSet<>();
        List<CorrelationSpec> specs = new ArrayList<>();
        for (SigmaCorrelation c : order) {
            if (rejected.containsKey(c)) {
                continue;
            }
            CorrelationSpec spec = build(c);
            if (spec == null) {
                continue;
            }
            if (!refs.add(spec.ref())) {
                reject(c, "duplicate-correlation", "the same correlation is defined twice", c.location());
                continue;
            }
            built.put(c, spec);
            specs.add(spec);
        }
        Map<String, Integer> byReason = new TreeMap<>();
        for (Diagnostic d : rejected.values()) {
            byReason.merge(d.code(), 1, Integer::sum);
        }
        // Specs are in dependency order, which CorrelationPlan keeps.
        return new Outcome(CorrelationPlan.of(specs), diagnostics, byReason, rejected.size());
    }

    /** The document a reference names, or null after rejecting the correlation. */
    private SigmaDocument resolve(SigmaCorrelation from, RuleReference ref) {
        List<SigmaDocument> found = sameFile(byId.get(ref.text()), from.path());
        if (found.isEmpty()) {
            found = sameFile(byName.get(ref.text()), from.path());
        }
        if (found.isEmpty()) {
            found = byId.getOrDefault(ref.text(), List.of());
        }
        if (found.isEmpty()) {
            found = byName.getOrDefault(ref.text(), List.of());
        }
        if (found.isEmpty()) {
            reject(
                    from,
                    "unknown-rule-reference",
                    "no rule or correlation with id or name '" + ref + "' was loaded",
                    ref.location());
            return null;
        }
        if (found.size() > 1) {
            StringBuilder where = new StringBuilder();
            for (SigmaDocument d : found) {
                where.append(where.length() == 0 ? "" : ", ").append(d.location());
            }
            reject(from, "ambiguous-rule-reference", "'" + ref + "' names several rules: " + where, ref.location());
            return null;
        }
        return found.get(0);
    }

    private static List<SigmaDocument> sameFile(List<SigmaDocument> docs, String path) {
        List<SigmaDocument> out = new ArrayList<>();
        if (docs != null) {
            for (SigmaDocument d : docs) {
                if (path != null && path.equals(pathOf(d))) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    private static String pathOf(SigmaDocument d) {
        if (d instanceof SigmaRule r) {
            return r.path();
        }
        if (d instanceof SigmaCorrelation c) {
            return c.path();
        }
        return null;
    }

    /** Rejects every correlation on a cycle (Tarjan's strongly connected components). */
    private void rejectCycles() {
        Map<SigmaCorrelation, int[]> marks = new IdentityHashMap<>(); // {index, lowlink, onStack}
        List<SigmaCorrelation> stack = new ArrayList<>();
        int[] counter = {0};
        for (SigmaCorrelation c : correlations) {
            if (inputs.containsKey(c) && !marks.containsKey(c)) {
                strongConnect(c, marks, stack, counter);
            }
        }
    }

    private void strongConnect(
            SigmaCorrelation v, Map<SigmaCorrelation, int[]> marks, List<SigmaCorrelation> stack, int[] counter) {
        int[] mv = {counter[0], counter[0], 1};
        counter[0]++;
        marks.put(v, mv);
        stack.add(v);
        for (SigmaDocument t : inputs.get(v)) {
            if (!(t instanceof SigmaCorrelation w) || !inputs.containsKey(w)) {
                continue;
            }
            int[] mw = marks.get(w);
            if (mw == null) {
                strongConnect(w, marks, stack, counter);
                mv[1] = Math.min(mv[1], marks.get(w)[1]);
            } else if (mw[2] == 1) {
                mv[1] = Math.min(mv[1], mw[0]);
            }
        }
        if (mv[1] == mv[0]) {
            List<SigmaCorrelation> scc = new ArrayList<>();
            SigmaCorrelation w;
            do {
                w = stack.remove(stack.size() - 1);
                marks.get(w)[2] = 0;
                scc.add(w);
            } while (w != v);
            boolean selfLoop = inputs.get(v).contains(v);
            if (scc.size() > 1 || selfLoop) {
                Set<SigmaCorrelation> members = Collections.newSetFromMap(new IdentityHashMap<>());
                members.addAll(scc);
                List<Diagnostic> found = new ArrayList<>();
                for (SigmaCorrelation m : scc) {
                    found.add(cycleThrough(m, members));
                }
                for (int i = 0; i < scc.size(); i++) {
                    inputs.remove(scc.get(i));
                    Diagnostic d = found.get(i);
                    reject(scc.get(i), d.code(), d.message(), d.location());
                }
            }
        }
    }

    /** The cycle walked from {@code m} inside its component, reported at m's first reference into it. */
    private Diagnostic cycleThrough(SigmaCorrelation m, Set<SigmaCorrelation> members) {
        List<String> path = new ArrayList<>();
        path.add(label(m));
        SigmaCorrelation cur = m;
        Set<SigmaCorrelation> walked = Collections.newSetFromMap(new IdentityHashMap<>());
        RuleReference first = null;
        while (walked.add(cur)) {
            List<SigmaDocument> ts = inputs.get(cur);
            for (int i = 0; i < ts.size(); i++) {
                if (ts.get(i) instanceof SigmaCorrelation next && members.contains(next)) {
                    if (first == null) {
                        first = cur.rules().get(i);
                    }
                    cur = next;
                    break;
                }
            }
            path.add(label(cur));
        }
        return Diagnostic.error(
                "correlation-cycle",
                "correlations reference each other in a cycle: " + String.join(" -> ", path),
                first.location());
    }

    private void postOrder(SigmaCorrelation c, Set<SigmaCorrelation> seen, List<SigmaCorrelation> out) {
        if (!seen.add(c)) {
            return;
        }
        for (SigmaDocument t : inputs.getOrDefault(c, List.of())) {
            if (t instanceof SigmaCorrelation inner) {
                postOrder(inner, seen, out);
            }
        }
        out.add(c);
    }

    private CorrelationSpec build(SigmaCorrelation c) {
        List<SigmaDocument> targets = inputs.get(c);
        List<RuleRef> refs = new ArrayList<>();
        Level highest = null;
        for (int i = 0; i < targets.size(); i++) {
            SigmaDocument t = targets.get(i);
            RuleReference ref = c.rules().get(i);
            RuleRef r;
            if (t instanceof SigmaCorrelation inner) {
                CorrelationSpec s = built.get(inner);
                if (s == null) {
                    reject(
                            c,
                            "rejected-rule-reference",
                            "correlation " + label(inner) + " (" + inner.location()
                                    + ") was rejected, so this correlation cannot run",
                            ref.location());
                    return null;
                }
                r = s.ref();
            } else {
                CompiledRule cr = compiled.get((SigmaRule) t);
                if (cr == null) {
                    reject(
                            c,
                            "rejected-rule-reference",
                            "rule " + label(t) + " (" + t.location() + ") was rejected, so this correlation cannot run",
                            ref.location());
                    return null;
                }
                if (cr.inactiveReason() != null) {
                    warn(
                            "inactive-correlation-input",
                            "rule " + label(t) + " cannot fire (" + cr.inactiveReason()
                                    + "), so it never feeds this correlation",
                            ref.location(),
                            c.id());
                }
                r = cr.ref();
            }
            refs.add(r);
            if (highest == null || r.level().compareTo(highest) > 0) {
                highest = r.level();
            }
        }
        Map<String, Map<RuleRef, String>> aliases = new LinkedHashMap<>();
        for (AliasMapping a : c.aliases()) {
            int slot = -1;
            List<SigmaDocument> found = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                SigmaDocument t = targets.get(i);
                if (a.rule().text().equals(t instanceof SigmaRule r ? r.id() : ((SigmaCorrelation) t).id())
                        || a.rule()
                                .text()
                                .equals(t instanceof SigmaRule r ? r.name() : ((SigmaCorrelation) t).name())) {
                    found.add(t);
                    slot = i;
                }
            }
            if (found.size() != 1) {
                reject(
                        c,
                        "unknown-rule-reference",
                        "alias '" + a.alias() + "' names '" + a.rule() + "', which is not "
                                + (found.isEmpty() ? "one of" : "a single one of") + " this correlation's rules",
                        a.location());
                return null;
            }
            Map<RuleRef, String> m = aliases.computeIfAbsent(a.alias(), k -> new LinkedHashMap<>());
            if (m.put(refs.get(slot), a.field()) != null) {
                reject(
                        c,
                        "duplicate-alias",
                        "alias '" + a.alias() + "' maps " + label(found.get(0)) + " twice",
                        a.location());
                return null;
            }
        }
        checkAliases(c, refs, aliases);
        Level level = Level.parse(c.level()).orElse(null);
        if (level == null) {
            if (c.level() != null) {
                warn(
                        "unknown-level",
                        "level '" + c.level() + "' is not a Sigma level; using the highest level of its rules ("
                                + highest.label() + ")",
                        c.levelLocation(),
                        c.id());
            }
            level = highest;
        }
        RuleRef self = new RuleRef(c.id(), c.title(), level, c.status(), c.author(), c.tags(), c.path());
        CorrelationSpec spec;
        try {
            CorrelationSpec.Builder b = CorrelationSpec.builder(self, c.type())
                    .name(c.name())
                    .rules(refs)
                    .groupBy(c.groupBy())
                    .timespan(c.timespan())
                    .condition(c.condition())
                    .fields(c.fields())
                    .generate(c.generate());
            aliases.forEach((alias, m) -> m.forEach((rule, field) -> b.alias(alias, rule, field)));
            spec = b.build();
        } catch (IllegalArgumentException e) {
            reject(c, "bad-correlation", e.getMessage(), c.location());
            return null;
        }
        checkChains(c, spec, targets);
        checkTemporalCondition(c, spec);
        return spec;
    }

    private void checkAliases(SigmaCorrelation c, List<RuleRef> refs, Map<String, Map<RuleRef, String>> aliases) {
        Set<String> used = new HashSet<>(c.groupBy());
        used.addAll(c.fields());
        for (Map.Entry<String, Map<RuleRef, String>> a : aliases.entrySet()) {
            if (!used.contains(a.getKey())) {
                warn(
                        "unused-alias",
                        "alias '" + a.getKey() + "' is used neither in group-by nor as field",
                        locationOf(c, a.getKey()),
                        c.id());
                continue;
            }
            for (RuleRef r : refs) {
                if (!a.getValue().containsKey(r)) {
                    warn(
                            "incomplete-alias",
                            "alias '" + a.getKey() + "' has no field for rule '" + r.title()
                                    + "'; its events are read from a field named '" + a.getKey() + "'",
                            locationOf(c, a.getKey()),
                            c.id());
                }
            }
        }
    }

    private static SourceLocation locationOf(SigmaCorrelation c, String alias) {
        for (AliasMapping a : c.aliases()) {
            if (a.alias().equals(alias)) {
                return a.location();
            }
        }
        return c.location();
    }

    /**
     * A correlation read by another exposes only its group-by values as fields; warn when the outer
     * correlation reads anything else from it, since those detections would never be counted.
     */
    private void checkChains(SigmaCorrelation c, CorrelationSpec spec, List<SigmaDocument> targets) {
        for (int i = 0; i < targets.size(); i++) {
            if (!(targets.get(i) instanceof SigmaCorrelation innerDoc)) {
                continue;
            }
            CorrelationSpec inner = built.get(innerDoc);
            Set<String> offered = new HashSet<>();
            for (String g : inner.groupBy()) {
                offered.add(g.toLowerCase(Locale.ROOT));
            }
            List<String> wanted = new ArrayList<>(spec.groupBy());
            wanted.addAll(spec.fields());
            for (String w : wanted) {
                String field = spec.fieldFor(w, inner.ref());
                if (!offered.contains(field.toLowerCase(Locale.ROOT))) {
                    warn(
                            "chained-field-missing",
                            "correlation " + label(innerDoc) + " provides only its group-by values " + inner.groupBy()
                                    + "; '" + field + "' is not among them, so its detections are never counted here",
                            c.rules().get(i).location(),
                            c.id());
                }
            }
        }
    }

    private void checkTemporalCondition(SigmaCorrelation c, CorrelationSpec spec) {
        if (!spec.type().temporal()) {
            return;
        }
        int n = spec.rules().size();
        for (int v = 1; v <= n; v++) {
            if (spec.condition().test(v)) {
                return;
            }
        }
        warn(
                "unsatisfiable-condition",
                spec.type().label() + " counts how many of its " + n + " rules were seen, so condition {"
                        + spec.condition() + "} can never hold",
                c.location(),
                c.id());
    }

    private void reject(SigmaCorrelation c, String code, String message, SourceLocation at) {
        if (rejected.containsKey(c)) {
            return;
        }
        Diagnostic d = new Diagnostic(Severity.ERROR, code, message, at, c.id());
        rejected.put(c, d);
        diagnostics.add(d);
    }

    private void warn(String code, String message, SourceLocation at, String subject) {
        diagnostics.add(new Diagnostic(Severity.WARNING, code, message, at, subject));
    }

    private static String label(SigmaDocument d) {
        String name = d instanceof SigmaRule r ? r.name() : d instanceof SigmaCorrelation c ? c.name() : null;
        if (name != null) {
            return "'" + name + "'";
        }
        return d.id() != null ? "'" + d.id() + "'" : "'" + d.title() + "'";
    }
}
