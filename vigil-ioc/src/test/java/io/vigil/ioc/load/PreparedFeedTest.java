package io.vigil.ioc.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.detect.Level;
import io.vigil.ioc.Diagnostics;
import io.vigil.ioc.IocSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The prepared form must load exactly as the STIX file it was written from: same indicators (ids,
 * feed, author, tags, level, confidence, validity, comparisons and keys, in order) and same
 * diagnostics, whatever the feed options.
 */
class PreparedFeedTest {
    private static final List<FeedOptions> OPTIONS = List.of(
            FeedOptions.defaults(),
            FeedOptions.defaults().withNonDetection(true),
            FeedOptions.defaults().withDefaultLevel(Level.MEDIUM).withDefaultConfidence(50));

    @Test
    void theBuiltinBundleLoadsFromItsPreparedFormAsFromItsStixFile() throws IOException {
        byte[] prepared = resource(FeedLoader.BUILTIN_PREPARED);
        byte[] stix = resource(FeedLoader.BUILTIN_RESOURCE);
        assertThat(prepared).as("the build writes it in process-classes").isNotNull();
        assertThat(PreparedFeed.preparedFrom(prepared, stix)).isTrue();
        for (FeedOptions options : OPTIONS) {
            Diagnostics fast = new Diagnostics();
            Diagnostics reference = new Diagnostics();
            IocSet viaPrepared = PreparedFeed.load(FeedLoader.BUILTIN_NAME, prepared, options, fast);
            IocSet viaBuiltin = FeedLoader.builtin(options, new Diagnostics());
            IocSet viaStix = FeedLoader.builtinFromStix(options, reference);
            assertThat(viaStix.size()).isGreaterThan(2000);
            assertThat(viaPrepared.indicators()).isEqualTo(viaStix.indicators());
            assertThat(viaBuiltin.indicators()).isEqualTo(viaStix.indicators());
            assertThat(viaPrepared.countsByType()).isEqualTo(viaStix.countsByType());
            assertThat(fast.all).isEqualTo(reference.all);
        }
    }

    @Test
    void generatedBundlesLoadFromTheirPreparedFormAsFromStix() {
        for (int seed = 1; seed <= 5; seed++) {
            String json = GeneratedBundle.of(new Random(seed), 60);
            byte[] stix = json.getBytes(StandardCharsets.UTF_8);
            byte[] prepared = PreparedFeed.write("gen.json", stix);
            assertThat(PreparedFeed.preparedFrom(prepared, stix)).isTrue();
            for (FeedOptions options : OPTIONS) {
                // another feed name: indicators without an author take the name they are loaded under
                for (String feed : List.of("gen.json", "other-name")) {
                    Diagnostics fast = new Diagnostics();
                    Diagnostics reference = new Diagnostics();
                    IocSet viaPrepared = PreparedFeed.load(feed, prepared, options, fast);
                    IocSet viaStix = StixLoader.load(feed, stix, options, reference);
                    assertThat(viaStix.size()).as("seed %d", seed).isGreaterThan(30);
                    assertThat(viaPrepared.indicators()).as("seed %d", seed).isEqualTo(viaStix.indicators());
                    assertThat(fast.all).as("seed %d", seed).isEqualTo(reference.all);
                }
            }
        }
    }

    @Test
    void aFeedWithDiagnosticsIsNotPrepared() {
        String revoked = StixLoaderTest.bundle(
                StixLoaderTest.indicator("indicator--ok", "[domain-name:value = 'a.example']", ""),
                StixLoaderTest.indicator("indicator--r", "[domain-name:value = 'r.example']", "\"revoked\": true"));
        assertThatThrownBy(() -> PreparedFeed.write("feed.json", revoked.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ioc-revoked");
        String unsupported = StixLoaderTest.bundle(
                StixLoaderTest.indicator("indicator--m", "[domain-name:value MATCHES '^evil']", ""));
        assertThatThrownBy(() -> PreparedFeed.write("feed.json", unsupported.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("indicator--m");
    }

    @Test
    void aDamagedOrForeignFileIsNotLoadedAndReportsNothing() {
        byte[] stix = GeneratedBundle.of(new Random(7), 20).getBytes(StandardCharsets.UTF_8);
        byte[] prepared = PreparedFeed.write("gen.json", stix);
        Diagnostics diags = new Diagnostics();
        assertThat(PreparedFeed.load("gen.json", Arrays.copyOf(prepared, prepared.length - 5), OPTIONS.get(0), diags))
                .isNull();
        assertThat(PreparedFeed.load("gen.json", Arrays.copyOf(prepared, 10), OPTIONS.get(0), diags))
                .isNull();
        assertThat(PreparedFeed.load("gen.json", stix, OPTIONS.get(0), diags)).isNull();
        byte[] otherVersion = prepared.clone();
        otherVersion[6]++; // the format version (the low byte is the string encoding)
        assertThat(PreparedFeed.load("gen.json", otherVersion, OPTIONS.get(0), diags))
                .isNull();
        assertThat(diags.all).isEmpty();
        assertThat(PreparedFeed.preparedFrom(prepared, Arrays.copyOf(stix, stix.length - 1)))
                .isFalse();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FeedLoader.class.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /** STIX bundles of random but valid indicators, covering every field the loader reads. */
    private static final class GeneratedBundle {
        private static final String[] PATTERNS = {
            "[domain-name:value = '%s.example']",
            "[file:hashes.MD5 = '%032x']",
            "[file:hashes.'SHA-256' = '%064x']",
            "[ipv4-addr:value = '192.0.2.%d']",
            "[file:name = 'T%s.dll']",
            "[url:value = 'http://%s.example/a']",
            "[network-traffic:dst_port = %d]",
            "[domain-name:value = '%1$s.example' OR ipv4-addr:value = '198.51.100.7']",
            "[file:name = 'x%s.exe' AND file:hashes.MD5 = '7f8a867a8302fe58039a6db254d335ae']",
            "[domain-name:value = 'a%s.example'] OR [file:name = 'Ä%1$s.dll']",
        };

        static String of(Random random, int count) {
            List<String> objects = new ArrayList<>();
            objects.add("{\"type\": \"identity\", \"id\": \"identity--acme\", \"name\": \"ACME CERT \u00e9\u00e8\"}");
            for (int i = 0; i < count; i++) {
                int n = 1 + random.nextInt(200);
                String pattern = String.format(PATTERNS[random.nextInt(PATTERNS.length)], n, n);
                StringBuilder extra = new StringBuilder();
                int author = random.nextInt(3); // the identity's name, the bare reference, the feed name
                if (author < 2) {
                    extra.append(", \"created_by_ref\": \"identity--")
                            .append(author == 0 ? "acme" : "unknown")
                            .append('"');
                }
                optional(random, extra, "\"name\": \"indicator " + i + " \\u00fc\\ud83d\\ude00\"");
                optional(random, extra, "\"description\": \"described \" ");
                optional(random, extra, "\"labels\": [\"apt10\", \"l" + (i % 3) + "\"]");
                optional(
                        random,
                        extra,
                        "\"external_references\": [{\"source_name\": \"mitre-attack\", \"external_id\": \"G00"
                                + (40 + i % 9) + "\"}, {\"source_name\": \"other\"}]");
                optional(random, extra, "\"confidence\": " + random.nextInt(101));
                optional(random, extra, "\"x_vigil_level\": \"" + (random.nextBoolean() ? "high" : "critical") + "\"");
                optional(random, extra, "\"x_vigil_detect\": " + random.nextBoolean());
                optional(random, extra, "\"valid_until\": \"2030-01-0" + (1 + i % 9) + "T00:00:00.5Z\"");
                objects.add(StixLoaderTest.indicator(
                        "indicator--" + i, pattern, extra.length() == 0 ? "" : extra.substring(2)));
            }
            return StixLoaderTest.bundle(objects.toArray(String[]::new));
        }

        private static void optional(Random random, StringBuilder extra, String member) {
            if (random.nextBoolean()) {
                extra.append(", ").append(member);
            }
        }
    }
}
