package io.vigil.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Field lookup against the plain rule it shortcuts (exact name first, else the first name equal
 * ignoring case, in input order), on random names that collide in case in every way String knows
 * ('ſ' and 's', the Kelvin sign and 'k', dotted and dotless i); and encoded strings read as their
 * decoded text through every accessor.
 */
class EventLookupTest {
    private static final String[] PARTS = {
        "s", "S", "ſ", "k", "K", "\u212a", "i", "I", "ı", "İ", "Image", "id", "_", "x"
    };

    @Test
    void lookupEqualsTheReferenceScan() {
        Random random = new Random(5);
        FieldLayouts layouts = new FieldLayouts();
        for (int round = 0; round < 2000; round++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            // the builder keeps its name classes as names are put (duplicates included)
            Event.Builder builder = Event.builder(random.nextInt(4));
            // and through a trie of shared layouts, which the earlier rounds filled
            Event.Builder shared = Event.builder(random.nextInt(4), layouts);
            for (int f = random.nextInt(12); f > 0; f--) {
                String name = name(random);
                fields.put(name, f);
                builder.put(name, f);
                shared.put(name, f);
            }
            Event event = Event.of(fields, Instant.EPOCH, Provenance.line("t", 1));
            Event built = builder.build(Instant.EPOCH, Provenance.line("t", 1));
            Event sharing = shared.build(Instant.EPOCH, Provenance.line("t", 1));
            List<String> names = new ArrayList<>(fields.keySet());
            for (int probe = 0; probe < 20; probe++) {
                String name = name(random);
                assertThat(event.indexOf(name)).as("%s in %s", name, names).isEqualTo(reference(names, name));
                assertThat(event.has(name)).isEqualTo(reference(names, name) >= 0);
                assertThat(built.indexOf(name)).as("%s in %s", name, names).isEqualTo(reference(names, name));
                assertThat(sharing.indexOf(name)).as("%s in %s", name, names).isEqualTo(reference(names, name));
            }
        }
    }

    @Test
    void encodedStringsAreDecodedByEveryAccessor() {
        byte[] json = "\"C:\\\\x \\u00e9\"".getBytes(StandardCharsets.UTF_8);
        EncodedString encoded =
                new EncodedString(json, 1, json.length - 1, EncodedString.flagsOf(json, 1, json.length - 1));
        Event event = Event.builder(2).put("A", encoded).put("B", 1L).build(null, Provenance.line("t", 1));
        assertThat(event.storedAt(0)).isSameAs(encoded);
        assertThat(event.fields()).containsEntry("A", "C:\\x é");
        assertThat(event.folded("a")).isEqualTo("c:\\x é");
        assertThat(event.get("A")).isEqualTo("C:\\x é");
        assertThat(event.storedAt(0)).isEqualTo("C:\\x é");
        assertThat(encoded.ascii()).isTrue();
        assertThat(encoded.shortEscapesOnly()).isFalse();
    }

    private static int reference(List<String> names, String name) {
        int exact = names.indexOf(name);
        if (exact >= 0) {
            return exact;
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String name(Random random) {
        StringBuilder s = new StringBuilder();
        for (int p = 1 + random.nextInt(3); p > 0; p--) {
            s.append(PARTS[random.nextInt(PARTS.length)]);
        }
        return s.toString();
    }
}
