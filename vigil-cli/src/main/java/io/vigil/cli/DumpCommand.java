package io.vigil.cli;

import io.vigil.core.diag.Diagnostic;
import io.vigil.engine.EvtxInput;
import io.vigil.evtx.EvtxJsonLines;
import io.vigil.evtx.EvtxResult;
import io.vigil.source.files.DiscoveryResult;
import io.vigil.source.files.InputDiscovery;
import io.vigil.source.files.InputFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil dump}: every record of the given {@code .evtx} files as one JSON object per line in the
 * evtx_dump layout, a drop-in for that tool in pipelines. Problems go to stderr with file, chunk,
 * byte offset and record id; other inputs are skipped and counted.
 */
@Command(
        name = "dump",
        mixinStandardHelpOptions = true,
        description = "Write EVTX records as JSON lines (evtx_dump layout).")
public final class DumpCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = ".evtx files or directories (zip members too).")
    List<String> inputs;

    @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of stdout (overwritten).")
    String output = "-";

    @Override
    public Integer call() throws IOException {
        DiscoveryResult found = new InputDiscovery(d -> System.err.println(d)).discover(inputs);
        int failed = found.errorCount();
        long records = 0;
        long otherFiles = found.skippedCount();
        boolean toStdout = output.equals("-");
        OutputStream stream = toStdout ? System.out : Files.newOutputStream(Path.of(output));
        EvtxJsonLines out = new EvtxJsonLines(stream); // buffers and encodes UTF-8 itself
        try {
            for (InputFile input : found.inputs()) {
                if (input.kind() != InputFile.Kind.EVTX) {
                    otherFiles++;
                    continue;
                }
                long[] n = {0};
                EvtxResult r = EvtxInput.read(input, (Diagnostic d) -> System.err.println(d), rec -> {
                    try {
                        out.write(rec.tree());
                        n[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                if (r == null) {
                    failed++;
                }
                records += n[0];
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            out.flush();
            if (!toStdout) {
                stream.close();
            }
        }
        System.err.printf(
                Locale.ROOT,
                "%,d records written, %d non-EVTX inputs skipped%s%n",
                records,
                otherFiles,
                failed > 0 ? ", " + failed + " inputs unreadable" : "");
        return failed > 0 ? Main.INPUT_ERROR : Main.OK;
    }
}
