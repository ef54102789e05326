package io.vigil.sigma.index;

import io.vigil.core.event.EncodedString;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the literals a value must begin with, end with or equal (Sigma's {@code startswith}, {@code
 * endswith} and plain values, about half of SigmaHQ's literals): a walk down a trie of the prefixes
 * from the value's first character, and one of the reversed suffixes from its last. A walk stops at the
 * first character no literal continues with, so it reads a few characters of a value, where a substring
 * search reads all of them; and a literal that occurs elsewhere in the value no longer lets its rule
 * through.
 *
 * <p>Values are compared lower-cased, as {@link LiteralAutomaton} compares them (see {@link
 * RequiredLiterals} for why that is sound). Each literal carries targets (ints); a scan sets the bit of
 * every target of every literal found. Immutable; the marks belong to the caller.
 */
final class AnchoredLiterals {
    /** A trie of literals with the targets reported at its nodes. */
    private static final class Trie {
        final CharTrie shape;
        /** Targets of literals ending at a node, reported whenever the walk reaches it. */
        final int[][] reached;
        /** Targets of whole-value literals ending at a node, reported when the value ends there too. */
        final int[][] whole;

        Trie(List<String> texts, List<int[]> reachedTargets, List<int[]> wholeTargets) {
            shape = new CharTrie(texts);
            List<List<Integer>> reach = new ArrayList<>();
            List<List<Integer>> all = new ArrayList<>();
            for (int s = 0; s < shape.size(); s++) {
                reach.add(new ArrayList<>());
                all.add(new ArrayList<>());
            }
            for (int p = 0; p < texts.size(); p++) {
                for (int t : reachedTargets.get(p)) {
                    reach.get(shape.ends[p]).add(t);
                }
                for (int t : wholeTargets.get(p)) {
                    all.get(shape.ends[p]).add(t);
                }
            }
            reached = new int[shape.size()][];
            whole = new int[shape.size()][];
            for (int s = 0; s < shape.size(); s++) {
                reached[s] = targets(reach.get(s));
                whole[s] = targets(all.get(s));
            }
        }

        private static int[] targets(List<Integer> list) {
            return list.isEmpty()
                    ? null
                    : list.stream().distinct().mapToInt(Integer::intValue).toArray();
        }

        /** The child of {@code s} by {@code c}, or -1. */
        int child(int s, char c) {
            return shape.child(s, c);
        }

        /** Reports a node the walk reached; {@code atEnd} when the value has no character left. */
        void report(int s, boolean atEnd, long[] marks) {
            mark(reached[s], marks);
            if (atEnd) {
                mark(whole[s], marks);
            }
        }

        void markAll(long[] marks) {
            for (int s = 0; s < reached.length; s++) {
                mark(reached[s], marks);
                mark(whole[s], marks);
            }
        }

        private static void mark(int[] targets, long[] marks) {
            if (targets != null) {
                for (int t : targets) {
                    marks[t >>> 6] |= 1L << t;
                }
            }
        }
    }

    /** Where a literal must sit in the value. */
    enum Anchor {
        START,
        END,
        WHOLE
    }

    private final Trie prefixes;
    private final Trie suffixes;

    /**
     * Builds the search for lower-cased, non-empty literals; {@code targets.get(i)} are the targets of
     * {@code texts.get(i)} placed as {@code anchors.get(i)}.
     */
    AnchoredLiterals(List<String> texts, List<Anchor> anchors, List<int[]> targets) {
        List<String> heads = new ArrayList<>();
        List<int[]> headReached = new ArrayList<>();
        List<int[]> headWhole = new ArrayList<>();
        List<String> tails = new ArrayList<>();
        List<int[]> tailReached = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text.isEmpty()) {
                throw new IllegalArgumentException("empty literal");
            }
            switch (anchors.get(i)) {
                case START -> {
                    heads.add(text);
                    headReached.add(targets.get(i));
                    headWhole.add(new int[0]);
                }
                case WHOLE -> {
                    heads.add(text);
                    headReached.add(new int[0]);
                    headWhole.add(targets.get(i));
                }
                case END -> {
                    tails.add(reversed(text));
                    tailReached.add(targets.get(i));
                }
            }
        }
        prefixes = heads.isEmpty() ? null : new Trie(heads, headReached, headWhole);
        List<int[]> none = new ArrayList<>();
        for (int i = 0; i < tails.size(); i++) {
            none.add(new int[0]);
        }
        suffixes = tails.isEmpty() ? null : new Trie(tails, tailReached, none);
    }

    /**
     * The characters of {@code text} in reverse order, surrogate halves included: the suffix walk reads
     * chars from the end ({@link StringBuilder#reverse} would keep each pair in order).
     */
    private static String reversed(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = text.charAt(out.length - 1 - i);
        }
        return new String(out);
    }

    /** Marks the targets of the literals the lower-cased {@code text} begins with, ends with or equals. */
    void scanFolded(String text, long[] marks) {
        walk(text, false, marks);
    }

    /**
     * {@link #scanFolded} over {@code text.toLowerCase(Locale.ROOT)} without making it. Returns false,
     * having marked only literals that are found, at a character beyond Latin-1 (whose lower case may
     * depend on its neighbours or be longer): the caller then scans the lower-cased text.
     */
    boolean scanFolding(String text, long[] marks) {
        return walk(text, true, marks);
    }

    /** Both walks over {@code text}, lower-casing each character on the way when {@code fold}. */
    private boolean walk(String text, boolean fold, long[] marks) {
        if (prefixes != null) {
            int s = 0;
            for (int i = 0, n = text.length(); i < n; i++) {
                int c = fold ? LiteralAutomaton.foldLatin1(text.charAt(i)) : text.charAt(i);
                if (c < 0) {
                    return false;
                }
                s = prefixes.child(s, (char) c);
                if (s < 0) {
                    break;
                }
                prefixes.report(s, i == n - 1, marks);
            }
        }
        if (suffixes != null) {
            int s = 0;
            for (int i = text.length() - 1; i >= 0; i--) {
                int c = fold ? LiteralAutomaton.foldLatin1(text.charAt(i)) : text.charAt(i);
                if (c < 0) {
                    return false;
                }
                s = suffixes.child(s, (char) c);
                if (s < 0) {
                    break;
                }
                suffixes.report(s, false, marks);
            }
        }
        return true;
    }

    /**
     * {@link #scanFolded} over the string a JSON-encoded value decodes to, read from its bytes. Returns
     * false, like {@link #scanFolding}, when it cannot decide from the bytes: a character beyond Latin-1,
     * or, for the suffixes (read backwards), any character beyond ASCII or a long escape.
     */
    boolean scanEncoded(EncodedString value, long[] marks) {
        byte[] b = value.bytes();
        int from = value.from();
        int end = value.to();
        if (prefixes != null) {
            int s = 0;
            int i = from;
            while (i < end) {
                long d = LiteralAutomaton.foldedAt(b, i);
                if (d < 0) {
                    return false;
                }
                int c = (int) d;
                i = (int) (d >>> 32);
                s = prefixes.child(s, (char) c);
                if (s < 0) {
                    break;
                }
                prefixes.report(s, i == end, marks);
            }
        }
        if (suffixes != null) {
            if (!value.ascii() || !value.shortEscapesOnly()) {
                return false;
            }
            int s = 0;
            int p = end - 1;
            while (p >= from) {
                int c = b[p];
                if (c == '\\') {
                    // the last byte of a character is a backslash only in the escape of one
                    p -= 2;
                } else if (escaped(b, from, p)) {
                    c = EncodedString.unescape(c);
                    p -= 2;
                } else {
                    c = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
                    p--;
                }
                s = suffixes.child(s, (char) c);
                if (s < 0) {
                    break;
                }
                suffixes.report(s, false, marks);
            }
        }
        return true;
    }

    /** Whether the byte at {@code p} ends a short escape: an odd run of backslashes precedes it. */
    private static boolean escaped(byte[] b, int from, int p) {
        int run = 0;
        while (p - 1 - run >= from && b[p - 1 - run] == '\\') {
            run++;
        }
        return (run & 1) == 1;
    }

    /** Marks every literal's targets, for values the scan cannot reason about. */
    void markAll(long[] marks) {
        if (prefixes != null) {
            prefixes.markAll(marks);
        }
        if (suffixes != null) {
            suffixes.markAll(marks);
        }
    }
}
