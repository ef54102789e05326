package io.vigil.engine;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.diag.SourceLocation;
import io.vigil.core.event.Event;
import io.vigil.normalize.Normalizer;
import io.vigil.source.files.DiscoveryResult;
import io.vigil.source.files.InputDiscovery;
import io.vigil.source.files.InputFile;
import io.vigil.source.json.JsonRecordReader;
import io.vigil.source.json.ReadResult;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Source → normalize: turns the user's path arguments into normalised events, in input order, and
 * counts everything that is skipped (files by extension, records by reason) in the hunt summary.
 */
public final class EventStream {
    private final DiagnosticSink diagnostics;
    private final HuntSummary summary;
    private final Normalizer normalizer = Normalizer.standard();

    public EventStream(DiagnosticSink diagnostics, HuntSummary summary) {
        this.diagnostics = diagnostics;
        this.summary = summary;
    }

    public void forEach(List<String> arguments, Consumer<Event> consumer) {
        DiscoveryResult found = new InputDiscovery(diagnostics).discover(arguments);
        summary.inputsFailed += found.errorCount();
        for (Map.Entry<String, Integer> e : found.skippedByExtension().entrySet()) {
            summary.filesSkipped.merge(e.getKey(), (long) e.getValue(), Long::sum);
        }
        JsonRecordReader reader = new JsonRecordReader(diagnostics);
        for (InputFile input : found.inputs()) {
            if (input.kind() == InputFile.Kind.EVTX) {
                // NOTE: native EVTX reading is issue #3; until then such files are reported and counted.
                diagnostics.report(Diagnostic.warning(
                        "evtx-not-supported",
                        "native .evtx reading is not available yet; convert with evtx_dump to JSON",
                        SourceLocation.file(input.displayPath())));
                summary.filesSkipped.merge(".evtx", 1L, Long::sum);
                continue;
            }
            ReadResult r = reader.read(input, raw -> {
                summary.eventsRead++;
                consumer.accept(normalizer.normalize(raw.tree(), raw.provenance()));
            });
            if (r.completed()) {
                summary.filesRead++;
            } else {
                summary.inputsFailed++;
            }
            for (Map.Entry<String, Long> e : r.skippedByReason().entrySet()) {
                summary.eventsSkipped.merge(e.getKey(), e.getValue(), Long::sum);
            }
        }
    }
}
