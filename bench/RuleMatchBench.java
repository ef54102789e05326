import io.vigil.core.event.Event;
import io.vigil.engine.EventStream;
import io.vigil.engine.HuntSummary;
import io.vigil.engine.RuleLoading;
import io.vigil.sigma.RuleSet;
import io.vigil.sigma.compile.Placeholders;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Focused measurement of RuleSet.match alone (issue 4): the OTRF JSON events are read into memory
 * once, then matched against the SigmaHQ tree several times; reports events/s of thread CPU time, so
 * that other processes on the machine disturb the number less than wall time.
 *
 *   java -cp vigil-cli/target/vigil.jar bench/RuleMatchBench.java [ROUNDS]
 */
public final class RuleMatchBench {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String sigma = "../shared/corpus/sigma";
        RuleSet rules = RuleLoading.load(
                        List.of(sigma + "/rules", sigma + "/rules-emerging-threats", sigma + "/rules-threat-hunting"),
                        Placeholders.NONE)
                .rules();
        List<Event> events = new ArrayList<>();
        new EventStream(d -> {}, new HuntSummary())
                .forEach(List.of("../shared/corpus/json/OTRF-Security-Datasets"), events::add);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            long[] hits = {0};
            long cpu0 = mx.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (Event e : events) {
                // Fresh copies would make folding part of the cost; the events keep their fold caches,
                // as they would after the first rule touched them.
                rules.match(e, x -> hits[0]++);
            }
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            System.out.printf(
                    "round %d: %d events x %d rules, %d matches, cpu %.2f s (%.0f events/s), wall %.2f s%n",
                    r, events.size(), rules.rules().size(), hits[0], cpu, events.size() / cpu, wall);
        }
    }
}
