package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.diag.Diagnostic;
import io.vigil.core.event.Event;
import io.vigil.core.sink.DetectionSink;
import io.vigil.sigma.LoadResult;
import io.vigil.sigma.compile.CompiledRule;
import io.vigil.sigma.compile.Placeholders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Checks every rule file that the jar loads (the files named in {@code builtin/index.txt}) against its
 * hand-written cases and against the shared corpus:
 *
 * <ul>
 *   <li>the file loads through {@link RuleLoading} with no diagnostic at all and yields at least one rule;
 *   <li>a plain rule file (no {@code correlation:} document) carries the pack's metadata: author
 *       "Vigil project", a UUID id unique in the pack, status, date, description, references, ATT&CK
 *       technique tags, false positives and one of the five Sigma levels;
 *   <li>some rule of the file fires on every event of {@code builtin-cases/<stem>/positive.jsonl} and no
 *       rule of the file fires on any event of {@code negative.jsonl} (both must exist and be non-empty);
 *   <li>some rule of the file fires at least once on each corpus file listed for it in
 *       {@code builtin-cases/corpus.tsv} (paths relative to {@code ../shared/corpus}, read through the
 *       system property {@code vigil.shared}; the test fails when the corpus is missing).
 * </ul>
 *
 * <p>Correlation files (a rule file with at least one {@code correlation:} document) are exempt from
 * the case requirement while they have no {@code positive.jsonl}. When such a file has cases, they are
 * checked like any other (its building-block rules are what fire on single events), and in addition the
 * positive cases, hunted as one log through {@link Hunt}, must give exactly the correlation detections
 * listed in {@code expected-correlations.txt}, and {@code near-miss.jsonl} (building-block events that
 * stop short of the pattern) must give none. Every plain rule file must have cases.
 */
class BuiltinPackTest {
    private static final String BUILTIN_DIR = "/io/vigil/engine/rules/builtin/";
    private static final Pattern UUID =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    private static final Pattern TECHNIQUE_TAG = Pattern.compile("^attack\\.t[0-9]{4}(\\.[0-9]{3})?$");
    private static final Pattern DATE = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    private static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");

    private static List<String> index;
    private static LoadResult loaded;
    private static Map<String, List<CompiledRule>> rulesByFile;
    private static Path cases;
    private static Map<String, List<String>> corpusByRuleFile;

    @BeforeAll
    static void loadPack() {
        index = indexEntries();
        loaded = RuleLoading.load(List.of(RuleFiles.BUILTIN), Placeholders.NONE);
        rulesByFile = new LinkedHashMap<>();
        for (CompiledRule r : loaded.rules().rules()) {
            String path = r.ref().path();
            assertThat(path).startsWith("builtin:");
            rulesByFile
                    .computeIfAbsent(path.substring("builtin:".length()), k -> new ArrayList<>())
                    .add(r);
        }
        cases = casesDirectory();
        corpusByRuleFile = readCorpusList(cases.resolve("corpus.tsv"));
    }

    @Test
    void packLoadsWithoutRejectedRules() {
        assertThat(loaded.summary().rejected())
                .as("rejected rules: %s", loaded.diagnostics())
                .isZero();
        assertThat(index).doesNotHaveDuplicates();
    }

    @Test
    void everyCaseFolderAndCorpusEntryNamesAnIndexedRuleFile() throws IOException {
        Set<String> stems = new HashSet<>();
        for (String file : index) {
            stems.add(stem(file));
        }
        try (Stream<Path> dirs = Files.list(cases)) {
            dirs.filter(Files::isDirectory)
                    .forEach(d -> assertThat(stems)
                            .as("case folder %s has no rule file in index.txt", d.getFileName())
                            .contains(d.getFileName().toString()));
        }
        assertThat(index).containsAll(corpusByRuleFile.keySet());
    }

    @Test
    void ruleIdsAreUniqueAcrossThePack() {
        Map<String, String> seen = new HashMap<>();
        for (String file : index) {
            for (Map<String, Object> doc : documents(file)) {
                Object id = doc.get("id");
                if (id != null) {
                    String previous = seen.put(id.toString(), file);
                    assertThat(previous)
                            .as("rule id %s is used in %s and %s", id, previous, file)
                            .isNull();
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicNode> everyIndexedRuleFile() {
        return index.stream().map(file -> {
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(dynamicTest("loads without diagnostics", () -> loadsCleanly(file)));
            boolean correlation = isCorrelationFile(file);
            if (!correlation) {
                tests.add(dynamicTest("carries the pack metadata", () -> hasPackMetadata(file)));
            }
            Path dir = cases.resolve(stem(file));
            boolean hasCases = Files.isRegularFile(dir.resolve("positive.jsonl"));
            if (hasCases || !correlation) {
                tests.add(dynamicTest("fires on every positive case", () -> firesOnEveryPositive(file, dir)));
                tests.add(dynamicTest("fires on no negative case", () -> firesOnNoNegative(file, dir)));
            }
            if (hasCases && correlation) {
                tests.add(dynamicTest(
                        "correlates the positive sequence as expected", () -> correlatesPositiveSequence(file, dir)));
                tests.add(dynamicTest("correlates nothing in the near misses", () -> correlatesNoNearMiss(file, dir)));
            }
            for (String corpusFile : corpusByRuleFile.getOrDefault(file, List.of())) {
                tests.add(dynamicTest("fires on corpus " + corpusFile, () -> firesOnCorpusFile(file, corpusFile)));
            }
            return dynamicContainer(file, tests);
        });
    }

    private static void loadsCleanly(String file) {
        List<Diagnostic> own = loaded.diagnostics().stream()
                .filter(d -> d.location() != null
                        && ("builtin:" + file).equals(d.location().path()))
                .toList();
        assertThat(own).as("diagnostics of %s", file).isEmpty();
        assertThat(rulesByFile.get(file)).as("rules loaded from %s", file).isNotEmpty();
    }

    private static void hasPackMetadata(String file) {
        List<Map<String, Object>> docs = documents(file);
        assertThat(docs).as("documents in %s", file).isNotEmpty();
        for (Map<String, Object> doc : docs) {
            String what = file + " / " + doc.get("title");
            assertThat(doc.get("title")).as("title of %s", what).isInstanceOf(String.class);
            assertThat(String.valueOf(doc.get("id"))).as("id of %s", what).matches(UUID);
            assertThat(doc.get("author")).as("author of %s", what).isEqualTo("Vigil project");
            assertThat(doc.get("status")).as("status of %s", what).isIn("experimental", "test", "stable");
            assertThat(String.valueOf(doc.get("date"))).as("date of %s", what).matches(DATE);
            assertThat(String.valueOf(doc.get("description")).strip())
                    .as("description of %s", what)
                    .isNotEmpty();
            assertThat(doc.get("level")).as("level of %s", what).isIn(LEVELS.toArray());
            assertThat(doc.get("references")).as("references of %s", what).isInstanceOf(List.class);
            assertThat((List<?>) doc.get("references"))
                    .as("references of %s", what)
                    .isNotEmpty();
            assertThat(doc.get("falsepositives"))
                    .as("falsepositives of %s", what)
                    .isInstanceOf(List.class);
            assertThat((List<?>) doc.get("falsepositives"))
                    .as("falsepositives of %s", what)
                    .isNotEmpty();
            assertThat(doc.get("tags")).as("tags of %s", what).isInstanceOf(List.class);
            List<String> tags =
                    ((List<?>) doc.get("tags")).stream().map(String::valueOf).toList();
            assertThat(tags)
                    .as("ATT&CK technique tags of %s", what)
                    .anyMatch(t -> TECHNIQUE_TAG.matcher(t).matches());
        }
    }

    private static void firesOnEveryPositive(String file, Path dir) {
        List<CompiledRule> rules = rulesByFile.get(file);
        List<Event> events = readCases(dir.resolve("positive.jsonl"));
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (!anyMatches(rules, events.get(i))) {
                missed.add("case " + (i + 1) + ": " + events.get(i));
            }
        }
        assertThat(missed).as("positive cases of %s that no rule matched", file).isEmpty();
    }

    private static void firesOnNoNegative(String file, Path dir) {
        List<CompiledRule> rules = rulesByFile.get(file);
        List<Event> events = readCases(dir.resolve("negative.jsonl"));
        List<String> matched = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            for (CompiledRule r : rules) {
                if (r.matches(events.get(i))) {
                    matched.add("case " + (i + 1) + " matched '" + r.ref().title() + "': " + events.get(i));
                }
            }
        }
        assertThat(matched).as("negative cases of %s that a rule matched", file).isEmpty();
    }

    /**
     * A correlation file's positive cases, hunted as one time-ordered log through {@link Hunt} with the
     * pack's correlations, give exactly the detections in {@code expected-correlations.txt} (one
     * "title | group | count" line each, in output order).
     */
    private static void correlatesPositiveSequence(String file, Path dir) throws IOException {
        Path expectedFile = dir.resolve("expected-correlations.txt");
        assertThat(expectedFile).as("expected correlations of %s", file).isRegularFile();
        List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .toList();
        assertThat(expected).as("expected correlations of %s", file).isNotEmpty();
        assertThat(correlationsOf(file, dir.resolve("positive.jsonl"))).isEqualTo(expected);
    }

    /**
     * Events that stop short of the pattern (below the threshold, wrong order, relayed duplicates, ...);
     * at least some of them are building-block matches, so the correlator sees them and must not fire.
     */
    private static void correlatesNoNearMiss(String file, Path dir) throws IOException {
        Path nearMiss = dir.resolve("near-miss.jsonl");
        assertThat(nearMiss).as("near misses of %s", file).isRegularFile();
        List<Event> events = readCases(nearMiss);
        assertThat(events)
                .as("near misses of %s must reach the correlator through a building block", file)
                .anyMatch(e -> anyMatches(rulesByFile.get(file), e));
        assertThat(correlationsOf(file, nearMiss)).isEmpty();
    }

    /** The detections of the file's correlations when one case file is hunted, as title | group | count. */
    private static List<String> correlationsOf(String file, Path log) throws IOException {
        List<Detection> detections = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        DetectionSink sink = new DetectionSink() {
            @Override
            public void accept(Detection d) {
                detections.add(d);
            }

            @Override
            public void close() {}
        };
        new Hunt(loaded.rules(), loaded.correlations(), Level.INFORMATIONAL, sink, problems::add, HuntProgress.NONE)
                .run(List.of(log.toString()));
        assertThat(problems).as("problems hunting %s", log).isEmpty();
        List<String> out = new ArrayList<>();
        for (Detection d : detections) {
            if (("builtin:" + file).equals(d.rule().path()) && d.extra().get("correlation") instanceof Map<?, ?> c) {
                out.add(d.rule().title() + " | " + c.get("group") + " | " + c.get("count"));
            }
        }
        return out;
    }

    private static void firesOnCorpusFile(String file, String corpusFile) {
        Path path = corpusRoot().resolve(corpusFile);
        assertThat(path).as("corpus file listed in corpus.tsv").isRegularFile();
        List<CompiledRule> rules = rulesByFile.get(file);
        List<Diagnostic> problems = new ArrayList<>();
        HuntSummary summary = new HuntSummary();
        long[] hits = {0};
        new EventStream(problems::add, summary).forEach(List.of(path.toString()), e -> {
            if (anyMatches(rules, e)) {
                hits[0]++;
            }
        });
        assertThat(summary.filesRead()).as("read %s (%s)", corpusFile, problems).isEqualTo(1);
        assertThat(summary.eventsRead()).as("events in %s", corpusFile).isPositive();
        assertThat(hits[0]).as("detections of %s in %s", file, corpusFile).isPositive();
    }

    private static boolean anyMatches(List<CompiledRule> rules, Event event) {
        for (CompiledRule r : rules) {
            if (r.matches(event)) {
                return true;
            }
        }
        return false;
    }

    /** The events of a case file; every non-blank line must become an event. */
    private static List<Event> readCases(Path path) {
        assertThat(path).as("case file").isRegularFile();
        long lines;
        try (Stream<String> s = Files.lines(path, StandardCharsets.UTF_8)) {
            lines = s.filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Diagnostic> problems = new ArrayList<>();
        HuntSummary summary = new HuntSummary();
        List<Event> events = new ArrayList<>();
        new EventStream(problems::add, summary).forEach(List.of(path.toString()), events::add);
        assertThat(problems).as("problems reading %s", path).isEmpty();
        assertThat(summary.eventsSkipped()).as("records skipped in %s", path).isEmpty();
        assertThat(events).as("events in %s", path).isNotEmpty().hasSize((int) lines);
        return events;
    }

    private static Path corpusRoot() {
        String shared = System.getProperty("vigil.shared");
        if (shared == null || shared.isBlank()) {
            fail("system property vigil.shared is not set: it must name the ../shared folder that holds corpus/");
        }
        Path root = Path.of(shared).resolve("corpus");
        if (!Files.isDirectory(root)) {
            fail("the shared corpus is missing: " + root.toAbsolutePath() + " (vigil.shared=" + shared + ")");
        }
        return root;
    }

    private static boolean isCorrelationFile(String file) {
        return documents(file).stream().anyMatch(d -> d.containsKey("correlation"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(String file) {
        List<Map<String, Object>> out = new ArrayList<>();
        Load load = new Load(LoadSettings.builder().setLabel(file).build());
        for (Object doc : load.loadAllFromString(resource(file))) {
            if (doc instanceof Map<?, ?> m) {
                out.add((Map<String, Object>) m);
            }
        }
        return out;
    }

    private static List<String> indexEntries() {
        List<String> out = new ArrayList<>();
        for (String line : resource("index.txt").split("\n")) {
            String n = line.trim();
            if (!n.isEmpty() && !n.startsWith("#")) {
                out.add(n);
            }
        }
        assertThat(out).as("entries of index.txt").isNotEmpty();
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = BuiltinPackTest.class.getResourceAsStream(BUILTIN_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("built-in pack resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path casesDirectory() {
        URL url = BuiltinPackTest.class.getResource("/builtin-cases/corpus.tsv");
        if (url == null) {
            throw new IllegalStateException("test resource builtin-cases/corpus.tsv is missing");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** corpus.tsv: rule file TAB corpus path; '#' comments and the "rule" header line are skipped. */
    private static Map<String, List<String>> readCorpusList(Path tsv) {
        Map<String, Set<String>> byFile = new TreeMap<>();
        try {
            int lineNo = 0;
            for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#") || line.startsWith("rule\t")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length != 2 || cols[0].isBlank() || cols[1].isBlank()) {
                    throw new IllegalStateException("corpus.tsv line " + lineNo + " is not 'rule<TAB>path': " + line);
                }
                String corpusPath = cols[1].strip();
                byFile.computeIfAbsent(cols[0].strip(), k -> new TreeSet<>()).add(corpusPath);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> out = new TreeMap<>();
        byFile.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    private static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }
}
