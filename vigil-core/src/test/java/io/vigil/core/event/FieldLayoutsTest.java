package io.vigil.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Events built through a {@link FieldLayouts} trie against the same puts into a builder of its own:
 * same names, values and lookups, whatever the order, repeats and number of names; and events of one
 * name sequence share one layout.
 */
class FieldLayoutsTest {
    private static final Provenance AT = Provenance.line("t", 1);

    @Test
    void sameNamesInTheSameOrderShareOneLayout() {
        FieldLayouts layouts = new FieldLayouts();
        Event a = Event.builder(2, layouts).put("Image", "a").put("EventID", 1L).build(null, AT);
        // equal names that are other String instances follow the same path
        Event b = Event.builder(2, layouts)
                .put(new String("Image"), "b")
                .put(new String("EventID"), 2L)
                .build(null, AT);
        Event reordered =
                Event.builder(2, layouts).put("EventID", 1L).put("Image", "a").build(null, AT);
        Event prefix = Event.builder(2, layouts).put("Image", "a").build(null, AT);

        assertThat(b.layout()).isSameAs(a.layout());
        assertThat(a.layout().shared()).isTrue();
        assertThat(reordered.layout()).isNotSameAs(a.layout());
        assertThat(prefix.layout()).isNotSameAs(a.layout());
        assertThat(b.get("Image")).isEqualTo("b");
        assertThat(b.get("EventID")).isEqualTo(2L);
        assertThat(reordered.nameAt(0)).isEqualTo("EventID");
        assertThat(Event.builder(1).put("x", 1L).build(null, AT).layout().shared())
                .isFalse();
        assertThat(Event.builder(1).put("x", 1L).build(null, AT).layout().serial())
                .isZero();
        assertThat(a.layout().serial())
                .isNotEqualTo(reordered.layout().serial())
                .isNotZero();
    }

    @Test
    void aNamePutTwiceKeepsItsFirstSlotAndTakesTheLastValue() {
        FieldLayouts layouts = new FieldLayouts();
        for (int round = 0; round < 2; round++) { // the second round walks the edge kept for the repeat
            Event.Builder b = Event.builder(1, layouts)
                    .put("A", 1L)
                    .put("B", 2L)
                    .put("A", 3L)
                    .put("C", 4L);
            assertThat(b.size()).isEqualTo(3);
            assertThat(b.get("A")).isEqualTo(3L);
            Event e = b.build(null, AT);
            assertThat(e.fields())
                    .containsExactly(
                            java.util.Map.entry("A", 3L), java.util.Map.entry("B", 2L), java.util.Map.entry("C", 4L));
            assertThat(e.layout().shared()).isFalse();
        }
    }

    @Test
    void randomPutsGiveTheEventsOfAPlainBuilder() {
        Random random = new Random(11);
        FieldLayouts layouts = new FieldLayouts();
        String[] pool = new String[40];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = (i % 3 == 0 ? "image" : i % 3 == 1 ? "Image" : "Target") + i / 3;
        }
        for (int round = 0; round < 5000; round++) {
            Event.Builder shared = Event.builder(random.nextInt(6), layouts);
            Event.Builder own = Event.builder(random.nextInt(6));
            int count = random.nextInt(14);
            for (int f = 0; f < count; f++) {
                // few names, so that shapes repeat and the trie is walked as well as grown
                String name = pool[random.nextInt(random.nextBoolean() ? 6 : pool.length)];
                Object value = random.nextInt(5) == 0 ? null : (long) f;
                shared.put(name, value);
                own.put(name, value);
                // the builder answers mid-way as a plain one does (normalisers read the time field)
                String probe = pool[random.nextInt(pool.length)];
                assertThat(shared.get(probe)).isEqualTo(own.get(probe));
                assertThat(shared.indexOf(probe)).isEqualTo(own.indexOf(probe));
                assertThat(shared.size()).isEqualTo(own.size());
                assertThat(shared.nameAt(shared.size() - 1)).isEqualTo(own.nameAt(own.size() - 1));
            }
            Event a = shared.build(Instant.EPOCH, AT);
            Event b = own.build(Instant.EPOCH, AT);
            assertThat(names(a)).isEqualTo(names(b));
            assertThat(a.fields()).isEqualTo(b.fields());
            for (String probe : pool) {
                assertThat(a.indexOf(probe)).isEqualTo(b.indexOf(probe));
                assertThat(a.indexOf(probe.toUpperCase(java.util.Locale.ROOT)))
                        .isEqualTo(b.indexOf(probe.toUpperCase(java.util.Locale.ROOT)));
            }
        }
    }

    @Test
    void everNewNameSequencesStayWithinTheBound() {
        FieldLayouts layouts = new FieldLayouts();
        Random random = new Random(3);
        // 64 names per position and 8 positions: far more paths than the trie may hold
        for (int round = 0; round < 6000; round++) {
            Event.Builder b = Event.builder(8, layouts);
            List<String> names = new ArrayList<>();
            for (int f = 0; f < 8; f++) {
                String name = "p" + f + "_" + random.nextInt(64);
                names.add(name);
                b.put(name, (long) f);
            }
            Event e = b.build(null, AT);
            assertThat(names(e)).isEqualTo(names);
            for (int f = 0; f < 8; f++) {
                assertThat(e.indexOf(names.get(f))).isEqualTo(f);
                assertThat(e.get(names.get(f))).isEqualTo((long) f);
            }
        }
        assertThat(layouts.nodes()).isEqualTo(FieldLayouts.MAX_NODES);
    }

    @Test
    void aPathTakesNoMoreThanItsShareOfNextNames() {
        FieldLayouts layouts = new FieldLayouts();
        for (int i = 0; i < 3 * FieldLayouts.MAX_CHILDREN; i++) {
            Event e = Event.builder(2, layouts)
                    .put("first" + i, 1L)
                    .put("second", 2L)
                    .build(null, AT);
            assertThat(e.layout().shared()).isEqualTo(i < FieldLayouts.MAX_CHILDREN);
            assertThat(e.get("second")).isEqualTo(2L);
            assertThat(e.nameAt(0)).isEqualTo("first" + i);
        }
        assertThat(layouts.nodes()).isEqualTo(1 + 2 * FieldLayouts.MAX_CHILDREN);
    }

    private static List<String> names(Event e) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < e.size(); i++) {
            names.add(e.nameAt(i));
        }
        return names;
    }
}
