package io.vigil.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.engine.EventStream;
import io.vigil.engine.HuntSummary;
import io.vigil.engine.RuleLoading;
import io.vigil.normalize.Normalizer;
import io.vigil.sigma.LoadResult;
import io.vigil.sigma.RuleSet;
import io.vigil.sigma.compile.CompiledRule;
import io.vigil.sigma.compile.Placeholders;
import io.vigil.source.files.InputDiscovery;
import io.vigil.source.files.InputFile;
import io.vigil.source.json.JsonRecordReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The indexed fast path ({@link RuleSet#match}: log-source buckets, then the literal prefilter) must
 * report exactly the rules that the plain loop over every rule reports, in the same order, with the
 * whole SigmaHQ tree: on every real OTRF event, and on random events aimed at each rule (built from the
 * rule's own values) and mutated so that many rules nearly match. Each set of events is checked twice:
 * as events of decoded strings (the EVTX and tree paths) and as events read from flat JSON bytes whose
 * strings stay encoded until read ({@link Normalizer#normalizeFlat}), which the index scans without
 * decoding; the generated events are written once with plain UTF-8 and once with every non-ASCII
 * character as a backslash-u escape.
 */
class RuleIndexEquivalenceTest {
    private static final long SEED = Long.getLong("vigil.differential.seed", 0x5167_4d41L);
    private static LoadResult loaded;

    @BeforeAll
    static void load() {
        String sigma = SharedCorpus.sigma().toString();
        loaded = RuleLoading.load(
                List.of(sigma + "/rules", sigma + "/rules-emerging-threats", sigma + "/rules-threat-hunting"),
                Placeholders.NONE);
        assertThat(loaded.rules().rules()).hasSizeGreaterThan(3000);
    }

    @Test
    void indexEqualsPlainLoopOnOtrfEvents() {
        List<Event> events = new ArrayList<>();
        new EventStream(d -> {}, new HuntSummary())
                .forEach(
                        List.of(SharedCorpus.root()
                                .resolve("corpus/json/OTRF-Security-Datasets")
                                .toString()),
                        events::add);
        assertThat(events).hasSizeGreaterThan(30000);
        long matches = compare(loaded.rules(), events, "OTRF");
        System.out.printf(
                "Rule index equivalence, OTRF: %d events x %d rules, %d matches, identical%n",
                events.size(), loaded.rules().rules().size(), matches);
        assertThat(matches).isPositive();

        List<Event> encoded = new ArrayList<>();
        JsonRecordReader reader = new JsonRecordReader(d -> {});
        Normalizer normalizer = Normalizer.standard();
        for (InputFile input : new InputDiscovery(d -> {})
                .discover(List.of(SharedCorpus.root()
                        .resolve("corpus/json/OTRF-Security-Datasets")
                        .toString()))
                .inputs()) {
            reader.split(input, slice -> {
                Event e = slice.oversized()
                        ? null
                        : normalizer.normalizeFlat(
                                slice.bytes(), slice.length(), 1 << 20, 64, Provenance.line("otrf", slice.line()));
                if (e != null) {
                    encoded.add(e);
                }
            });
        }
        assertThat(encoded).hasSizeGreaterThan(30000);
        assertThat(compare(loaded.rules(), encoded, "OTRF, encoded")).isEqualTo(matches);
    }

    /** The event written as one flat JSON object and read back with its strings left encoded, or null. */
    private static Event encoded(Event e, boolean escapeNonAscii) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        JsonFactory json = escapeNonAscii
                ? new com.fasterxml.jackson.core.JsonFactoryBuilder()
                        .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
                        .build()
                : new JsonFactory();
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            for (int i = 0; i < e.size(); i++) {
                g.writeFieldName(e.nameAt(i));
                Object v = e.valueAt(i);
                if (v instanceof List<?> list) {
                    g.writeStartArray();
                    for (Object item : list) {
                        g.writeObject(item);
                    }
                    g.writeEndArray();
                } else {
                    g.writeObject(v);
                }
            }
            g.writeEndObject();
        } catch (java.io.IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
        byte[] bytes = out.toByteArray();
        return Normalizer.standard().normalizeFlat(bytes, bytes.length, 1 << 20, 64, Provenance.line("encoded", 1));
    }

    @Test
    void indexEqualsPlainLoopOnGeneratedNearMisses() {
        List<SigmaDifferentialRules.Pair> rules = SigmaDifferentialRules.all();
        List<Event> events = new ArrayList<>();
        Random rnd = new Random(SEED);
        for (int i = 0; i < rules.size(); i++) {
            SigmaDifferentialRules.Pair p = rules.get(i);
            if (p.reference().sources().isEmpty()) {
                continue;
            }
            SigmaDifferentialEvents gen = new SigmaDifferentialEvents(SEED + i);
            for (int k = 0; k < 4; k++) {
                Event e = gen.next(p.parsed(), p.reference().sources());
                events.add(e);
                events.add(mutate(e, rnd));
            }
        }
        long matches = compare(loaded.rules(), events, "generated (seed " + SEED + ")");
        System.out.printf(
                "Rule index equivalence, generated: %d events x %d rules, %d matches, identical%n",
                events.size(), loaded.rules().rules().size(), matches);
        assertThat(matches).isGreaterThan(events.size() / 10);

        for (boolean escapeNonAscii : new boolean[] {false, true}) {
            List<Event> encoded = new ArrayList<>();
            for (Event e : events) {
                Event back = encoded(e, escapeNonAscii);
                if (back != null) {
                    encoded.add(back);
                }
            }
            assertThat(encoded).hasSizeGreaterThan(events.size() * 9 / 10);
            long encodedMatches =
                    compare(loaded.rules(), encoded, "generated, encoded (escapes " + escapeNonAscii + ")");
            assertThat(encodedMatches).isGreaterThan(encoded.size() / 10);
        }
    }

    /** Returns the total number of (event, rule) matches, asserting both paths agree on each event. */
    private static long compare(RuleSet set, List<Event> events, String what) {
        long matches = 0;
        for (int k = 0; k < events.size(); k++) {
            Event e = events.get(k);
            List<CompiledRule> fast = new ArrayList<>();
            List<CompiledRule> plain = new ArrayList<>();
            set.match(e, fast::add);
            set.matchWithoutIndex(e, plain::add);
            assertThat(fast).as("%s event %d: rules matching %s", what, k, e).isEqualTo(plain);
            matches += fast.size();
        }
        return matches;
    }

    /**
     * A near miss of an event: in some fields one character is dropped, replaced or the case flipped,
     * some fields are dropped or renamed in another case, so that required literals break or survive
     * only in folded form.
     */
    static Event mutate(Event e, Random rnd) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
            String name = f.getKey();
            Object v = f.getValue();
            boolean header = name.equals("Channel") || name.equals("EventID") || name.equals("Provider_Name");
            int r = header ? 99 : rnd.nextInt(10);
            if (r == 0) {
                continue;
            }
            if (r == 1) {
                name = name.toUpperCase(Locale.ROOT);
            }
            if (v instanceof String s && !s.isEmpty() && r >= 2 && r <= 5) {
                int at = rnd.nextInt(s.length());
                v = switch (r) {
                    case 2 -> s.substring(0, at) + s.substring(at + 1);
                    case 3 -> s.substring(0, at) + "\u00e9" + s.substring(at + 1);
                    case 4 -> s.toUpperCase(Locale.ROOT);
                    default -> s.substring(0, at) + Character.toUpperCase(s.charAt(at)) + s.substring(at + 1);
                };
            }
            out.put(name, v);
        }
        return Event.of(out, Instant.EPOCH, Provenance.line("mutated", 1));
    }
}
