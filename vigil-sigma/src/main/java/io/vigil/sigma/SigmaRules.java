package io.vigil.sigma;

import io.vigil.core.detect.Level;
import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.Severity;
import io.vigil.sigma.ast.SigmaCorrelation;
import io.vigil.sigma.ast.SigmaDocument;
import io.vigil.sigma.ast.SigmaFilter;
import io.vigil.sigma.ast.SigmaRule;
import io.vigil.sigma.compile.CompiledRule;
import io.vigil.sigma.compile.CorrelationCompiler;
import io.vigil.sigma.compile.Placeholders;
import io.vigil.sigma.compile.RuleCompileException;
import io.vigil.sigma.compile.RuleCompiler;
import io.vigil.sigma.logsource.LogSourceMap;
import io.vigil.sigma.parse.ParseStore;
import io.vigil.sigma.parse.ParsedFile;
import io.vigil.sigma.parse.RuleParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Entry point of the Sigma engine: parse rule files, apply filters, compile every rule once, and
 * resolve correlation rules (which may share a multi-document file with the rules they reference) into
 * a {@link io.vigil.correlate.CorrelationPlan}. Bad rules never stop loading: each becomes a
 * diagnostic with file:line:column and is counted as rejected; a valid correlation counts as a loaded
 * rule.
 */
public final class SigmaRules {
    private SigmaRules() {}

    /** Maps every item on the common fork-join pool; results in input order. */
    private static <T, R> List<R> parallel(List<T> items, Function<T, R> f) {
        Object[] out = new Object[items.size()];
        IntStream.range(0, items.size()).parallel().forEach(i -> out[i] = f.apply(items.get(i)));
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(out);
        return list;
    }

    private static List<SigmaFilter> applicable(SigmaRule r, Map<String, List<SigmaFilter>> filtersByRule) {
        List<SigmaFilter> applicable = new ArrayList<>();
        if (r.id() != null) {
            applicable.addAll(filtersByRule.getOrDefault(r.id(), List.of()));
        }
        if (r.name() != null) {
            applicable.addAll(filtersByRule.getOrDefault(r.name(), List.of()));
        }
        return applicable;
    }

    public static LoadResult load(List<RuleSource> sources, Placeholders placeholders, LogSourceMap logsources) {
        return load(sources, placeholders, logsources, ParseStore.NONE);
    }

    /**
     * As {@link #load(List, Placeholders, LogSourceMap)}, taking the parse of unchanged files from
     * {@code cache}. The result, diagnostics included, is the same as without the cache.
     */
    public static LoadResult load(
            List<RuleSource> sources, Placeholders placeholders, LogSourceMap logsources, ParseStore cache) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, Integer> byReason = new TreeMap<>();
        int[] parseRejected = {0};
        List<SigmaRule> rules = new ArrayList<>();
        List<SigmaFilter> filters = new ArrayList<>();
        List<SigmaCorrelation> correlations = new ArrayList<>();
        // Files parse independently: in parallel, then merged in input order so that diagnostics and
        // rule order do not depend on scheduling.
        List<ParsedFile> parsed = cache.parse(
                sources,
                missing -> parallel(missing, src -> {
                    List<Diagnostic> own = new ArrayList<>();
                    return new ParsedFile(RuleParser.parse(src.path(), src.text(), own::add), own);
                }));
        for (ParsedFile p : parsed) {
            for (Diagnostic d : p.diagnostics()) {
                diagnostics.add(d);
                if (d.severity() == Severity.ERROR) {
                    parseRejected[0]++;
                    byReason.merge(d.code(), 1, Integer::sum);
                }
            }
            for (SigmaDocument doc : p.documents()) {
                if (doc instanceof SigmaRule r) {
                    rules.add(r);
                } else if (doc instanceof SigmaFilter f) {
                    filters.add(f);
                } else if (doc instanceof SigmaCorrelation c) {
                    correlations.add(c);
                }
            }
        }
        RuleCompiler compiler = new RuleCompiler(logsources, placeholders);
        Map<String, List<SigmaFilter>> filtersByRule = new HashMap<>();
        for (SigmaFilter f : filters) {
            try {
                compiler.check(f);
            } catch (RuleCompileException e) {
                // A broken filter is dropped; the rules it references still load, unfiltered.
                diagnostics.add(e.toDiagnostic().withSubject(f.id()));
                parseRejected[0]++;
                byReason.merge(e.code(), 1, Integer::sum);
                continue;
            }
            for (String target : f.rules()) {
                filtersByRule.computeIfAbsent(target, k -> new ArrayList<>()).add(f);
            }
        }
        List<CompiledRule> compiled = new ArrayList<>();
        Map<SigmaRule, CompiledRule> compiledByDoc = new IdentityHashMap<>();
        Map<String, Integer> inactive = new TreeMap<>();
        Map<String, String> seenIds = new HashMap<>();
        List<Object> outcomes = parallel(rules, r -> {
            try {
                return compiler.compile(r, Level.parse(r.level()).orElse(Level.MEDIUM), applicable(r, filtersByRule));
            } catch (RuleCompileException e) {
                return e;
            }
        });
        for (int i = 0; i < rules.size(); i++) {
            SigmaRule r = rules.get(i);
            if (Level.parse(r.level()).isEmpty()) {
                diagnostics.add(new Diagnostic(
                        Severity.WARNING,
                        "unknown-level",
                        r.level() == null
                                ? "rule has no level; using medium"
                                : "level '" + r.level() + "' is not a Sigma level; using medium",
                        r.levelLocation(),
                        r.id()));
            }
            if (r.id() != null) {
                String prev = seenIds.putIfAbsent(r.id(), r.path());
                if (prev != null) {
                    diagnostics.add(new Diagnostic(
                            Severity.WARNING, "duplicate-id", "rule id also used in " + prev, r.location(), r.id()));
                }
            }
            if (outcomes.get(i) instanceof CompiledRule c) {
                compiled.add(c);
                compiledByDoc.put(r, c);
                if (c.inactiveReason() != null) {
                    String product = r.logsource().product() == null
                            ? "(none)"
                            : r.logsource().product();
                    inactive.merge(product, 1, Integer::sum);
                }
            } else if (outcomes.get(i) instanceof RuleCompileException e) {
                diagnostics.add(e.toDiagnostic().withSubject(r.id()));
                byReason.merge(e.code(), 1, Integer::sum);
            }
        }
        for (SigmaCorrelation c : correlations) {
            if (c.id() != null) {
                String prev = seenIds.putIfAbsent(c.id(), c.path());
                if (prev != null) {
                    diagnostics.add(new Diagnostic(
                            Severity.WARNING, "duplicate-id", "rule id also used in " + prev, c.location(), c.id()));
                }
            }
        }
        CorrelationCompiler.Outcome corr = CorrelationCompiler.compile(correlations, rules, compiledByDoc);
        diagnostics.addAll(corr.diagnostics());
        corr.rejectedByReason().forEach((code, n) -> byReason.merge(code, n, Integer::sum));
        int loaded = compiled.size() + corr.plan().specs().size();
        int rejected = parseRejected[0] + (rules.size() - compiled.size()) + corr.rejected();
        LoadSummary summary = new LoadSummary(sources.size(), loaded + rejected, loaded, rejected, byReason, inactive);
        return new LoadResult(new RuleSet(compiled), diagnostics, summary, corr.plan());
    }
}
