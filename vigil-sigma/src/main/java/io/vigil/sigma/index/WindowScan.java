package io.vigil.sigma.index;

import io.vigil.core.event.EncodedString;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a set of long literals in JSON-encoded ASCII text by looking at two bytes per window and
 * shifting the window by up to its length when they occur in no literal (Wu and Manber's multi-pattern
 * search). The keyword literals of SigmaHQ (Mimikatz commands and the like, nine characters and more)
 * must be looked for in every field of every event; a transition per character cost a fifth of a hunt,
 * while this reads a small fraction of the bytes.
 *
 * <p>It searches the encoded bytes of a value directly. That is exact only for values of ASCII
 * characters whose escapes are the short ones ({@link EncodedString#shortEscapesOnly}): there a
 * literal occurs in the lower-cased decoded text only if its encoded form occurs in the lower-cased
 * bytes (encoding is character by character and ASCII lower-casing commutes with it; a match found
 * across an escape is a false alarm, which only costs an evaluation). Literals holding characters such
 * values cannot contain (non-ASCII, controls without a short escape) are left out. Immutable.
 *
 * <p>It also serves values with other characters and short escapes ({@link #covers}) when no literal
 * was left out: their bytes beyond ASCII never equal a literal's, and lower-casing them never gives an
 * ASCII character, except for U+0130 and U+212A (checked for).
 */
final class WindowScan {
    /** Below this length shifts are too short to beat a transition per character. */
    static final int MIN_LENGTH = 6;

    private static final int MAX_LITERALS = 512;
    private static final byte[] LOWER = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            LOWER[c] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
    }

    private final byte[][] literals;
    private final int[][] targets;
    /**
     * Per literal, where its window begins in it: chosen so that the window ends with a pair that is
     * rare in log text ({@link #commonness}), because every window of the text ending with some
     * literal's end pair must be looked at, and a window taken from the start of each literal ended with
     * pairs as common as "ri" and "ge" (privilege::).
     */
    private final int[] offsets;

    private final int window;
    /**
     * How far the window may move when its last two bytes are the pair {@code a << 7 | b}, by raw
     * bytes: every casing of a literal's pair has the literal's entry.
     */
    private final byte[] shift;
    /**
     * Per raw pair ending a window at shift 0, the literals whose window-end pair it folds to: an
     * open-addressing table of pairs (-1 for free) and their lists, sized by the pairs there are rather
     * than by all pairs, since the automata of a plan each carry one of these.
     */
    private final int[] endPairs;

    private final int[][] endLiterals;
    /**
     * The pairs literals begin with, as bits: a window whose end pair is some literal's must also begin
     * like one before its literals are compared (the end pairs are common English pairs).
     */
    private final long[] startPairs = new long[128 * 128 / 64];

    /** Whether every literal is searched: none holds a character beyond ASCII. */
    private final boolean complete;

    private WindowScan(List<byte[]> literals, List<int[]> targets, int window, boolean complete) {
        this.complete = complete;
        this.literals = literals.toArray(new byte[0][]);
        this.targets = targets.toArray(new int[0][]);
        this.window = window;
        this.offsets = new int[this.literals.length];
        this.shift = new byte[128 * 128];
        java.util.Arrays.fill(shift, (byte) (window - 1));
        java.util.Map<Integer, List<Integer>> ends = new java.util.TreeMap<>();
        for (int l = 0; l < this.literals.length; l++) {
            byte[] lit = this.literals[l];
            int o = bestOffset(lit, window);
            offsets[l] = o;
            for (int q = 1; q < window; q++) {
                int move = window - 1 - q;
                for (int pair : casings(lit[o + q - 1], lit[o + q])) {
                    shift[pair] = (byte) Math.min(shift[pair], move);
                }
            }
            for (int first : casings(lit[o], lit[o + 1])) {
                startPairs[first >>> 6] |= 1L << first;
            }
            for (int last : casings(lit[o + window - 2], lit[o + window - 1])) {
                ends.computeIfAbsent(last, k -> new ArrayList<>()).add(l);
            }
        }
        int size = Integer.highestOneBit(Math.max(ends.size(), 1) * 4 - 1) << 1;
        endPairs = new int[size];
        endLiterals = new int[size][];
        java.util.Arrays.fill(endPairs, -1);
        for (java.util.Map.Entry<Integer, List<Integer>> e : ends.entrySet()) {
            int at = slot(e.getKey(), size - 1);
            while (endPairs[at] >= 0) {
                at = (at + 1) & (size - 1);
            }
            endPairs[at] = e.getKey();
            endLiterals[at] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * The start of the window in {@code lit} whose pairs are least common, those near its end weighing
     * most (the end pair decides whether a window is looked at, the others how far it moves).
     */
    private static int bestOffset(byte[] lit, int window) {
        int best = 0;
        double bestCost = Double.MAX_VALUE;
        for (int o = 0; o + window <= lit.length; o++) {
            double cost = 4 * commonness(lit[o + window - 2], lit[o + window - 1]);
            for (int q = 1; q < window - 1; q++) {
                cost += commonness(lit[o + q - 1], lit[o + q]) * q / window;
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = o;
            }
        }
        return best;
    }

    /**
     * The most frequent letter pairs of English text, which log messages, paths and command lines are
     * full of.
     */
    private static final String COMMON_PAIRS = "th he in er an re on at en nd ti es or te of ed is it al ar st to nt"
            + " ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ex ss ee oo";

    /** {@link #COMMON_PAIRS} by pair {@code x << 7 | y}. */
    private static final boolean[] COMMON = new boolean[128 * 128];

    static {
        // two letters and a space each
        for (int i = 0; i + 1 < COMMON_PAIRS.length(); i += 3) {
            COMMON[COMMON_PAIRS.charAt(i) << 7 | COMMON_PAIRS.charAt(i + 1)] = true;
        }
    }

    /**
     * A rough, fixed estimate of how often the lower-cased pair {@code (x, y)} occurs in log text (1 for
     * the commonest): letters, digits, blanks and path separators are everywhere, other punctuation is
     * rare. Only the order matters: it steers {@link #bestOffset}, never what is found.
     */
    static double commonness(byte x, byte y) {
        boolean letterX = x >= 'a' && x <= 'z';
        boolean letterY = y >= 'a' && y <= 'z';
        if (letterX && letterY) {
            return COMMON[x << 7 | y] ? 1.0 : 0.5;
        }
        boolean wordX = letterX || x >= '0' && x <= '9';
        boolean wordY = letterY || y >= '0' && y <= '9';
        if (wordX && wordY) {
            return 0.6; // numbers, hex, identifiers
        }
        boolean blankX = x == ' ' || x == '\\' || x == '/' || x == '-' || x == '_' || x == '.';
        boolean blankY = y == ' ' || y == '\\' || y == '/' || y == '-' || y == '_' || y == '.';
        if (wordX && blankY || blankX && wordY || x == '\\' && y == '\\') {
            return 0.4; // word edges, paths (an encoded backslash is two), extensions
        }
        return 0.1;
    }

    private static int slot(int pair, int mask) {
        return (pair * 0x9E3779B1 >>> 16) & mask;
    }

    /** The literals whose window ends with {@code pair}; empty when none does. */
    private int[] candidates(int pair) {
        int mask = endPairs.length - 1;
        for (int at = slot(pair, mask); ; at = (at + 1) & mask) {
            int p = endPairs[at];
            if (p == pair) {
                return endLiterals[at];
            }
            if (p < 0) {
                return NONE;
            }
        }
    }

    private static final int[] NONE = new int[0];

    /**
     * The raw pairs {@code a << 7 | b} that lower-case to the pair of lower-case bytes {@code (x, y)}.
     * The tables are indexed by raw bytes so that folding stays out of the chain of dependent loads
     * (byte, shift, next position) that bounds the speed of the scan.
     */
    private static int[] casings(byte x, byte y) {
        int[] xs = variants(x);
        int[] ys = variants(y);
        int[] pairs = new int[xs.length * ys.length];
        int k = 0;
        for (int a : xs) {
            for (int b : ys) {
                pairs[k++] = a << 7 | b;
            }
        }
        return pairs;
    }

    private static int[] variants(byte c) {
        return c >= 'a' && c <= 'z' ? new int[] {c, c - ('a' - 'A')} : new int[] {c};
    }

    /**
     * The search for these lower-cased literals (with their targets), or null when it would not pay:
     * a literal shorter than {@link #MIN_LENGTH} once encoded, or too many literals.
     */
    static WindowScan of(List<String> patterns, List<int[]> patternTargets) {
        return of(patterns, patternTargets, true);
    }

    /**
     * As {@link #of}, for decoded text ({@link #scanText}): the literals as they are, without JSON
     * escapes.
     */
    static WindowScan ofText(List<String> patterns, List<int[]> patternTargets) {
        return of(patterns, patternTargets, false);
    }

    private static WindowScan of(List<String> patterns, List<int[]> patternTargets, boolean json) {
        if (patterns.size() > MAX_LITERALS) {
            return null;
        }
        boolean complete = true;
        List<byte[]> encoded = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        int min = Integer.MAX_VALUE;
        for (String p : patterns) {
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) >= 'A' && p.charAt(i) <= 'Z') {
                    return null; // literals are lower-cased; one that is not could not be found by folding
                }
            }
        }
        for (int p = 0; p < patterns.size(); p++) {
            byte[] e = json ? encode(patterns.get(p)) : ascii(patterns.get(p));
            if (e == null) {
                complete = false; // cannot occur in ASCII values, which are all this search then serves
                continue;
            }
            encoded.add(e);
            targets.add(patternTargets.get(p));
            min = Math.min(min, e.length);
        }
        if (encoded.isEmpty() || min < MIN_LENGTH) {
            return null;
        }
        return new WindowScan(encoded, targets, Math.min(min, 64), complete);
    }

    /** The literal as its lower-case JSON encoding with short escapes, or null when that has none. */
    private static byte[] encode(String literal) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c >= 0x80) {
                        return null;
                    }
                    out.append(c);
                }
            }
        }
        byte[] bytes = new byte[out.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) out.charAt(i);
        }
        return bytes;
    }

    /** The literal's characters as bytes, or null when one is beyond ASCII. */
    private static byte[] ascii(String literal) {
        byte[] bytes = new byte[literal.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = literal.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }

    /**
     * Whether {@link #scanText} (of a search made by {@link #ofText}) is exact for this decoded text:
     * every literal is searched, and the text has no character that lower-cases to ASCII from beyond it.
     */
    boolean coversText(String text) {
        return complete && text.indexOf('\u0130') < 0 && text.indexOf('\u212a') < 0;
    }

    /**
     * Sets in {@code marks} the targets of every literal occurring in {@code text} lower-cased, which
     * this search (made by {@link #ofText}) must {@link #coversText cover}. Characters beyond ASCII are
     * read as their low seven bits, as in {@link #scanAny}.
     */
    void scanText(String text, long[] marks) {
        int end = text.length();
        byte[] moves = shift;
        int pos = window - 1;
        while (pos < end) {
            int pair = (text.charAt(pos - 1) & 0x7F) << 7 | text.charAt(pos) & 0x7F;
            int move = moves[pair];
            if (move == 0) {
                int start = pos - window + 1;
                int first = (text.charAt(start) & 0x7F) << 7 | text.charAt(start + 1) & 0x7F;
                if ((startPairs[first >>> 6] & 1L << first) != 0) {
                    verifyText(text, start, candidates(pair), marks);
                }
                move = 1;
            }
            pos += move;
        }
    }

    private void verifyText(String text, int windowStart, int[] ids, long[] marks) {
        for (int id : ids) {
            byte[] lit = literals[id];
            int start = windowStart - offsets[id];
            if (start < 0 || start + lit.length > text.length()) {
                continue;
            }
            int k = 0;
            while (k < lit.length) {
                char c = text.charAt(start + k);
                if (c >= 0x80 || LOWER[c] != lit[k]) {
                    break;
                }
                k++;
            }
            if (k == lit.length) {
                for (int t : targets[id]) {
                    marks[t >>> 6] |= 1L << t;
                }
            }
        }
    }

    /** Whether {@link #scan} is exact for this value (see the class comment). */
    boolean covers(EncodedString value) {
        if (!value.shortEscapesOnly()) {
            return false;
        }
        return value.ascii() || complete && !foldsToAscii(value.bytes(), value.from(), value.to());
    }

    /** Whether the UTF-8 bytes hold U+0130 (C4 B0) or U+212A (E2 84 AA). */
    private static boolean foldsToAscii(byte[] b, int from, int end) {
        for (int i = from; i < end - 1; i++) {
            if (b[i] == (byte) 0xC4 && b[i + 1] == (byte) 0xB0
                    || b[i] == (byte) 0xE2 && b[i + 1] == (byte) 0x84 && i + 2 < end && b[i + 2] == (byte) 0xAA) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets in {@code marks} the targets of every literal occurring in the value, which must be one
     * this search {@link #covers}.
     */
    void scan(EncodedString value, long[] marks) {
        if (!value.ascii()) {
            scanAny(value, marks);
            return;
        }
        byte[] b = value.bytes();
        int from = value.from();
        int end = value.to();
        byte[] moves = shift;
        int pos = from + window - 1;
        if (end - from >= SPLIT) {
            // Two windows walk the two halves together: each move waits on the byte it reads, so one
            // walk leaves the processor idle most of the time, and a second one fills that time.
            // the second walk's first window ends here (a window lies within the value); the first's
            // last before it
            int half = Math.max(from + ((end - from) >>> 1), pos);
            int second = half;
            while (pos < half && second < end) {
                int move = moves[b[pos - 1] << 7 | b[pos]];
                int move2 = moves[b[second - 1] << 7 | b[second]];
                if (move == 0) {
                    candidate(b, from, pos, end, marks);
                    move = 1;
                }
                if (move2 == 0) {
                    candidate(b, from, second, end, marks);
                    move2 = 1;
                }
                pos += move;
                second += move2;
            }
            // one walk finished its half: the other goes on alone
            if (pos >= half) {
                pos = second;
            } else {
                // the second walk reached the end; the first still has part of its half
                while (pos < half) {
                    int move = moves[b[pos - 1] << 7 | b[pos]];
                    if (move == 0) {
                        candidate(b, from, pos, end, marks);
                        move = 1;
                    }
                    pos += move;
                }
                return;
            }
        }
        while (pos < end) {
            // ASCII only: both bytes are below 128
            int pair = b[pos - 1] << 7 | b[pos];
            int move = moves[pair];
            if (move == 0) {
                int start = pos - window + 1;
                int first = b[start] << 7 | b[start + 1];
                if ((startPairs[first >>> 6] & 1L << first) != 0) {
                    verify(b, from, start, end, candidates(pair), marks);
                }
                move = 1;
            }
            pos += move;
        }
    }

    /**
     * {@link #scan} over bytes beyond ASCII too: those are read as their low seven bits, which at worst
     * shortens a move or starts a comparison that fails on them.
     */
    private void scanAny(EncodedString value, long[] marks) {
        byte[] b = value.bytes();
        int from = value.from();
        int end = value.to();
        byte[] moves = shift;
        int pos = from + window - 1;
        while (pos < end) {
            int pair = (b[pos - 1] & 0x7F) << 7 | b[pos] & 0x7F;
            int move = moves[pair];
            if (move == 0) {
                int start = pos - window + 1;
                int first = (b[start] & 0x7F) << 7 | b[start + 1] & 0x7F;
                if ((startPairs[first >>> 6] & 1L << first) != 0) {
                    verify(b, from, start, end, candidates(pair), marks);
                }
                move = 1;
            }
            pos += move;
        }
    }

    /** Values at least this long are walked as two halves at once. */
    private static final int SPLIT = 64;

    /** A window ending at {@code pos} whose end pair is some literal's: compare when it begins like one. */
    private void candidate(byte[] b, int from, int pos, int end, long[] marks) {
        int start = pos - window + 1;
        int first = b[start] << 7 | b[start + 1];
        if ((startPairs[first >>> 6] & 1L << first) != 0) {
            int pair = b[pos - 1] << 7 | b[pos];
            verify(b, from, start, end, candidates(pair), marks);
        }
    }

    /**
     * Compares the literals whose window may be the one at {@code windowStart} with the value's bytes
     * {@code [from, end)} where each would begin.
     */
    private void verify(byte[] b, int from, int windowStart, int end, int[] ids, long[] marks) {
        for (int id : ids) {
            byte[] lit = literals[id];
            int start = windowStart - offsets[id];
            if (start < from || start + lit.length > end) {
                continue;
            }
            int k = 0;
            while (k < lit.length && b[start + k] >= 0 && LOWER[b[start + k]] == lit[k]) {
                k++;
            }
            if (k == lit.length) {
                for (int t : targets[id]) {
                    marks[t >>> 6] |= 1L << t;
                }
            }
        }
    }
}
