package io.vigil.conformance;

import io.vigil.core.diag.Severity;
import io.vigil.core.event.Event;
import io.vigil.sigma.LoadResult;
import io.vigil.sigma.RuleSet;
import io.vigil.sigma.RuleSource;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.ast.SigmaDocument;
import io.vigil.sigma.ast.SigmaRule;
import io.vigil.sigma.compile.CompiledRule;
import io.vigil.sigma.compile.Placeholders;
import io.vigil.sigma.logsource.LogSourceMap;
import io.vigil.sigma.parse.RuleParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Windows rules of the SigmaHQ {@code rules} tree, each as the engine compiled it and as the
 * reference evaluator reads it, for {@link SigmaDifferentialTest}. Loaded once per test run.
 */
final class SigmaDifferentialRules {
    /** One rule on both sides. */
    record Pair(String path, SigmaRule parsed, RuleSet set, CompiledRule compiled, ReferenceEvaluator reference) {
        /** The production path: the rule set's event-id index, then the rule. */
        boolean indexedMatches(Event e) {
            boolean[] hit = {false};
            set.match(e, r -> hit[0] = true);
            return hit[0];
        }
    }

    static final LogSourceMap WINDOWS = LogSourceMap.windows();

    private static List<Pair> loaded;
    static int windowsFiles;
    static int notLoaded;
    static final List<String> unsupported = new ArrayList<>();

    private SigmaDifferentialRules() {}

    static synchronized List<Pair> all() {
        if (loaded == null) {
            // -Dvigil.differential.trees=rules,rules-threat-hunting,... explores other rule trees.
            loaded = new ArrayList<>();
            for (String tree :
                    System.getProperty("vigil.differential.trees", "rules").split(",")) {
                loaded.addAll(load(SharedCorpus.sigma().resolve(tree.trim())));
            }
        }
        return loaded;
    }

    private static List<Pair> load(Path dir) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Pair> out = new ArrayList<>();
        for (Path file : files) {
            String path = dir.getParent().relativize(file).toString();
            String text = read(file);
            List<SigmaRule> rules = new ArrayList<>();
            for (SigmaDocument d : RuleParser.parse(path, text, diag -> {})) {
                if (d instanceof SigmaRule r && "windows".equals(r.logsource().product())) {
                    rules.add(r);
                }
            }
            if (rules.size() != 1) {
                continue;
            }
            windowsFiles++;
            LoadResult r = SigmaRules.load(List.of(new RuleSource(path, text)), Placeholders.NONE, WINDOWS);
            boolean clean = r.diagnostics().stream().noneMatch(d -> d.severity() == Severity.ERROR);
            if (!clean || r.rules().rules().size() != 1) {
                notLoaded++;
                continue;
            }
            try {
                out.add(new Pair(
                        path,
                        rules.get(0),
                        r.rules(),
                        r.rules().rules().get(0),
                        new ReferenceEvaluator(rules.get(0), WINDOWS)));
            } catch (UnsupportedOperationException e) {
                unsupported.add(path + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
