package io.vigil.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.core.detect.Level;
import io.vigil.engine.score.LabelSet;
import io.vigil.engine.score.Scorecard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil score}: precision and recall of a hunt's JSONL output against a dataset's ground-truth
 * labels (the scenario under examples/ ships them), so detection changes are judged by numbers.
 */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = "Score hunt output (JSON lines) against ground-truth labels.")
public final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "labels.jsonl[.gz] of the dataset.")
    Path labels;

    @Parameters(
            arity = "0..1",
            paramLabel = "DETECTIONS",
            description = "Output of 'vigil hunt --format jsonl' (default: standard input).")
    String detections = "-";

    @Override
    public Integer call() throws IOException {
        Scorecard card = new Scorecard(LabelSet.load(labels));
        JsonFactory json = new JsonFactory();
        try (BufferedReader r = detections.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(detections), StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    try {
                        read(json, line, card);
                    } catch (IOException | RuntimeException e) {
                        System.err.println("vigil: " + detections + ":" + n + ": not a detection: " + e.getMessage());
                        return Main.INPUT_ERROR;
                    }
                }
            }
        }
        System.out.print(card.result().render());
        return Main.OK;
    }

    private static void read(JsonFactory json, String line, Scorecard card) throws IOException {
        String id = null;
        Level level = null;
        String path = null;
        long at = -1;
        try (JsonParser p = json.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String member = p.currentName();
                p.nextToken();
                if (member.equals("rule") || member.equals("source")) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = p.currentName();
                        p.nextToken();
                        switch (member + "." + inner) {
                            case "rule.id" -> id = p.getText();
                            case "rule.level" ->
                                level = Level.parse(p.getText()).orElse(Level.INFORMATIONAL);
                            case "source.path" -> path = p.getText();
                            case "source.line" -> at = p.getLongValue();
                            default -> p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        if (id == null || level == null || path == null) {
            throw new IOException("needs rule.id, rule.level and source.path");
        }
        card.add(id, level, path, at);
    }
}
