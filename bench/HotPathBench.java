import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.engine.IocFeeds;
import io.vigil.engine.RuleLoading;
import io.vigil.ioc.IocMatcher;
import io.vigil.ioc.MatchOptions;
import io.vigil.normalize.Normalizer;
import io.vigil.sigma.RuleSet;
import io.vigil.sigma.compile.Placeholders;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Focused measurement of the per-event hot path (issue 4) on one thread: reading a flat JSON record
 * into an event (Normalizer.normalizeFlat), then matching it against the three SigmaHQ trees
 * (RuleSet.match), then the built-in indicator feed (IocMatcher). Reports thread CPU time per event for
 * each step, so that other processes on the shared machine disturb the numbers less than wall time;
 * then the three steps record by record, as the hunt's workers run them (each step then finds the
 * record in cache, which the separate passes over 100,000 records do not).
 * Records are read from the benchmark input of bench/hunt-bench.sh (first LINES lines).
 *
 *   java -cp vigil-cli/target/vigil.jar bench/HotPathBench.java [LINES] [ROUNDS]   (default 100000 lines, 4 rounds; -Xmx2g)
 */
public final class HotPathBench {
    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        String sigma = "../shared/corpus/sigma";
        RuleSet rules = RuleLoading.load(
                        List.of(sigma + "/rules", sigma + "/rules-emerging-threats", sigma + "/rules-threat-hunting"),
                        Placeholders.NONE)
                .rules();
        IocMatcher iocs = new IocMatcher(IocFeeds.load(List.of(), true, d -> {}), MatchOptions.defaults());
        List<byte[]> records = new ArrayList<>();
        try (var in = Files.newBufferedReader(Path.of("/tmp/vigil-bench/otrf-1000000.jsonl"))) {
            String line;
            while (records.size() < lines && (line = in.readLine()) != null) {
                records.add(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        long bytes = records.stream().mapToLong(r -> r.length).sum();
        Normalizer normalizer = Normalizer.standard();
        Provenance where = Provenance.line("bench", 1);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            // three passes over fresh events, so that each step pays for the decoding it causes
            Event[] events = new Event[records.size()];
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < events.length; i++) {
                byte[] rec = records.get(i);
                events[i] = normalizer.normalizeFlat(rec, rec.length, 8 << 20, 64, where);
            }
            long t1 = mx.getCurrentThreadCpuTime();
            long[] hits = {0};
            int declined = 0;
            for (Event e : events) {
                if (e == null) {
                    declined++;
                } else {
                    rules.match(e, x -> hits[0]++);
                }
            }
            long t2 = mx.getCurrentThreadCpuTime();
            long iocHits = 0;
            for (Event e : events) {
                if (e != null) {
                    iocHits += iocs.match(e).size();
                }
            }
            long t3 = mx.getCurrentThreadCpuTime();
            // then all three per record, as a worker does: each step finds the record in cache
            for (byte[] rec : records) {
                Event e = normalizer.normalizeFlat(rec, rec.length, 8 << 20, 64, where);
                if (e != null) {
                    rules.match(e, x -> hits[0]++);
                    iocHits += iocs.match(e).size();
                }
            }
            long t4 = mx.getCurrentThreadCpuTime();
            int n = events.length;
            System.out.printf(
                    "round %d: %d records (%.0f MB), declined %d, rule hits %d, IOC hits %d; CPU per event: read %.2f us, match %.2f us, IOC %.2f us; all three per record %.2f us%n",
                    r, n, bytes / 1e6, declined, hits[0], iocHits, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n, (t4 - t3) / 1e3 / n);
        }
    }
}
