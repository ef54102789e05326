package io.vigil.cli;

import io.vigil.engine.RuleLoading;
import io.vigil.engine.cache.ParseCache;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --rule-cache}/{@code --no-rule-cache} options shared by {@code hunt} and {@code rules lint},
 * so that both load rules through the same cache. A cache file that has to be ignored is one warning
 * line on stderr; it never changes the rules or their diagnostics.
 */
final class RuleCacheOptions {
    @Option(
            names = "--rule-cache",
            paramLabel = "DIR",
            description = "Keep the parsed rules here to skip YAML parsing on later runs (default:"
                    + " $XDG_CACHE_HOME/vigil/rules or ~/.cache/vigil/rules). Entries are keyed on each file's"
                    + " path and content and on the Vigil build; placeholders and compilation are never cached.")
    Path dir;

    @Option(names = "--no-rule-cache", description = "Parse every rule file; neither read nor write the rule cache.")
    boolean disabled;

    ParseCache open(PrintStream err) {
        if (disabled) {
            return ParseCache.NONE;
        }
        return ParseCache.in(
                dir == null ? RuleLoading.defaultCacheDir() : dir, w -> err.println("vigil: warning: " + w));
    }
}
