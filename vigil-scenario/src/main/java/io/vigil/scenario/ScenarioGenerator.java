package io.vigil.scenario;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the MSP Cloud Hopper example dataset (examples/msp-cloud-hopper/README.md): baseline plus
 * storylines S1-S6, one gzip file per tenant and log, and {@code <out>.labels.jsonl.gz} beside it with the ground truth.
 * The output depends only on the seed.
 *
 * <pre>java -cp ... io.vigil.scenario.ScenarioGenerator --seed 7 --out examples/msp-cloud-hopper</pre>
 */
public final class ScenarioGenerator {
    /** Suffix of the ground-truth file, written next to the dataset folder (not inside: a hunt reads it all). */
    public static final String LABELS_SUFFIX = ".labels.jsonl.gz";

    /** Where the labels of the dataset in {@code out} go: {@code <out>.labels.jsonl.gz} beside it. */
    public static Path labelsPath(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + LABELS_SUFFIX);
    }

    private ScenarioGenerator() {}

    public static void main(String[] args) throws IOException {
        long seed = 7;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println(
                            "usage: ScenarioGenerator [--seed N] --out DIR (unknown argument " + args[i] + ")");
                    System.exit(2);
                }
            }
        }
        if (out == null) {
            System.err.println("usage: ScenarioGenerator [--seed N] --out DIR");
            System.exit(2);
        }
        for (OutputFile.WriteStats st : generate(seed, out)) {
            System.out.printf("%-32s %8d lines %9d bytes%n", st.path(), st.lines(), st.bytes());
        }
    }

    /** Generates the dataset into {@code out} and returns what each file holds, labels last. */
    public static List<OutputFile.WriteStats> generate(long seed, Path out) throws IOException {
        Scenario scenario = new Scenario(seed);
        new Baseline(scenario).generate();
        new Storylines(scenario).generate();
        List<OutputFile.LabelledLine> labels = new ArrayList<>();
        List<OutputFile.WriteStats> stats = new ArrayList<>();
        List<String> paths = new ArrayList<>(scenario.files.keySet());
        paths.sort(Comparator.naturalOrder());
        for (String path : paths) {
            stats.add(scenario.files
                    .get(path)
                    .write(out, scenario.firstRecordIds, scenario.gaps, Scenario.START, Scenario.END, labels));
        }
        labels.sort(
                Comparator.comparing((OutputFile.LabelledLine x) -> x.label().storyline())
                        .thenComparingInt(x -> x.label().step())
                        .thenComparing(OutputFile.LabelledLine::file)
                        .thenComparingLong(OutputFile.LabelledLine::line));
        Path target = labelsPath(out);
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(target), 1 << 16);
                JsonGenerator g = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            for (OutputFile.LabelledLine x : labels) {
                g.writeStartObject();
                g.writeStringField("file", x.file());
                g.writeNumberField("line", x.line());
                g.writeStringField("storyline", x.label().storyline());
                g.writeNumberField("step", x.label().step());
                g.writeBooleanField("malicious", x.label().malicious());
                g.writeArrayFieldStart("expect");
                for (String id : x.label().expect()) {
                    g.writeString(id);
                }
                g.writeEndArray();
                g.writeEndObject();
                g.flush();
                os.write('\n');
            }
        }
        stats.add(new OutputFile.WriteStats(target.getFileName().toString(), labels.size(), Files.size(target)));
        return stats;
    }
}
