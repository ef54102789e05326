package io.vigil.source.json;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Split-only speed of {@link RecordSplitter} against {@link ReferenceRecordSplitter} (issue 4): each
 * reads the whole input through the same 64 KiB {@link BufferedInputStream} {@link JsonRecordReader}
 * uses and cuts it into slices, nothing else. Runs alternate old and new so that a noisy machine
 * disturbs both alike; MB/s and records/s are of thread CPU time, wall time is printed beside it.
 *
 * <pre>
 * mvn -B -q -o -pl vigil-source -am test-compile -Dspotless.check.skip=true
 * java -cp vigil-source/target/classes:vigil-source/target/test-classes \
 *     io.vigil.source.json.RecordSplitterBench /tmp/vigil-bench/otrf-1000000.jsonl 3
 * </pre>
 */
public final class RecordSplitterBench {
    private RecordSplitterBench() {}

    public static void main(String[] args) throws IOException {
        Path input = Path.of(args.length > 0 ? args[0] : "/tmp/vigil-bench/otrf-1000000.jsonl");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long bytes = Files.size(input);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%s: %,d bytes%n", input, bytes);
        for (int round = 1; round <= rounds; round++) {
            for (boolean fast : new boolean[] {false, true}) {
                long cpu0 = mx.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                long[] counts = split(input, fast);
                double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
                double wall = (System.nanoTime() - wall0) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "round %d %-3s: %,d records, %,d slice bytes, cpu %.2f s (%.0f MB/s, %,.0f records/s),"
                                + " wall %.2f s%n",
                        round,
                        fast ? "new" : "old",
                        counts[0],
                        counts[1],
                        cpu,
                        bytes / cpu / 1e6,
                        counts[0] / cpu,
                        wall);
            }
        }
    }

    /** Record count and total slice length, so that the work cannot be optimised away. */
    private static long[] split(Path input, boolean fast) throws IOException {
        long records = 0;
        long length = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(input), 1 << 16)) {
            int max = JsonLimits.DEFAULTS.maxRecordBytes();
            if (fast) {
                RecordSplitter splitter = new RecordSplitter(input.toString(), in, max);
                for (RecordSlice s; (s = splitter.next()) != null; ) {
                    records++;
                    length += s.length();
                }
            } else {
                ReferenceRecordSplitter splitter = new ReferenceRecordSplitter(input.toString(), in, max);
                for (RecordSlice s; (s = splitter.next()) != null; ) {
                    records++;
                    length += s.length();
                }
            }
        }
        return new long[] {records, length};
    }
}
