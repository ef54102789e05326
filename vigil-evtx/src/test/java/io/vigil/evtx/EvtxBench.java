package io.vigil.evtx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Throughput benchmark: decodes every {@code .evtx} below a folder (default: the EVTX-ATTACK-SAMPLES
 * tree of {@code -Dvigil.shared} or {@code ../shared}) repeatedly, discards warm-up rounds, and prints
 * steady-state records per second, with trees built as for a hunt (the listener touches each tree).
 *
 * <p>Run: {@code mvn -B -q -o -pl vigil-evtx test-compile && java -cp
 * vigil-evtx/target/classes:vigil-evtx/target/test-classes io.vigil.evtx.EvtxBench
 * ../shared/corpus/evtx/EVTX-ATTACK-SAMPLES [warmupRounds] [measuredRounds]}
 */
public final class EvtxBench {
    private EvtxBench() {}

    public static void main(String[] args) throws IOException {
        Path root = args.length > 0
                ? Path.of(args[0])
                : Path.of(System.getProperty("vigil.shared", "../shared"), "corpus/evtx/EVTX-ATTACK-SAMPLES");
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        List<Path> files = SharedCorpus.evtxFiles(root);
        System.out.printf("%d files under %s, %d processors%n", files.size(), root,
                Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < warmup; i++) {
            round(files);
        }
        long records = 0;
        long bytes = 0;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            long[] r = round(files);
            records += r[0];
            bytes += r[1];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("steady state: %d rounds, %d records in %.2f s = %.0f records/s (%.1f MB/s of tree keys)%n",
                rounds, records, seconds, records / seconds, bytes / seconds / 1e6);
    }

    private static long[] round(List<Path> files) throws IOException {
        long[] counts = new long[2];
        EvtxListener listener = record -> {
            counts[0]++;
            counts[1] += record.tree().size();
        };
        for (Path file : files) {
            EvtxReader.read(file, EvtxLimits.DEFAULTS, listener);
        }
        return counts;
    }
}
