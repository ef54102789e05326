package io.vigil.ioc;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Exact lookup of a normalised key (hash, URL, pipe, mutex, registry key, port) to the atoms that
 * carry it: one hash probe per lookup however many indicators there are.
 */
final class KeyIndex {
    private final Map<String, int[]> atoms = new HashMap<>();

    void add(String key, int atom) {
        AtomLists.add(atoms, key, atom);
    }

    boolean isEmpty() {
        return atoms.isEmpty();
    }

    void lookup(String key, IntConsumer out) {
        int[] found = atoms.get(key);
        if (found != null) {
            for (int a : found) {
                out.accept(a);
            }
        }
    }
}
