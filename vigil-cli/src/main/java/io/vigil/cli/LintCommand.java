package io.vigil.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vigil.core.diag.Diagnostic;
import io.vigil.engine.PlaceholderFile;
import io.vigil.engine.RuleLoading;
import io.vigil.sigma.LoadResult;
import io.vigil.sigma.LoadSummary;
import io.vigil.sigma.compile.Placeholders;
import io.vigil.sigma.index.IndexCoverage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil rules lint}: loads rules exactly as {@code hunt} would and reports every diagnostic with
 * file:line:column, then a summary. In {@code jsonl} each diagnostic is one object and the last line
 * is {@code {"summary": {...}}}, for CI pipelines that gate rule changes. The summary ends with the
 * rule index's coverage: how many rules the log-source buckets and the literal prefilter can skip, and
 * why the others are evaluated on every event of their bucket.
 */
@Command(name = "lint", mixinStandardHelpOptions = true, description = "Check Sigma rules and report problems.")
public final class LintCommand implements Callable<Integer> {
    @Parameters(
            arity = "1..*",
            paramLabel = "PATH",
            description = "Rule files or directories ('builtin' for the bundled pack).")
    List<String> paths;

    @Option(names = "--format", defaultValue = "text", description = "text or jsonl (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--placeholders",
            paramLabel = "FILE",
            description = "YAML values for %placeholders% of expand rules.")
    Path placeholders;

    @Mixin
    RuleCacheOptions ruleCache = new RuleCacheOptions();

    @Override
    public Integer call() throws IOException {
        if (!format.equals("text") && !format.equals("jsonl")) {
            System.err.println("vigil: --format must be text or jsonl");
            return Main.USAGE;
        }
        Placeholders ph = placeholders == null ? Placeholders.NONE : PlaceholderFile.read(placeholders);
        LoadResult result = RuleLoading.load(paths, ph, ruleCache.open(System.err));
        if (format.equals("jsonl")) {
            writeJsonl(result, System.out);
        } else {
            writeText(result, new PrintWriter(System.out, true));
        }
        return RuleLoading.missingArgument(result.diagnostics()) ? Main.INPUT_ERROR : Main.OK;
    }

    private static void writeText(LoadResult result, PrintWriter out) {
        for (Diagnostic d : result.diagnostics()) {
            out.println(d + (d.subject() == null ? "" : " (rule " + d.subject() + ")"));
        }
        LoadSummary s = result.summary();
        out.printf("%d files, %d rules: %d loaded, %d rejected%n", s.files(), s.rules(), s.loaded(), s.rejected());
        for (Map.Entry<String, Integer> e : s.byReason().entrySet()) {
            out.printf("  rejected %-28s %d%n", e.getKey(), e.getValue());
        }
        int inactive =
                s.inactive().values().stream().mapToInt(Integer::intValue).sum();
        if (inactive > 0) {
            out.printf("%d loaded rules target non-Windows log sources and cannot fire on Windows events%n", inactive);
        }
        IndexCoverage c = result.rules().indexCoverage();
        out.printf(
                "rule index: %d active rules; bucketed by event id %d, by channel only %d, not bucketed %d%n",
                c.active(), c.bucketedByEventId(), c.bucketedByChannelOnly(), c.unbucketed());
        out.printf(
                "rule index: %d rules prefiltered by literals (%.1f%%), %d evaluated on every event of their bucket%n",
                c.prefiltered(), c.active() == 0 ? 0.0 : 100.0 * c.prefiltered() / c.active(), c.alwaysEvaluated());
        for (Map.Entry<String, Integer> e : c.alwaysEvaluatedByReason().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList()) {
            out.printf("  always evaluated: %-26s %d%n", e.getKey(), e.getValue());
        }
        out.flush();
    }

    private static void writeJsonl(LoadResult result, OutputStream stream) throws IOException {
        JsonFactory f = new JsonFactory();
        try (JsonGenerator g = f.createGenerator(stream)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            for (Diagnostic d : result.diagnostics()) {
                g.writeStartObject();
                g.writeStringField("path", d.location().path());
                writeIntOrNull(g, "line", d.location().line());
                writeIntOrNull(g, "column", d.location().column());
                g.writeStringField("rule_id", d.subject());
                g.writeStringField("severity", d.severity().label());
                g.writeStringField("code", d.code());
                g.writeStringField("message", d.message());
                g.writeEndObject();
            }
            LoadSummary s = result.summary();
            g.writeStartObject();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("files", s.files());
            g.writeNumberField("rules", s.rules());
            g.writeNumberField("loaded", s.loaded());
            g.writeNumberField("rejected", s.rejected());
            g.writeObjectFieldStart("by_reason");
            for (Map.Entry<String, Integer> e : s.byReason().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("inactive_by_product");
            for (Map.Entry<String, Integer> e : s.inactive().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            IndexCoverage c = result.rules().indexCoverage();
            g.writeObjectFieldStart("index");
            g.writeNumberField("active", c.active());
            g.writeNumberField("bucketed_by_event_id", c.bucketedByEventId());
            g.writeNumberField("bucketed_by_channel_only", c.bucketedByChannelOnly());
            g.writeNumberField("not_bucketed", c.unbucketed());
            g.writeNumberField("prefiltered", c.prefiltered());
            g.writeNumberField("always_evaluated", c.alwaysEvaluated());
            g.writeObjectFieldStart("always_evaluated_by_reason");
            for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(c.alwaysEvaluatedByReason()).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        }
        stream.write('\n');
        stream.flush();
    }

    private static void writeIntOrNull(JsonGenerator g, String name, int value) throws IOException {
        if (value > 0) {
            g.writeNumberField(name, value);
        } else {
            g.writeNullField(name);
        }
    }
}
