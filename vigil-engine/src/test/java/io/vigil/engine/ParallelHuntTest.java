package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.diag.Diagnostic;
import io.vigil.core.event.Event;
import io.vigil.core.sink.DetectionSink;
import io.vigil.ioc.IocSet;
import io.vigil.sigma.LoadResult;
import io.vigil.sigma.compile.Placeholders;
import io.vigil.sink.OutputFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel hunt's contract: for any number of threads, the detections (as JSONL bytes), the
 * diagnostics (in order), the summary counters and what a {@link HuntStage} sees are exactly those of
 * the single-threaded reference run ({@code threads = 1}).
 */
class ParallelHuntTest {
    private static final Path CLOUD_HOPPER = Path.of("..", "examples", "three-shapes");

    private static LoadResult builtin;
    private static IocSet iocs;

    @BeforeAll
    static void load() {
        builtin = RuleLoading.load(List.of(), Placeholders.NONE);
        iocs = IocFeeds.load(List.of(), true, d -> {});
    }

    @Test
    void cloudHopperExampleGivesTheSameOutputOnAnyNumberOfThreads() throws IOException {
        Run reference = hunt(builtin, List.of(CLOUD_HOPPER.toString()), 1);
        assertThat(reference.detections).isNotEmpty();
        for (int threads : new int[] {2, 4}) {
            assertThat(hunt(builtin, List.of(CLOUD_HOPPER.toString()), threads)).isEqualTo(reference);
        }
    }

    /**
     * Thousands of records over many batches: the example records repeated in several files, damaged
     * records in between (diagnostics must keep their place), gzip, a file of another kind, a missing
     * input, and real EVTX files (records decoded by the reader thread) plus OTRF JSON from the shared
     * corpus, hunted with the SigmaHQ process-creation rules and the built-in pack.
     */
    @Test
    void largeMixedInputGivesTheSameOutputOnAnyNumberOfThreads(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(CLOUD_HOPPER)) {
            for (Path f : files.filter(p -> p.toString().endsWith("l")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        lines.add(line);
                    }
                }
            }
        }
        assertThat(lines).hasSizeGreaterThan(20);
        for (int file = 0; file < 3; file++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 2500; i++) {
                text.append(lines.get((i * 7 + file) % lines.size())).append('\n');
                if (i % 613 == 17) {
                    text.append("{\"EventID\": 4688, \"broken\": \n"); // truncated by the next record
                }
                if (i % 977 == 5) {
                    text.append("[1, 2]\n"); // not an object
                }
            }
            Files.writeString(dir.resolve("part-" + file + ".jsonl"), text);
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("part-9.json.gz")))) {
            out.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("notes.txt"), "not an event file");

        Path shared = sharedCorpus();
        List<String> inputs = List.of(
                dir.toString(),
                dir.resolve("missing.jsonl").toString(),
                shared.resolve("evtx/EVTX-ATTACK-SAMPLES/Defense Evasion").toString(),
                shared.resolve("json/OTRF-Security-Datasets/credential_access/host")
                        .toString());
        LoadResult rules = RuleLoading.load(
                List.of(
                        shared.resolve("sigma/rules/windows/process_creation").toString(),
                        shared.resolve("sigma/rules/windows/builtin/security").toString(),
                        "builtin"),
                Placeholders.NONE);

        Run reference = hunt(rules, inputs, 1);
        assertThat(reference.summary).contains("malformed-json", "not-an-object");
        assertThat(reference.diagnostics).anyMatch(d -> d.contains("missing.jsonl"));
        assertThat(reference.eventsRead).isGreaterThan(10_000);
        assertThat(reference.detections.split("\n")).hasSizeGreaterThan(100);
        for (int threads : new int[] {2, 4}) {
            assertThat(hunt(rules, inputs, threads)).isEqualTo(reference);
        }
    }

    @Test
    void aFailingSinkStopsTheParallelHuntWithItsError(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> lines = Files.readAllLines(CLOUD_HOPPER.resolve("sysmon-ioc.jsonl"));
        for (int i = 0; i < 20_000; i++) {
            text.append(lines.get(i % lines.size())).append('\n');
        }
        Files.writeString(dir.resolve("many.jsonl"), text);
        int[] accepted = new int[1];
        DetectionSink failing = new DetectionSink() {
            @Override
            public void accept(Detection detection) throws IOException {
                if (++accepted[0] == 100) {
                    throw new IOException("disk full");
                }
            }

            @Override
            public void close() {}
        };
        Hunt hunt = new Hunt(builtin.rules(), Level.INFORMATIONAL, failing, d -> {}, HuntProgress.NONE)
                .withIocs(iocs)
                .withThreads(4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hunt.run(List.of(dir.toString())))
                .isInstanceOf(IOException.class)
                .hasMessage("disk full");
        assertThat(accepted[0]).isEqualTo(100);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t ->
                        t.getName().startsWith("vigil-worker") || t.getName().equals("vigil-reader"));
    }

    private static Path sharedCorpus() {
        String shared = System.getProperty("vigil.shared");
        if (shared == null || !Files.isDirectory(Path.of(shared, "corpus"))) {
            fail("system property vigil.shared must name the ../shared folder that holds corpus/, not " + shared);
        }
        return Path.of(shared, "corpus");
    }

    /** Everything a hunt produced that must not depend on the number of threads. */
    private record Run(
            String detections, List<String> diagnostics, String summary, long eventsRead, List<String> staged) {}

    private static Run hunt(LoadResult rules, List<String> inputs, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> diagnostics = new ArrayList<>();
        Recorder stage = new Recorder();
        HuntSummary s;
        try (DetectionSink sink = OutputFormat.open(OutputFormat.JSONL, out, false, false)) {
            s = new Hunt(
                            rules.rules(),
                            rules.correlations(),
                            Level.INFORMATIONAL,
                            sink,
                            (Diagnostic d) -> diagnostics.add(d.toString()),
                            HuntProgress.NONE)
                    .withIocs(iocs)
                    .withStage(stage)
                    .withThreads(threads)
                    .run(inputs);
        }
        String summary = "files " + s.filesRead() + " failed " + s.inputsFailed() + " skipped " + s.filesSkipped()
                + " events " + s.eventsRead() + " skipped " + s.eventsSkipped() + " detections " + s.detections()
                + " " + s.byLevel() + " below " + s.detectionsBelowMinLevel() + " correlation "
                + (s.correlation() == null
                        ? null
                        : s.correlation().matches() + "/" + s.correlation().fired());
        assertThat(stage.staged).hasSize((int) s.eventsRead() + 1);
        return new Run(out.toString(StandardCharsets.UTF_8), diagnostics, summary, s.eventsRead(), stage.staged);
    }

    /** A stage that records what it saw: every event with its detection count, in order. */
    private static final class Recorder implements HuntStage {
        final List<String> staged = new ArrayList<>();

        @Override
        public List<Detection> accept(Event event, List<Detection> detections) {
            staged.add(event.provenance() + " " + detections.size());
            return detections;
        }

        @Override
        public void finish(Consumer<Detection> emit) {
            staged.add("finish");
        }
    }
}
