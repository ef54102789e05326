package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.normalize.Normalizer;
import io.vigil.normalize.RecordShape;
import io.vigil.source.files.InputDiscovery;
import io.vigil.source.files.InputFile;
import io.vigil.source.json.JsonRecordReader;
import io.vigil.source.json.ParsedSlice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tree-free fast paths ({@link Normalizer#normalizeDirect} with Jackson, {@link
 * Normalizer#normalizeFlat} from the bytes with strings left encoded) against the reference tree path
 * ({@link JsonRecordReader#parse} then {@link Normalizer#normalize}): for every record of the OTRF corpus
 * and of the examples, an event a fast path gives has the same names, values, order, time and
 * provenance as the tree path's; and every flat record without nested objects does take the Jackson
 * fast path, and all but those with non-integer numbers the byte path.
 */
class DirectNormalizationTest {
    private final Normalizer normalizer = Normalizer.standard();
    private final JsonRecordReader reader = new JsonRecordReader(d -> {});

    @Test
    void otrfCorpusGivesTheSameEventsWithoutTrees() {
        Counts counts = compare(corpus().resolve("json").resolve("OTRF-Security-Datasets"));
        assertThat(counts.direct).isGreaterThan(30_000);
        assertThat(counts.direct).isEqualTo(counts.simpleFlat);
        assertThat(counts.flat).isEqualTo(counts.simpleFlatIntegers);
    }

    @Test
    void examplesGiveTheSameEventsWithoutTrees() {
        Counts counts = compare(Path.of("..", "examples"));
        assertThat(counts.direct).isGreaterThan(1000);
        assertThat(counts.direct).isEqualTo(counts.simpleFlat);
        assertThat(counts.flat).isEqualTo(counts.simpleFlatIntegers);
        // the examples hold the other shapes too: those must have been declined, not mis-mapped
        assertThat(counts.records).isGreaterThan(counts.direct);
    }

    @Test
    void brokenAndUnusualRecordsAreLeftToTheTreePathOrMappedAlike() {
        String[] records = {
            "{\"EventID\": 4688, \"broken\": ",
            "[1, 2]",
            "{\"a\": 1} {\"b\": 2}",
            "{\"EventID\": \"4624\", \"EventId\": 7, \"Opcode\": \"Info\", \"OpcodeValue\": 0, \"OpcodeName\": \"x\"}",
            "{\"Channel\": \"security\", \"Channel\": \"system\", \"Computer\": \"a\", \"Hostname\": \"b\"}",
            "{\"EventID\": 1, \"System_EventID\": 2, \"EventId\": 3, \"list\": [1, [2, [\"x\"]], null, 1.5]}",
            "{\"EventID\": 18446744073709551616, \"n\": 1e400, \"k\": 123456789012345678901234567890}",
            "{\"Keywords\": -9214364837600034816, \"Provider_Guid\": \"{abc-def}\", \"TimeCreated\": \"2020-01-01T00:00:00Z\"}",
            "{\"list\": [{\"a\": 1}]}",
            "{\"nested\": {\"a\": 1}}",
            "{\"winlog.channel\": \"Security\"}",
            "{\"log_type\": \"flow\"}",
            "{}",
        };
        int direct = 0;
        int flatCount = 0;
        for (String json : records) {
            byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Provenance provenance = Provenance.line("test", 1);
            Event fast;
            try (JsonParser parser = new com.fasterxml.jackson.core.JsonFactory().createParser(bytes)) {
                fast = normalizer.normalizeDirect(parser, provenance);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Event flat = normalizer.normalizeFlat(bytes, bytes.length, 1 << 20, 64, provenance);
            if (fast == null) {
                assertThat(flat).as(json).isNull();
                continue;
            }
            direct++;
            Map<String, Object> tree = treeOf(bytes);
            assertThat(tree).as(json).isNotNull();
            assertSameEvent(json, fast, normalizer.normalize(tree, provenance));
            if (flat != null) {
                flatCount++;
                assertSameEvent(json + " (bytes)", flat, normalizer.normalize(tree, provenance));
            }
        }
        assertThat(direct).isEqualTo(6);
        // all but the two with a fraction or numbers beyond a long, which the byte path leaves to Jackson
        assertThat(flatCount).isEqualTo(4);
    }

    private Map<String, Object> treeOf(byte[] bytes) {
        List<Map<String, Object>> trees = new ArrayList<>();
        reader.read("test", new java.io.ByteArrayInputStream(bytes), raw -> trees.add(raw.tree()));
        return trees.size() == 1 ? trees.get(0) : null;
    }

    private static final class Counts {
        long records;
        long direct;
        long simpleFlat;
        long simpleFlatIntegers;
        long flat;
    }

    private Counts compare(Path root) {
        Counts counts = new Counts();
        List<InputFile> inputs =
                new InputDiscovery(d -> {}).discover(List.of(root.toString())).inputs();
        assertThat(inputs).isNotEmpty();
        for (InputFile input : inputs) {
            if (input.kind() != InputFile.Kind.JSON) {
                continue;
            }
            reader.split(input, slice -> {
                ParsedSlice parsed = reader.parse(slice);
                Event fast;
                try (JsonParser parser = reader.parser(slice)) {
                    fast = parser == null
                            ? null
                            : normalizer.normalizeDirect(parser, Provenance.line(slice.displayPath(), slice.line()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                String where = slice.displayPath() + ":" + slice.line();
                if (parsed.record() == null) {
                    assertThat(fast).as(where).isNull();
                    assertThat(
                                    slice.oversized()
                                            ? null
                                            : normalizer.normalizeFlat(
                                                    slice.bytes(),
                                                    slice.length(),
                                                    1 << 20,
                                                    64,
                                                    Provenance.line("x", 1)))
                            .as(where)
                            .isNull();
                    return;
                }
                counts.records++;
                Map<String, Object> tree = parsed.record().tree();
                if (RecordShape.detect(tree) == RecordShape.FLAT && simple(tree)) {
                    counts.simpleFlat++;
                    if (integersOnly(tree)) {
                        counts.simpleFlatIntegers++;
                    }
                }
                Event flat = slice.oversized()
                        ? null
                        : normalizer.normalizeFlat(
                                slice.bytes(),
                                slice.length(),
                                reader.limits().maxStringLength(),
                                reader.limits().maxNestingDepth(),
                                Provenance.line(slice.displayPath(), slice.line()));
                if (flat != null) {
                    counts.flat++;
                    assertSameEvent(
                            where + " (bytes)",
                            flat,
                            normalizer.normalize(tree, parsed.record().provenance()));
                }
                if (fast != null) {
                    counts.direct++;
                    assertSameEvent(
                            where,
                            fast,
                            normalizer.normalize(tree, parsed.record().provenance()));
                }
            });
        }
        return counts;
    }

    /** No nested object anywhere, no log_type key: what the fast path promises to take. */
    private static boolean simple(Map<String, Object> tree) {
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            if (e.getKey().equals("log_type") || e.getValue() instanceof Map || hasObject(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** No number other than an integer that fits a long, the ones the byte path reads itself. */
    private static boolean integersOnly(Map<String, Object> tree) {
        for (Object v : tree.values()) {
            for (Object item : v instanceof List<?> list ? list : List.of(v == null ? "" : v)) {
                if (item instanceof Double) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean hasObject(Object value) {
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map || hasObject(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void assertSameEvent(String where, Event fast, Event reference) {
        if (!names(fast).equals(names(reference))) {
            fail(where + ": field names differ\n fast: " + names(fast) + "\n tree: " + names(reference));
        }
        for (int i = 0; i < reference.size(); i++) {
            assertThat(fast.valueAt(i))
                    .as(where + " " + names(reference).get(i))
                    .isEqualTo(reference.valueAt(i));
            if (reference.valueAt(i) != null) {
                assertThat(fast.valueAt(i).getClass())
                        .as(where)
                        .isEqualTo(reference.valueAt(i).getClass());
            }
        }
        assertThat(fast.timestamp()).as(where).isEqualTo(reference.timestamp());
        assertThat(fast.provenance()).as(where).isEqualTo(reference.provenance());
    }

    private static List<String> names(Event e) {
        return new ArrayList<>(e.fields().keySet());
    }

    private static Path corpus() {
        String shared = System.getProperty("vigil.shared");
        if (shared == null || !Files.isDirectory(Path.of(shared, "corpus"))) {
            fail("system property vigil.shared must name the ../shared folder that holds corpus/, not " + shared);
        }
        return Path.of(shared, "corpus");
    }
}
