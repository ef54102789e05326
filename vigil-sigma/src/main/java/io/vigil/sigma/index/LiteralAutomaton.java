package io.vigil.sigma.index;

import io.vigil.core.event.EncodedString;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An Aho-Corasick automaton over chars: one pass over a text finds every pattern that occurs in it,
 * however many patterns there are. The rule index runs one per event field over the literals that rules
 * require in that field, instead of testing each rule's literals in turn.
 *
 * <p>Each pattern carries a list of targets (ints); a scan sets the bit of every target of every pattern
 * found. Immutable after construction; the per-scan state (marks and visit stamps) belongs to the caller,
 * so one automaton is shared by all threads.
 */
final class LiteralAutomaton {
    private static final int ROOT = 0;

    private final CharTrie trie;
    private final int[] fail;
    /** The nearest state on the failure chain (itself included) that has targets, or -1. */
    private final int[] report;
    /** The next state after {@code s} on the failure chain that has targets, or -1. */
    private final int[] nextReport;

    private final int[][] targets;
    private final boolean scalarText;
    private final int minLength;

    /**
     * Largest transition table (states × character classes) built for the fast scans. The keyword
     * automaton, which scans every field of every event, has a few hundred states: its table stays in
     * cache, while following failure links cost a third of a SigmaHQ hunt. Budgets of 2^16, 2^18 and
     * 2^20 entries measured 7.7–8.1, 7.3–7.7 and 7.6–7.7 µs of matching per OTRF event
     * (bench/HotPathBench.java): beyond 2^18 the tables stop fitting in cache; the largest automata
     * keep the failure links.
     */
    static final int TABLE_BUDGET = 1 << 18;

    /** Character class of each Latin-1 character: 0 for characters no pattern holds. */
    private final byte[] classOf;

    private final int classes;
    /**
     * Transitions by {@code state × classes + class}: the next state times {@link #classes}, shifted
     * left by one, with the low bit set when the next state reports targets. Null when over budget.
     */
    private final int[] table;

    /**
     * Pairs of lower-cased ASCII characters that begin some pattern, as bits {@code first << 7 | second};
     * null when a pattern is a single character. In the root state, a position whose pair is not here
     * cannot start a match and is passed over without a transition: a text mostly sits in the root
     * state, and the transitions form a chain of dependent loads, while these tests do not.
     */
    private final long[] startPairs;

    /** The skipping search over encoded ASCII values, when all patterns are long; else null. */
    private final WindowScan window;

    /** The same over decoded strings; else null. */
    private final WindowScan textWindow;

    private static final byte[] LOWER = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            LOWER[c] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
    }

    /**
     * Every character the lower-cased text of a Long, Double or Boolean value can contain: digits, sign,
     * point, exponent, {@code infinity}, {@code nan}, {@code true}, {@code false}.
     */
    private static final String SCALAR_CHARS = "0123456789.-+einftyaruls";

    /**
     * Builds the automaton; {@code patternTargets.get(i)} are the targets of {@code patterns.get(i)}.
     * Patterns must not be empty (an empty pattern occurs in every text: the caller decides that case).
     */
    LiteralAutomaton(List<String> patterns, List<int[]> patternTargets) {
        this(patterns, patternTargets, TABLE_BUDGET);
    }

    /** As above, with a transition table only when {@code states × classes <= tableBudget}. */
    LiteralAutomaton(List<String> patterns, List<int[]> patternTargets, int tableBudget) {
        trie = new CharTrie(patterns);
        int n = trie.size();
        List<List<Integer>> ends = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            ends.add(new ArrayList<>());
        }
        for (int p = 0; p < patterns.size(); p++) {
            for (int t : patternTargets.get(p)) {
                ends.get(trie.ends[p]).add(t);
            }
        }
        boolean scalar = false;
        for (String text : patterns) {
            boolean all = true;
            for (int i = 0; i < text.length() && all; i++) {
                all = SCALAR_CHARS.indexOf(text.charAt(i)) >= 0;
            }
            scalar |= all;
        }
        scalarText = scalar;
        minLength = patterns.stream().mapToInt(String::length).min().orElse(0);
        targets = new int[n][];
        for (int s = 0; s < n; s++) {
            List<Integer> t = ends.get(s);
            targets[s] = t.isEmpty()
                    ? null
                    : t.stream().distinct().mapToInt(Integer::intValue).toArray();
        }
        fail = new int[n];
        report = new int[n];
        nextReport = new int[n];
        report[ROOT] = -1;
        nextReport[ROOT] = -1;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int[] childStart = trie.childStart;
        int[] childCount = trie.childCount;
        char[] childKeys = trie.childKeys;
        int[] childTargets = trie.childTargets;
        for (int k = childStart[ROOT]; k < childStart[ROOT] + childCount[ROOT]; k++) {
            int c = childTargets[k];
            fail[c] = ROOT;
            nextReport[c] = -1;
            report[c] = targets[c] != null ? c : -1;
            queue.add(c);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int k = childStart[s]; k < childStart[s] + childCount[s]; k++) {
                char ch = childKeys[k];
                int c = childTargets[k];
                fail[c] = step(fail[s], ch);
                nextReport[c] = report[fail[c]];
                report[c] = targets[c] != null ? c : nextReport[c];
                queue.add(c);
            }
        }
        classOf = new byte[256];
        int k = 1;
        for (char ch : childKeys) {
            if (ch < 256 && classOf[ch] == 0 && k < 256) {
                classOf[ch] = (byte) k++;
            }
        }
        classes = k;
        table = k < 256 && (long) n * k <= tableBudget ? table(n) : null;
        startPairs = startPairs(patterns);
        window = WindowScan.of(patterns, patternTargets);
        textWindow = WindowScan.ofText(patterns, patternTargets);
    }

    private static long[] startPairs(List<String> patterns) {
        long[] pairs = new long[128 * 128 / 64];
        for (String p : patterns) {
            if (p.length() < 2) {
                return null;
            }
            char a = p.charAt(0);
            char b = p.charAt(1);
            // a pair beyond ASCII is never passed over: the skip stops at every non-ASCII character
            if (a < 128 && b < 128) {
                int pair = a << 7 | b;
                pairs[pair >>> 6] |= 1L << pair;
            }
        }
        return pairs;
    }

    private int[] table(int n) {
        char[] representative = new char[classes];
        for (int ch = 0; ch < 256; ch++) {
            representative[classOf[ch] & 0xFF] = (char) ch;
        }
        int[] t = new int[n * classes];
        for (int s = 0; s < n; s++) {
            // class 0 holds no pattern character: from any state it leads back to the root (entry 0)
            for (int c = 1; c < classes; c++) {
                int next = step(s, representative[c]);
                t[s * classes + c] = next * classes << 1 | (report[next] >= 0 ? 1 : 0);
            }
        }
        return t;
    }

    /**
     * Whether some pattern could occur in the lower-cased text of a number or boolean; when not, such
     * values need no scan (and no text).
     */
    boolean mayOccurInScalarText() {
        return scalarText;
    }

    /**
     * The length of the shortest pattern: a value whose lower-cased text is shorter holds no pattern.
     * Most fields an event has are short (numbers, flags, ids), and every field is looked at for the
     * keywords; ruling them out by length costs less than entering a scan.
     */
    int minLength() {
        return minLength;
    }

    /** Number of states, the size of the stamp range a scan needs. */
    int states() {
        return fail.length;
    }

    private int child(int s, char c) {
        return trie.child(s, c);
    }

    private int step(int s, char c) {
        while (true) {
            int t = child(s, c);
            if (t >= 0) {
                return t;
            }
            if (s == ROOT) {
                return ROOT;
            }
            s = fail[s];
        }
    }

    /**
     * Sets in {@code marks} the bit of every target of every pattern occurring in {@code text}.
     * {@code stamps[stampBase + state]} records that a state's targets were already set during scan
     * {@code gen}, so a pattern found many times (or in several values of the field) costs once.
     */
    void scan(String text, long[] marks, int[] stamps, int stampBase, int gen) {
        int s = ROOT;
        for (int i = 0, n = text.length(); i < n; i++) {
            s = step(s, text.charAt(i));
            reportAt(s, marks, stamps, stampBase, gen);
        }
    }

    /**
     * {@link #scan} over {@code text.toLowerCase(Locale.ROOT)} without making that string, which cost
     * a tenth of a SigmaHQ hunt when every field was lower-cased for the keyword scan. Characters are
     * folded one by one, which is what {@code toLowerCase} does for Latin-1 text. At the first
     * character beyond Latin-1 it returns false: the marks set until then are of patterns that do occur
     * in the lower-cased text (its prefix up to there is the same), and the caller scans the
     * lower-cased text for the rest.
     */
    boolean scanFolding(String text, long[] marks, int[] stamps, int stampBase, int gen) {
        if (textWindow != null && textWindow.coversText(text)) {
            textWindow.scanText(text, marks);
            return true;
        }
        if (table != null) {
            return scanFoldingByTable(text, marks, stamps, stampBase, gen);
        }
        long[] pairs = startPairs;
        int s = ROOT;
        for (int i = 0, n = text.length(); i < n; i++) {
            if (s == ROOT && pairs != null) {
                i = skip(text, i, n, pairs);
            }
            int folded = foldLatin1(text.charAt(i));
            if (folded < 0) {
                return false;
            }
            char c = (char) folded;
            s = step(s, c);
            reportAt(s, marks, stamps, stampBase, gen);
        }
        return true;
    }

    /**
     * {@link #scanFolding} over the string a JSON-encoded value decodes to, read from its bytes without
     * decoding it: escapes and two-byte UTF-8 sequences are decoded character by character on the way.
     * Returns false, like {@link #scanFolding}, at the first character beyond Latin-1; the caller then
     * scans the decoded, lower-cased string.
     */
    boolean scanEncoded(EncodedString text, long[] marks, int[] stamps, int stampBase, int gen) {
        if (window != null && window.covers(text)) {
            window.scan(text, marks);
            return true;
        }
        if (table != null) {
            return scanEncodedByTable(text, marks, stamps, stampBase, gen);
        }
        long[] pairs = startPairs;
        byte[] b = text.bytes();
        int s = ROOT;
        int i = text.from();
        int end = text.to();
        while (i < end) {
            if (s == ROOT && pairs != null) {
                i = skipEncoded(b, i, end, pairs);
            }
            long d = foldedAt(b, i);
            if (d < 0) {
                return false;
            }
            int c = (int) d;
            i = (int) (d >>> 32);
            s = step(s, (char) c);
            reportAt(s, marks, stamps, stampBase, gen);
        }
        return true;
    }

    private boolean scanFoldingByTable(String text, long[] marks, int[] stamps, int stampBase, int gen) {
        int[] t = table;
        byte[] cls = classOf;
        long[] pairs = startPairs;
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            if (s == 0 && pairs != null) {
                i = skip(text, i, n, pairs);
            }
            int folded = foldLatin1(text.charAt(i));
            if (folded < 0) {
                return false;
            }
            char c = (char) folded;
            int e = t[s + (cls[c] & 0xFF)];
            s = e >>> 1;
            if ((e & 1) != 0) {
                reportAt(s / classes, marks, stamps, stampBase, gen);
            }
        }
        return true;
    }

    private boolean scanEncodedByTable(EncodedString text, long[] marks, int[] stamps, int stampBase, int gen) {
        int[] t = table;
        byte[] cls = classOf;
        long[] pairs = startPairs;
        byte[] b = text.bytes();
        int s = 0;
        int i = text.from();
        int end = text.to();
        while (i < end) {
            if (s == 0 && pairs != null) {
                i = skipEncoded(b, i, end, pairs);
            }
            long d = foldedAt(b, i);
            if (d < 0) {
                return false;
            }
            int c = (int) d;
            i = (int) (d >>> 32);
            int e = t[s + (cls[c] & 0xFF)];
            s = e >>> 1;
            if ((e & 1) != 0) {
                reportAt(s / classes, marks, stamps, stampBase, gen);
            }
        }
        return true;
    }

    /**
     * From the root state at {@code i}: the first position at or after it whose lower-cased pair of
     * characters may start a pattern (see {@link #startPairs}), or the last character. Stops at
     * characters beyond ASCII.
     */
    private static int skip(String text, int i, int n, long[] pairs) {
        while (i + 1 < n) {
            char a = text.charAt(i);
            char b = text.charAt(i + 1);
            if (a >= 128 || b >= 128) {
                break;
            }
            int pair = LOWER[a] << 7 | LOWER[b];
            if ((pairs[pair >>> 6] & 1L << pair) != 0) {
                break;
            }
            i++;
        }
        return i;
    }

    /** {@link #skip} over encoded bytes; it also stops before an escape, which may stand for anything. */
    private static int skipEncoded(byte[] b, int i, int end, long[] pairs) {
        while (i + 1 < end) {
            int x = b[i];
            int y = b[i + 1];
            if (x < 0 || y < 0 || x == '\\' || y == '\\') {
                break;
            }
            int pair = LOWER[x] << 7 | LOWER[y];
            if ((pairs[pair >>> 6] & 1L << pair) != 0) {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * The lower-cased character at {@code i} of JSON-encoded bytes and the index after it, as {@code
     * next << 32 | character}; -1 beyond Latin-1 (see {@link #foldedCharacter}). Every scan of encoded
     * values reads its characters through this.
     */
    static long foldedAt(byte[] b, int i) {
        int c = b[i];
        if (c >= 0 && c != '\\') {
            return (long) (i + 1) << 32 | LOWER[c];
        }
        return foldedCharacter(b, i);
    }

    /**
     * The lower case of a Latin-1 character, which is one Latin-1 character, as {@link
     * String#toLowerCase} gives it; -1 beyond Latin-1, where lower case may depend on the neighbours
     * or be longer.
     */
    static int foldLatin1(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c + ('a' - 'A');
        }
        if (c < 0xC0) {
            return c;
        }
        return c > 0xFF ? -1 : Character.toLowerCase(c);
    }

    /**
     * The lower-cased character of the escape or UTF-8 sequence at {@code i} and the index after it, as
     * {@code next << 32 | character}; -1 when the character is beyond Latin-1 (three- and four-byte
     * sequences, escapes above U+00FF), where folding is not character by character.
     */
    static long foldedCharacter(byte[] b, int i) {
        int c = b[i];
        int next;
        if (c == '\\') {
            int e = b[i + 1];
            if (e == 'u') {
                c = EncodedString.hex4(b, i + 2);
                next = i + 6;
            } else {
                c = EncodedString.unescape(e);
                next = i + 2;
            }
        } else if ((c & 0xE0) == 0xC0) {
            c = (c & 0x1F) << 6 | (b[i + 1] & 0x3F);
            next = i + 2;
        } else {
            return -1;
        }
        return c > 0xFF ? -1 : (long) next << 32 | Character.toLowerCase(c);
    }

    private void reportAt(int s, long[] marks, int[] stamps, int stampBase, int gen) {
        for (int r = report[s]; r >= 0; r = nextReport[r]) {
            if (stamps[stampBase + r] == gen) {
                // Every state after it on the chain was reported when it was.
                break;
            }
            stamps[stampBase + r] = gen;
            for (int t : targets[r]) {
                marks[t >>> 6] |= 1L << t;
            }
        }
    }

    /** Sets the bit of every target of every pattern, for values the scan cannot reason about. */
    void markAll(long[] marks) {
        for (int[] t : targets) {
            if (t != null) {
                for (int x : t) {
                    marks[x >>> 6] |= 1L << x;
                }
            }
        }
    }
}
