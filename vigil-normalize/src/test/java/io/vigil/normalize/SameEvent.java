package io.vigil.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.Event;

/** The comparison the byte path's tests make against the tree path: names, values, types, timestamp. */
final class SameEvent {
    private SameEvent() {}

    static void assertSame(String where, Event scanned, Event reference) {
        assertThat(scanned.fields().keySet())
                .as(where)
                .containsExactlyElementsOf(reference.fields().keySet());
        for (int i = 0; i < reference.size(); i++) {
            Object expected = reference.valueAt(i);
            Object actual = scanned.valueAt(i);
            assertThat(actual).as(where).isEqualTo(expected);
            if (expected != null) {
                assertThat(actual.getClass()).as(where).isEqualTo(expected.getClass());
            }
        }
        assertThat(scanned.timestamp()).as(where).isEqualTo(reference.timestamp());
    }
}
