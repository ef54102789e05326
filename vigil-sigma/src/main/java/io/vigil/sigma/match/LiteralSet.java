package io.vigil.sigma.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The case-insensitive literals of one OR that a value must equal, begin with or end with, looked up
 * together. Some SigmaHQ rules list hundreds of DLL or program names for one field (DLL side-loading
 * lists 443), and trying them one after another cost microseconds per tested event; here an equality
 * is one hash lookup and a prefix or suffix one walk of a trie, as deep as the value shares characters
 * with some literal. Holds lower-cased needles and answers for lower-cased values; immutable.
 */
final class LiteralSet {
    private final Set<String> equal;
    private final Trie prefixes;
    private final Trie suffixes;
    /** Whether a present but empty field (null) matches: some needle is the empty string. */
    private final boolean empty;

    private LiteralSet(Set<String> equal, Trie prefixes, Trie suffixes, boolean empty) {
        this.equal = equal;
        this.prefixes = prefixes;
        this.suffixes = suffixes;
        this.empty = empty;
    }

    /** The set of these case-insensitive literals (no {@link StringPredicate.Mode#CONTAINS}). */
    static LiteralSet of(Collection<StringPredicate> literals) {
        Set<String> equal = new HashSet<>();
        List<String> prefixes = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        boolean empty = false;
        for (StringPredicate p : literals) {
            if (p.cased() || p.mode() == StringPredicate.Mode.CONTAINS) {
                throw new IllegalArgumentException("not a case-insensitive anchored literal: " + p);
            }
            empty |= p.needle().isEmpty();
            switch (p.mode()) {
                case EQUALS -> equal.add(p.needle());
                case PREFIX -> prefixes.add(p.needle());
                case SUFFIX -> suffixes.add(p.needle());
                default -> throw new IllegalStateException(p.mode().name());
            }
        }
        return new LiteralSet(
                Set.copyOf(equal),
                prefixes.isEmpty() ? null : Trie.of(prefixes, false),
                suffixes.isEmpty() ? null : Trie.of(suffixes, true),
                empty);
    }

    /** Whether the lower-cased value (null for a present but empty field) matches some literal. */
    boolean matches(String folded) {
        if (folded == null) {
            return empty;
        }
        return equal.contains(folded)
                || prefixes != null && prefixes.holdsAffixOf(folded)
                || suffixes != null && suffixes.holdsAffixOf(folded);
    }

    /** Words as a trie of characters, read from their first or (reversed) their last character. */
    private static final class Trie {
        private final char[][] keys;
        private final int[][] next;
        private final boolean[] word;
        private final boolean reversed;

        private Trie(char[][] keys, int[][] next, boolean[] word, boolean reversed) {
            this.keys = keys;
            this.next = next;
            this.word = word;
            this.reversed = reversed;
        }

        static Trie of(List<String> words, boolean reversed) {
            List<TreeMap<Character, Integer>> children = new ArrayList<>();
            List<Boolean> ends = new ArrayList<>();
            children.add(new TreeMap<>());
            ends.add(false);
            for (String w : words) {
                int node = 0;
                for (int k = 0; k < w.length(); k++) {
                    char c = w.charAt(reversed ? w.length() - 1 - k : k);
                    Integer child = children.get(node).get(c);
                    if (child == null) {
                        child = children.size();
                        children.get(node).put(c, child);
                        children.add(new TreeMap<>());
                        ends.add(false);
                    }
                    node = child;
                }
                ends.set(node, true);
            }
            int n = children.size();
            char[][] keys = new char[n][];
            int[][] next = new int[n][];
            boolean[] word = new boolean[n];
            for (int s = 0; s < n; s++) {
                TreeMap<Character, Integer> m = children.get(s);
                keys[s] = new char[m.size()];
                next[s] = new int[m.size()];
                int i = 0;
                for (var e : m.entrySet()) {
                    keys[s][i] = e.getKey();
                    next[s][i++] = e.getValue();
                }
                word[s] = ends.get(s);
            }
            return new Trie(keys, next, word, reversed);
        }

        /** Whether some word begins {@code s} (ends it, when reversed). */
        boolean holdsAffixOf(String s) {
            int node = 0;
            if (word[0]) {
                return true;
            }
            int n = s.length();
            for (int k = 0; k < n; k++) {
                int at = Arrays.binarySearch(keys[node], s.charAt(reversed ? n - 1 - k : k));
                if (at < 0) {
                    return false;
                }
                node = next[node][at];
                if (word[node]) {
                    return true;
                }
            }
            return false;
        }
    }
}
