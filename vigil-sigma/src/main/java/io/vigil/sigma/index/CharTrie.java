package io.vigil.sigma.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trie of strings over chars in flat arrays: each node's children sorted by character (compared in
 * turn when few, else halved), the root's ASCII children looked up directly. The shape both searches
 * of the index build on: {@link LiteralAutomaton} adds failure links to it, {@link AnchoredLiterals}
 * walks it from a value's ends. Immutable.
 */
final class CharTrie {
    static final int ROOT = 0;

    final int[] childStart;
    final int[] childCount;
    final char[] childKeys;
    final int[] childTargets;
    private final int[] rootNext = new int[128];
    /** The node at which each text ends, in the order of the texts. */
    final int[] ends;

    /** Builds the trie of non-empty {@code texts}. */
    CharTrie(List<String> texts) {
        List<Map<Character, Integer>> nodes = new ArrayList<>();
        nodes.add(new HashMap<>());
        ends = new int[texts.size()];
        for (int p = 0; p < texts.size(); p++) {
            String text = texts.get(p);
            if (text.isEmpty()) {
                throw new IllegalArgumentException("empty pattern");
            }
            int s = ROOT;
            for (int i = 0; i < text.length(); i++) {
                Integer next = nodes.get(s).get(text.charAt(i));
                if (next == null) {
                    next = nodes.size();
                    nodes.add(new HashMap<>());
                    nodes.get(s).put(text.charAt(i), next);
                }
                s = next;
            }
            ends[p] = s;
        }
        int n = nodes.size();
        childStart = new int[n];
        childCount = new int[n];
        int edges = nodes.stream().mapToInt(Map::size).sum();
        childKeys = new char[edges];
        childTargets = new int[edges];
        int e = 0;
        for (int s = 0; s < n; s++) {
            childStart[s] = e;
            childCount[s] = nodes.get(s).size();
            for (Map.Entry<Character, Integer> c : new TreeMap<>(nodes.get(s)).entrySet()) {
                childKeys[e] = c.getKey();
                childTargets[e] = c.getValue();
                if (s == ROOT && c.getKey() < 128) {
                    rootNext[c.getKey()] = c.getValue();
                }
                e++;
            }
        }
    }

    /** Number of nodes, the root included. */
    int size() {
        return childStart.length;
    }

    /** The child of node {@code s} by {@code c}, or -1. */
    int child(int s, char c) {
        if (s == ROOT && c < 128) {
            int t = rootNext[c];
            return t == ROOT ? -1 : t;
        }
        int lo = childStart[s];
        int hi = lo + childCount[s] - 1;
        if (hi - lo < 4) {
            for (int k = lo; k <= hi; k++) {
                if (childKeys[k] == c) {
                    return childTargets[k];
                }
            }
            return -1;
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = childKeys[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return childTargets[mid];
            }
        }
        return -1;
    }
}
