package io.vigil.ioc;

import java.util.Arrays;

/**
 * Appends atom ids to a growable int array while an index is being built: the frozen indexes keep
 * plain {@code int[]} per key, which for 100,000 indicators is far smaller than boxed lists.
 */
final class AtomLists {
    private AtomLists() {}

    static int[] append(int[] list, int atom) {
        if (list == null) {
            return new int[] {atom};
        }
        int[] out = Arrays.copyOf(list, list.length + 1);
        out[list.length] = atom;
        return out;
    }
}
