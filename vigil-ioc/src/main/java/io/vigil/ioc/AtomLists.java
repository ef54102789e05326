package io.vigil.ioc;

import java.util.Arrays;
import java.util.Map;

/**
 * Appends atom ids to a growable int array while an index is being built: the frozen indexes keep
 * plain {@code int[]} per key, which for 100,000 indicators is far smaller than boxed lists.
 */
final class AtomLists {
    private AtomLists() {}

    /**
     * Adds {@code atom} to the list of {@code key}. A plain get and put rather than {@code Map.merge}
     * with a lambda: the built-in feed is indexed while the JVM is cold, and every lambda's first use
     * costs milliseconds there.
     */
    static <K> void add(Map<K, int[]> index, K key, int atom) {
        index.put(key, append(index.get(key), atom));
    }

    static int[] append(int[] list, int atom) {
        if (list == null) {
            return new int[] {atom};
        }
        int[] out = Arrays.copyOf(list, list.length + 1);
        out[list.length] = atom;
        return out;
    }
}
