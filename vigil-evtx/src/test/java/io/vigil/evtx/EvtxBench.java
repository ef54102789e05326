package io.vigil.evtx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Throughput benchmark: reads every {@code .evtx} below a folder (default: the EVTX-ATTACK-SAMPLES
 * tree under {@code -Dvigil.shared}, else {@code ../shared}) file after file, as {@code vigil hunt}
 * would, repeatedly; discards the warm-up rounds and prints steady-state records per second over the
 * measured rounds (and the median round, which is less sensitive to other load on the machine).
 * Trees are built in full and the listener touches each one.
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
        List<Path> files = SharedCorpus.evtxFiles(root);
        System.out.printf(
                "%d files under %s, %d processors, limits %s%n",
                files.size(), root, Runtime.getRuntime().availableProcessors(), EvtxLimits.DEFAULTS);
        for (int i = 0; i < warmup; i++) {
            round(files);
        }
        long records = 0;
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            records += round(files);
            nanos[i] = System.nanoTime() - start;
        }
        double seconds = Arrays.stream(nanos).sum() / 1e9;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double median = sorted[rounds / 2] / 1e9;
        System.out.printf(
                "steady state: %d rounds, %d records in %.2f s = %.0f records/s (median round %.0f records/s)%n",
                rounds, records, seconds, records / seconds, records / (double) rounds / median);
    }

    private static long round(List<Path> files) throws IOException {
        long[] count = new long[1];
        EvtxListener listener = record -> count[0] += record.tree().isEmpty() ? 0 : 1;
        for (Path file : files) {
            EvtxReader.read(file, EvtxLimits.DEFAULTS, listener);
        }
        return count[0];
    }
}
