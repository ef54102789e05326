package io.vigil.engine;

import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.evtx.EvtxProblem;
import io.vigil.evtx.EvtxResult;
import io.vigil.normalize.Normalizer;
import io.vigil.source.files.DiscoveryResult;
import io.vigil.source.files.InputDiscovery;
import io.vigil.source.files.InputFile;
import io.vigil.source.json.JsonRecordReader;
import io.vigil.source.json.ReadResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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

    /** Reads every input in order, handing each event to {@code consumer} on the calling thread. */
    public void forEach(List<String> arguments, Consumer<Event> consumer) {
        JsonRecordReader reader = new JsonRecordReader(diagnostics);
        for (InputFile input : discover(arguments)) {
            if (input.kind() == InputFile.Kind.EVTX) {
                EvtxResult r = EvtxInput.read(input, diagnostics, record -> {
                    summary.eventsRead++;
                    consumer.accept(normalizer.normalize(
                            record.tree(), Provenance.record(input.displayPath(), record.recordId())));
                });
                if (r == null) {
                    summary.inputsFailed++;
                    continue;
                }
                summary.filesRead++;
                skippedRecords(r).forEach((code, n) -> summary.eventsSkipped.merge(code, n, Long::sum));
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

    /** Finds the inputs named by the arguments, in order, counting skipped and failed ones. */
    List<InputFile> discover(List<String> arguments) {
        DiscoveryResult found = new InputDiscovery(diagnostics).discover(arguments);
        summary.inputsFailed += found.errorCount();
        for (Map.Entry<String, Integer> e : found.skippedByExtension().entrySet()) {
            summary.filesSkipped.merge(e.getKey(), (long) e.getValue(), Long::sum);
        }
        return found.inputs();
    }

    /** The records an EVTX read skipped, by summary reason code ({@code evtx-bad-record}, ...). */
    static Map<String, Long> skippedRecords(EvtxResult r) {
        Map<String, Long> skipped = new TreeMap<>();
        for (Map.Entry<EvtxProblem.Kind, Long> e : r.problems().entrySet()) {
            if (e.getKey().skips()) {
                skipped.merge(
                        "evtx-" + e.getKey().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        e.getValue(),
                        Long::sum);
            }
        }
        return skipped;
    }
}
