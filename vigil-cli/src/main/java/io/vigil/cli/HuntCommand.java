package io.vigil.cli;

import io.vigil.core.detect.Level;
import io.vigil.core.diag.Diagnostic;
import io.vigil.core.sink.DetectionSink;
import io.vigil.engine.Hunt;
import io.vigil.engine.HuntProgress;
import io.vigil.engine.HuntSummary;
import io.vigil.engine.MspStage;
import io.vigil.engine.PlaceholderFile;
import io.vigil.engine.RegisterLocation;
import io.vigil.engine.RuleLoading;
import io.vigil.msp.MspStats;
import io.vigil.msp.register.Register;
import io.vigil.msp.register.RegisterException;
import io.vigil.msp.register.RegisterParser;
import io.vigil.sigma.LoadResult;
import io.vigil.sigma.LoadSummary;
import io.vigil.sigma.compile.Placeholders;
import io.vigil.sink.OutputFormat;
import io.vigil.sink.TableSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil hunt}: runs Sigma rules over event files and writes detections. Diagnostics and the
 * closing summary go to stderr so that stdout carries only detections (safe to pipe as JSONL/CSV).
 */
@Command(
        name = "hunt",
        mixinStandardHelpOptions = true,
        description = "Hunt Windows event logs (JSON, JSONL, gzip, zip) with Sigma rules.",
        footer = {
            "",
            "Exit codes: 0 the run completed (detections, rejected rules and skipped records do not change it);",
            "            1 an input could not be opened or read at all; 2 usage error."
        })
public final class HuntCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Event files or directories.")
    List<String> inputs;

    @Option(
            names = "--rules",
            paramLabel = "PATH",
            description = "Rule file or directory, repeatable; replaces the built-in pack ('builtin' names it).")
    List<String> rules = new ArrayList<>();

    @Option(
            names = "--ioc",
            paramLabel = "FILE",
            description =
                    "IOC feed (STIX 2.1, MISP JSON or CSV; detected from content), repeatable; added to the built-in feed.")
    List<String> iocFiles = new ArrayList<>();

    @Option(names = "--no-builtin-ioc", description = "Do not use the built-in APT10/MSP indicator feed.")
    boolean noBuiltinIoc;

    @Option(names = "--placeholders", paramLabel = "FILE", description = "YAML values for %placeholders%.")
    Path placeholders;

    @Option(
            names = "--register",
            paramLabel = "FILE",
            description = "MSP register (docs/msp-register.md); default: register.yml at the root of a directory"
                    + " argument.")
    Path register;

    @Option(names = "--no-register", description = "Ignore register.yml files in directory arguments.")
    boolean noRegister;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "table, incidents, jsonl or csv (default on a terminal: incidents with a register,"
                    + " else table; jsonl when piped).")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write detections here ('-' = stdout; overwritten).")
    String output = "-";

    @Option(
            names = "--min-level",
            paramLabel = "LEVEL",
            defaultValue = "informational",
            description = "Lowest level reported (default: ${DEFAULT-VALUE}).")
    String minLevel;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress, no rule diagnostics; summary only.")
    boolean quiet;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads that parse and match (default: the number of processors); 1 runs everything on"
                    + " one thread. The output is the same for any N.")
    Integer threads;

    @Mixin
    RuleCacheOptions ruleCache = new RuleCacheOptions();

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        Terminal term = Terminal.detect();
        Level min = Level.parse(minLevel).orElse(null);
        if (min == null) {
            err.println("vigil: --min-level must be one of informational, low, medium, high, critical");
            return Main.USAGE;
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            err.println("vigil: --threads must be at least 1");
            return Main.USAGE;
        }
        Register reg;
        try {
            reg = loadRegister(err);
        } catch (RegisterException e) {
            err.println("vigil: " + e.getMessage());
            return Main.USAGE;
        } catch (IOException e) {
            err.println("vigil: cannot read register: " + e.getMessage());
            return Main.USAGE;
        }
        OutputFormat fmt;
        try {
            OutputFormat terminalView = reg == null ? OutputFormat.TABLE : OutputFormat.INCIDENTS;
            fmt = format == null
                    ? (term.interactive() && output.equals("-") ? terminalView : OutputFormat.JSONL)
                    : OutputFormat.parse(format);
        } catch (IllegalArgumentException e) {
            err.println("vigil: " + e.getMessage());
            return Main.USAGE;
        }
        Placeholders ph;
        try {
            ph = placeholders == null ? Placeholders.NONE : PlaceholderFile.read(placeholders);
        } catch (IOException e) {
            err.println("vigil: cannot read placeholders: " + e.getMessage());
            return Main.USAGE;
        }
        // The indicator feeds load on another thread while the rules load: both are start-up cost.
        List<Diagnostic> feedProblems = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] iocNanos = new long[1];
        java.util.concurrent.CompletableFuture<io.vigil.ioc.IocSet> iocLoad =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    long i0 = System.nanoTime();
                    io.vigil.ioc.IocSet set = io.vigil.engine.IocFeeds.load(iocFiles, !noBuiltinIoc, feedProblems::add);
                    iocNanos[0] = System.nanoTime() - i0;
                    return set;
                });
        long t0 = System.nanoTime();
        LoadResult loaded = RuleLoading.load(rules, ph, ruleCache.open(err));
        double loadSecs = (System.nanoTime() - t0) / 1e9;
        io.vigil.ioc.IocSet iocSet = iocLoad.join();
        if (RuleLoading.missingArgument(loaded.diagnostics())) {
            loaded.diagnostics().stream()
                    .filter(d -> d.code().equals("rules-not-found"))
                    .forEach(d -> err.println("vigil: " + d));
            return Main.USAGE;
        }
        if (!quiet) {
            for (Diagnostic d : loaded.diagnostics()) {
                err.println(d);
            }
        }
        if (feedProblems.stream().anyMatch(d -> d.code().equals("ioc-unreadable"))) {
            feedProblems.stream()
                    .filter(d -> d.code().equals("ioc-unreadable"))
                    .forEach(d -> err.println("vigil: " + d));
            return Main.USAGE;
        }
        if (!quiet) {
            feedProblems.forEach(err::println);
        }

        boolean toStdout = output.equals("-");
        OutputStream out = toStdout ? System.out : new BufferedOutputStream(Files.newOutputStream(Path.of(output)));
        boolean colour = toStdout && term.colour();
        DetectionSink sink = fmt == OutputFormat.TABLE
                ? new TableSink(out, !toStdout, colour, term.width(), 100_000)
                : OutputFormat.open(fmt, out, !toStdout, colour);
        HuntProgress progress = !quiet && term.interactive() ? new ProgressLine(err) : HuntProgress.NONE;
        HuntSummary summary;
        MspStage msp = reg == null ? null : new MspStage(reg, inputs);
        try (sink) {
            Hunt hunt = new Hunt(loaded.rules(), loaded.correlations(), min, sink, d -> err.println(d), progress)
                    .withIocs(iocSet)
                    .withThreads(workers);
            if (msp != null) {
                hunt.withStage(msp);
            }
            summary = hunt.run(inputs);
        }
        printSummary(err, loaded.summary(), loadSecs, summary);
        if (msp != null) {
            printRegisterSummary(err, reg, msp.stats());
        }
        err.printf(
                Locale.ROOT,
                "Indicators: %,d loaded %s (%.2f s, beside the rules)%s%n",
                iocSet.size(),
                iocSet.countsByType(),
                iocNanos[0] / 1e9,
                feedProblems.isEmpty() ? "" : ", " + feedProblems.size() + " feed diagnostics");
        return summary.inputsFailed() > 0 ? Main.INPUT_ERROR : Main.OK;
    }

    /** The register in use: --register, else the first register.yml at the root of a directory argument. */
    private Register loadRegister(PrintStream err) throws IOException {
        if (register == null && noRegister) {
            return null;
        }
        List<Path> found = register == null ? RegisterLocation.found(inputs) : List.of();
        Path file = RegisterLocation.find(register, inputs).orElse(null);
        if (file == null) {
            return null;
        }
        for (Path other : found) {
            if (!other.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
                err.println("vigil: " + other + ": ignored, the hunt uses " + file);
            }
        }
        return new RegisterParser().load(file);
    }

    private static void printRegisterSummary(PrintStream err, Register reg, MspStats stats) {
        err.printf(
                Locale.ROOT,
                "Register: %s (%d tenants, %d identities); events by organisation %s, %,d unattributed%n",
                reg.source(),
                reg.tenants().size(),
                reg.identities().size(),
                new java.util.TreeMap<>(stats.eventsByOrganisation()),
                stats.unattributed());
        long total = stats.detectionsById().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        err.printf(
                Locale.ROOT,
                "MSP detections: %,d %s; %,d single-event detections lowered as sanctioned maintenance; %,d facts kept%s%n",
                total,
                new java.util.TreeMap<>(stats.detectionsById()),
                stats.lowered(),
                stats.factsKept(),
                stats.notAnalysed() == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", fact cap reached: %,d events not analysed (raise max_facts with more heap)",
                                stats.notAnalysed()));
    }

    private static void printSummary(PrintStream err, LoadSummary rules, double loadSecs, HuntSummary s) {
        err.println();
        err.printf(
                Locale.ROOT,
                "Rules: %d loaded, %d rejected (%.2f s)%s%n",
                rules.loaded(),
                rules.rejected(),
                loadSecs,
                rules.byReason().isEmpty() ? "" : " " + rules.byReason());
        err.printf(
                Locale.ROOT,
                "Files: %d read%s%s%n",
                s.filesRead(),
                skipped(s.filesSkipped(), "skipped"),
                s.inputsFailed() > 0 ? ", " + s.inputsFailed() + " unreadable" : "");
        err.printf(Locale.ROOT, "Events: %,d read%s%n", s.eventsRead(), skipped(s.eventsSkipped(), "skipped"));
        StringBuilder levels = new StringBuilder();
        for (Level l : List.of(Level.CRITICAL, Level.HIGH, Level.MEDIUM, Level.LOW, Level.INFORMATIONAL)) {
            levels.append(levels.length() == 0 ? "" : ", ")
                    .append(l.label())
                    .append(' ')
                    .append(s.byLevel().getOrDefault(l, 0L));
        }
        err.printf(
                Locale.ROOT,
                "Detections: %,d (%s)%s%n",
                s.detections(),
                levels,
                s.detectionsBelowMinLevel() > 0 ? ", " + s.detectionsBelowMinLevel() + " below --min-level" : "");
        if (s.correlation() != null) {
            io.vigil.correlate.CorrelatorStats c = s.correlation();
            err.printf(
                    Locale.ROOT,
                    "Correlation: %,d base matches, %,d fired, %,d late, %,d without time, %,d without group value%n",
                    c.matches(),
                    c.fired(),
                    c.late(),
                    c.withoutTime(),
                    c.withoutGroup());
        }
        double secs = s.elapsed().toNanos() / 1e9;
        err.printf(
                Locale.ROOT,
                "Elapsed: %.2f s (%,.0f events/s), peak heap %d MiB%n",
                secs,
                secs > 0 ? s.eventsRead() / secs : 0.0,
                peakHeapBytes() >> 20);
    }

    /** Sum of the peak usage of the heap pools: what -Xmx has to cover for this run. */
    private static long peakHeapBytes() {
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean pool :
                java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static String skipped(Map<String, Long> counts, String word) {
        if (counts.isEmpty()) {
            return "";
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return ", " + total + " " + word + " " + counts;
    }
}
