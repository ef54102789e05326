package io.vigil.evtx;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Throughput benchmark: reads every {@code .evtx} below a folder (default: the EVTX-ATTACK-SAMPLES
 * tree under {@code -Dvigil.shared}, else {@code ../shared}) file after file, as {@code vigil hunt}
 * would, repeatedly; discards the warm-up rounds and prints steady-state records per second over the
 * measured rounds (and the median round, which is less sensitive to other load on the machine).
 * Trees are built in full and the listener touches each one; with a fourth argument {@code json} it
 * also writes each as a JSON line ({@link EvtxJsonLines}, to a null stream), as {@code vigil dump}
 * does. Also prints the process CPU time per record, which other load on the machine distorts less
 * than wall time. The folder may be a single file (e.g. one assembled by {@link EvtxFileAssembler}).
 *
 * <p>Run from the repository root: {@code mvn -B -q -o -pl vigil-evtx test-compile && java -cp
 * vigil-evtx/target/classes:vigil-evtx/target/test-classes io.vigil.evtx.EvtxBench
 * ../shared/corpus/evtx/EVTX-ATTACK-SAMPLES 30 30} (folder, warm-up rounds, measured rounds).
 */
public final class EvtxBench {
    private EvtxBench() {}

    public static void main(String[] args) throws IOException {
        Path root = args.length > 0
                ? Path.of(args[0])
                : Path.of(System.getProperty("vigil.shared", "../shared"), "corpus/evtx/EVTX-ATTACK-SAMPLES");
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        boolean json = args.length > 3 && args[3].equals("json");
        List<Path> files = SharedCorpus.evtxFiles(root);
        System.out.printf(
                "%d files under %s, %d processors, limits %s%n",
                files.size(), root, Runtime.getRuntime().availableProcessors(), EvtxLimits.DEFAULTS);
        for (int i = 0; i < warmup; i++) {
            round(files, json);
        }
        long records = 0;
        long[] nanos = new long[rounds];
        long cpuStart = cpuNanos();
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            records += round(files, json);
            nanos[i] = System.nanoTime() - start;
        }
        double cpu = (cpuNanos() - cpuStart) / 1e9;
        double seconds = Arrays.stream(nanos).sum() / 1e9;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double median = sorted[rounds / 2] / 1e9;
        System.out.printf(
                "steady state%s: %d rounds, %d records in %.2f s = %.0f records/s (median round %.0f records/s);"
                        + " CPU %.2f s = %.1f us/record = %.0f records per CPU-second%n",
                json ? " with JSON lines" : "",
                rounds,
                records,
                seconds,
                records / seconds,
                records / (double) rounds / median,
                cpu,
                cpu * 1e6 / records,
                records / cpu);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long round(List<Path> files, boolean json) throws IOException {
        long[] count = new long[1];
        EvtxJsonLines lines = new EvtxJsonLines(OutputStream.nullOutputStream());
        EvtxListener listener = record -> {
            count[0] += record.tree().isEmpty() ? 0 : 1;
            if (json) {
                try {
                    lines.write(record.tree());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        for (Path file : files) {
            EvtxReader.read(file, EvtxLimits.DEFAULTS, listener);
        }
        lines.flush();
        return count[0];
    }
}
