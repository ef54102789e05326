package io.vigil.engine;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.diag.SourceLocation;
import io.vigil.ioc.IocSet;
import io.vigil.ioc.load.FeedLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the IOC feeds of a run: the built-in APT10/MSP bundle (unless turned off) plus every
 * {@code --ioc} file, merged into one set. {@code --rules} never affects feeds. A feed file that
 * cannot be read is a diagnostic with code {@code ioc-unreadable}; problems inside a feed are reported by
 * the loaders and the rest of the feed loads.
 */
public final class IocFeeds {
    private IocFeeds() {}

    public static IocSet load(List<String> files, boolean builtin, DiagnosticSink diagnostics) {
        List<IocSet> sets = new ArrayList<>();
        if (builtin) {
            sets.add(FeedLoader.builtin(diagnostics));
        }
        for (String f : files) {
            Path p = Path.of(f);
            try {
                if (Files.size(p) > FeedLoader.MAX_BYTES) {
                    diagnostics.report(Diagnostic.error(
                            "ioc-unreadable",
                            "feed larger than " + (FeedLoader.MAX_BYTES >> 20) + " MiB",
                            SourceLocation.file(f)));
                    continue;
                }
                sets.add(FeedLoader.load(f, Files.readAllBytes(p), diagnostics));
            } catch (IOException e) {
                diagnostics.report(
                        Diagnostic.error("ioc-unreadable", "cannot read feed: " + e, SourceLocation.file(f)));
            }
        }
        return IocSet.merge(sets);
    }
}
