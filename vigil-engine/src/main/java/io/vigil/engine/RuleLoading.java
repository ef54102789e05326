package io.vigil.engine;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.Severity;
import io.vigil.sigma.LoadResult;
import io.vigil.sigma.LoadSummary;
import io.vigil.sigma.RuleSource;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.compile.Placeholders;
import io.vigil.sigma.logsource.LogSourceMap;
import io.vigil.sigma.parse.ParseStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Loads the rules of a run from {@code --rules} arguments (or the built-in pack), shared by
 * {@code hunt} and {@code rules lint} so that both judge rules identically. Unreadable rule files are
 * counted as rejected with their reason.
 */
public final class RuleLoading {
    private RuleLoading() {}

    public static LoadResult load(List<String> ruleArgs, Placeholders placeholders) {
        return load(ruleArgs, placeholders, ParseStore.NONE);
    }

    /** As {@link #load(List, Placeholders)}, with the parse of unchanged rule files taken from a cache. */
    public static LoadResult load(List<String> ruleArgs, Placeholders placeholders, ParseStore cache) {
        List<Diagnostic> fileDiagnostics = new ArrayList<>();
        List<String> args = ruleArgs.isEmpty() ? List.of(RuleFiles.BUILTIN) : ruleArgs;
        // The log-source table is parsed (YAML) while the rule files are read.
        CompletableFuture<LogSourceMap> logsources = CompletableFuture.supplyAsync(LogSourceMap::windows);
        List<RuleSource> sources = RuleFiles.read(args, fileDiagnostics::add);
        LoadResult r = SigmaRules.load(sources, placeholders, logsources.join(), cache);
        if (fileDiagnostics.isEmpty()) {
            return r;
        }
        List<Diagnostic> all = new ArrayList<>(fileDiagnostics);
        all.addAll(r.diagnostics());
        Map<String, Integer> byReason = new TreeMap<>(r.summary().byReason());
        int unreadable = 0;
        for (Diagnostic d : fileDiagnostics) {
            if (d.severity() == Severity.ERROR && !d.code().equals("rules-not-found")) {
                byReason.merge(d.code(), 1, Integer::sum);
                unreadable++;
            }
        }
        LoadSummary s = r.summary();
        LoadSummary merged = new LoadSummary(
                s.files() + unreadable,
                s.rules() + unreadable,
                s.loaded(),
                s.rejected() + unreadable,
                byReason,
                s.inactive());
        return r.with(all, merged);
    }

    /**
     * Where rule caches live unless {@code --rule-cache} says otherwise: {@code $XDG_CACHE_HOME/vigil/rules},
     * else {@code ~/.cache/vigil/rules}.
     */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("vigil").resolve("rules");
    }

    /** True when a rule argument names nothing at all (a usage problem, not a rule problem). */
    public static boolean missingArgument(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(d -> d.code().equals("rules-not-found"));
    }
}
