package io.vigil.engine;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.diag.SourceLocation;
import io.vigil.evtx.EvtxLimits;
import io.vigil.evtx.EvtxListener;
import io.vigil.evtx.EvtxProblem;
import io.vigil.evtx.EvtxReader;
import io.vigil.evtx.EvtxRecord;
import io.vigil.evtx.EvtxResult;
import io.vigil.source.files.InputFile;
import io.vigil.source.files.InputOpener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads one {@code .evtx} input (a file, or a member of a zip archive) with the native reader and
 * turns its problems into diagnostics that name the file, chunk, byte offset and record id.
 */
public final class EvtxInput {
    private EvtxInput() {}

    /** Returns the reader's result, or null when the input could not be read at all (reported). */
    public static EvtxResult read(InputFile input, DiagnosticSink diagnostics, Consumer<EvtxRecord> records) {
        EvtxListener listener = new EvtxListener() {
            @Override
            public void onRecord(EvtxRecord record) {
                records.accept(record);
            }

            @Override
            public void onProblem(EvtxProblem p) {
                String where = (p.chunkIndex() >= 0 ? "chunk " + p.chunkIndex() + ", " : "")
                        + (p.recordId() >= 0 ? "record " + p.recordId() + ": " : "");
                diagnostics.report(new Diagnostic(
                        p.kind().skips() ? io.vigil.core.diag.Severity.ERROR : io.vigil.core.diag.Severity.WARNING,
                        "evtx-"
                                + p.kind()
                                        .name()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .replace('_', '-'),
                        where + p.reason(),
                        new SourceLocation(input.displayPath(), -1, -1, p.byteOffset()),
                        null));
            }
        };
        try {
            if (input.inArchive()) {
                byte[] bytes;
                try (InputStream in = InputOpener.withDefaults().open(input)) {
                    bytes = in.readAllBytes();
                }
                return EvtxReader.read(
                        Path.of(input.displayPath()), ByteBuffer.wrap(bytes), EvtxLimits.DEFAULTS, listener);
            }
            return EvtxReader.read(input.path(), EvtxLimits.DEFAULTS, listener);
        } catch (IOException e) {
            diagnostics.report(Diagnostic.error(
                    "input-unreadable", "cannot read: " + e.getMessage(), SourceLocation.file(input.displayPath())));
            return null;
        }
    }
}
