package io.vigil.engine.score;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The ground-truth labels of a dataset ({@code labels.jsonl[.gz]}: one JSON object per labelled event
 * with {@code file} relative to the dataset folder, 1-based {@code line}, {@code storyline}, {@code step},
 * {@code malicious}, {@code expect}). Events without a label are benign background. Looks labels up by
 * an event's input path, which may carry any prefix before the dataset-relative file name.
 */
public final class LabelSet {
    private final Map<String, Map<Long, Label>> byFile = new HashMap<>();
    private final List<Label> all = new ArrayList<>();
    private final Map<String, Optional<String>> pathToFile = new HashMap<>();

    public static LabelSet load(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            LabelSet set = new LabelSet();
            JsonFactory json = new JsonFactory();
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    set.add(parse(json, line));
                } catch (IOException | RuntimeException e) {
                    throw new IOException(file + ":" + n + ": not a label: " + e.getMessage(), e);
                }
            }
            return set;
        }
    }

    private static Label parse(JsonFactory json, String line) throws IOException {
        String file = null;
        long at = -1;
        String storyline = null;
        int step = 0;
        boolean malicious = true;
        List<String> expect = new ArrayList<>();
        try (JsonParser p = json.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "file" -> file = p.getText();
                    case "line" -> at = p.getLongValue();
                    case "storyline" -> storyline = p.getText();
                    case "step" -> step = p.getIntValue();
                    case "malicious" -> malicious = p.getBooleanValue();
                    case "expect" -> {
                        if (t == JsonToken.START_ARRAY) {
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                expect.add(p.getText());
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        if (file == null || at < 1 || storyline == null) {
            throw new IOException("needs file, line and storyline");
        }
        return new Label(file.replace('\\', '/'), at, storyline, step, malicious, expect);
    }

    void add(Label label) {
        all.add(label);
        byFile.computeIfAbsent(label.file(), k -> new HashMap<>()).put(label.line(), label);
    }

    public List<Label> all() {
        return List.copyOf(all);
    }

    /** The label of the event at {@code line} of the input {@code path}, if it has one. */
    public Optional<Label> find(String path, long line) {
        Optional<String> file = pathToFile.computeIfAbsent(path, this::fileOf);
        return file.map(f -> byFile.get(f).get(line));
    }

    private Optional<String> fileOf(String path) {
        String p = path.replace('\\', '/');
        String best = null;
        for (String f : byFile.keySet()) {
            // the longest label file that ends the path: sub/x.jsonl wins over x.jsonl
            if ((p.equals(f) || p.endsWith("/" + f)) && (best == null || f.length() > best.length())) {
                best = f;
            }
        }
        return Optional.ofNullable(best);
    }
}
