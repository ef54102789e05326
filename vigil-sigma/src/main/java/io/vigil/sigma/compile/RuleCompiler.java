package io.vigil.sigma.compile;

import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.diag.SourceLocation;
import io.vigil.sigma.ast.ConditionText;
import io.vigil.sigma.ast.DetectionBody;
import io.vigil.sigma.ast.FieldSpec;
import io.vigil.sigma.ast.SearchIdentifier;
import io.vigil.sigma.ast.SigmaFilter;
import io.vigil.sigma.ast.SigmaRule;
import io.vigil.sigma.condition.Condition;
import io.vigil.sigma.condition.ConditionParser;
import io.vigil.sigma.condition.ConditionSyntaxException;
import io.vigil.sigma.logsource.LogSourceMap;
import io.vigil.sigma.logsource.SourceMapping;
import io.vigil.sigma.match.AllOf;
import io.vigil.sigma.match.AnyOf;
import io.vigil.sigma.match.AtLeast;
import io.vigil.sigma.match.GlobPredicate;
import io.vigil.sigma.match.Matcher;
import io.vigil.sigma.match.NotMatcher;
import io.vigil.sigma.match.SourceGate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles a parsed rule (plus the filters that reference it) into a {@link CompiledRule}: parses the
 * conditions, checks every identifier reference, and builds one matcher tree per event source of the
 * rule's log source, with that source's field names.
 */
public final class RuleCompiler {
    private final LogSourceMap logsources;
    private final FieldSpecCompiler fields;

    public RuleCompiler(LogSourceMap logsources, Placeholders placeholders) {
        this.logsources = logsources;
        this.fields = new FieldSpecCompiler(placeholders);
    }

    public CompiledRule compile(SigmaRule rule, Level level, List<SigmaFilter> filters) throws RuleCompileException {
        List<Condition> conditions = parseConditions(rule.detection());
        List<List<Condition>> filterConditions = new ArrayList<>();
        for (SigmaFilter f : filters) {
            filterConditions.add(parseConditions(f.body()));
        }
        RuleRef ref =
                new RuleRef(rule.id(), rule.title(), level, rule.status(), rule.author(), rule.tags(), rule.path());
        Optional<List<SourceMapping>> sources = logsources.resolve(rule.logsource());
        // Compile against the identity mapping even when no source applies, so that errors in an
        // unmapped rule are still found and the rule is judged on its own merits.
        List<SourceMapping> targets = sources.orElse(List.of(new SourceMapping(SourceGate.ANY, Map.of())));
        List<Branch> branches = new ArrayList<>();
        FieldSpecCompiler.Predicates shared = new FieldSpecCompiler.Predicates();
        for (SourceMapping source : targets) {
            Matcher m = detection(rule.detection(), conditions, source, shared);
            if (!filters.isEmpty()) {
                List<Matcher> parts = new ArrayList<>();
                parts.add(m);
                for (int i = 0; i < filters.size(); i++) {
                    parts.add(
                            new NotMatcher(detection(filters.get(i).body(), filterConditions.get(i), source, shared)));
                }
                m = new AllOf(parts);
            }
            branches.add(new Branch(source.gate(), m));
        }
        if (sources.isEmpty()) {
            return new CompiledRule(ref, List.of(), "no Windows event source for logsource " + rule.logsource());
        }
        return new CompiledRule(ref, branches, null);
    }

    /**
     * Checks a filter on its own (conditions, references and every field spec), so that a broken filter
     * is rejected by itself instead of taking down every rule it references.
     */
    public void check(SigmaFilter filter) throws RuleCompileException {
        detection(
                filter.body(),
                parseConditions(filter.body()),
                new SourceMapping(SourceGate.ANY, Map.of()),
                new FieldSpecCompiler.Predicates());
    }

    private static List<Condition> parseConditions(DetectionBody body) throws RuleCompileException {
        List<Condition> out = new ArrayList<>();
        for (ConditionText ct : body.conditions()) {
            try {
                Condition c = ConditionParser.parse(ct.text());
                checkReferences(c, body, ct);
                out.add(c);
            } catch (ConditionSyntaxException e) {
                throw new RuleCompileException("condition-syntax", e.getMessage(), shift(ct.location(), e.column()));
            }
        }
        return out;
    }

    private static SourceLocation shift(SourceLocation loc, int column) {
        return SourceLocation.of(loc.path(), loc.line(), loc.column() + column);
    }

    private static void checkReferences(Condition c, DetectionBody body, ConditionText ct) throws RuleCompileException {
        if (c instanceof Condition.Ref r) {
            if (!body.identifiers().containsKey(r.name())) {
                throw new RuleCompileException(
                        "unknown-identifier",
                        "condition refers to '" + r.name() + "', which is not defined",
                        shift(ct.location(), r.column()));
            }
        } else if (c instanceof Condition.Of o) {
            if (select(o, body).isEmpty()) {
                throw new RuleCompileException(
                        "unknown-identifier",
                        "'" + (o.pattern() == null ? "them" : o.pattern()) + "' matches no search identifier",
                        shift(ct.location(), o.column()));
            }
        } else if (c instanceof Condition.Not n) {
            checkReferences(n.operand(), body, ct);
        } else if (c instanceof Condition.And a) {
            for (Condition x : a.operands()) {
                checkReferences(x, body, ct);
            }
        } else if (c instanceof Condition.Or o) {
            for (Condition x : o.operands()) {
                checkReferences(x, body, ct);
            }
        }
    }

    /** The identifiers an {@code x of} selects; {@code them} leaves out names starting with '_'. */
    static List<String> select(Condition.Of of, DetectionBody body) {
        List<String> names = new ArrayList<>();
        GlobPredicate pattern = of.pattern() == null ? null : namePattern(of.pattern());
        for (String name : body.identifiers().keySet()) {
            if (pattern == null ? !name.startsWith("_") : pattern.test(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static GlobPredicate namePattern(String pattern) {
        int[] units = new int[pattern.length()];
        for (int i = 0; i < units.length; i++) {
            char c = pattern.charAt(i);
            units[i] = c == '*' ? GlobPredicate.STAR : c;
        }
        return new GlobPredicate(units, new String[0], true, pattern);
    }

    private Matcher detection(
            DetectionBody body, List<Condition> conditions, SourceMapping source, FieldSpecCompiler.Predicates shared)
            throws RuleCompileException {
        Map<String, Matcher> compiled = new LinkedHashMap<>();
        for (SearchIdentifier id : body.identifiers().values()) {
            compiled.put(id.name(), identifier(id, source, shared));
        }
        List<Matcher> alternatives = new ArrayList<>();
        for (Condition c : conditions) {
            alternatives.add(condition(c, body, compiled));
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new AnyOf(alternatives);
    }

    private Matcher identifier(SearchIdentifier id, SourceMapping source, FieldSpecCompiler.Predicates shared)
            throws RuleCompileException {
        List<Matcher> alternatives = new ArrayList<>();
        for (List<FieldSpec> specs : id.alternatives()) {
            List<Matcher> all = new ArrayList<>();
            for (FieldSpec spec : specs) {
                try {
                    all.add(fields.compile(spec, source::field, shared));
                } catch (CompileException e) {
                    throw new RuleCompileException(
                            e.code(), e.getMessage() + " in '" + spec.key() + "'", spec.location());
                }
            }
            alternatives.add(all.size() == 1 ? all.get(0) : new AllOf(all));
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new AnyOf(alternatives);
    }

    private static Matcher condition(Condition c, DetectionBody body, Map<String, Matcher> ids) {
        if (c instanceof Condition.Ref r) {
            return ids.get(r.name());
        }
        if (c instanceof Condition.Not n) {
            return new NotMatcher(condition(n.operand(), body, ids));
        }
        if (c instanceof Condition.And a) {
            List<Matcher> ops = new ArrayList<>();
            for (Condition x : a.operands()) {
                ops.add(condition(x, body, ids));
            }
            return new AllOf(ops);
        }
        if (c instanceof Condition.Or o) {
            List<Matcher> ops = new ArrayList<>();
            for (Condition x : o.operands()) {
                ops.add(condition(x, body, ids));
            }
            return new AnyOf(ops);
        }
        Condition.Of of = (Condition.Of) c;
        List<Matcher> ops = new ArrayList<>();
        for (String name : select(of, body)) {
            ops.add(ids.get(name));
        }
        if (of.count() == Condition.Of.ALL) {
            return new AllOf(ops);
        }
        return of.count() == 1 ? new AnyOf(ops) : new AtLeast(of.count(), ops);
    }
}
