package io.vigil.msp.register;

import java.util.Collection;
import java.util.Locale;

/** Finds the word a typo was probably meant to be, for "did you mean" hints in register errors. */
final class NearMiss {
    private NearMiss() {}

    /** The closest candidate within a small edit distance, or null when none is plausibly meant. */
    static String closest(String typed, Collection<String> candidates) {
        String t = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(t, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        // Two edits, or a third of the word for short words: beyond that the hint is a guess.
        int allowed = Math.min(2, Math.max(1, t.length() / 3));
        return bestDistance <= allowed ? best : null;
    }

    /** ", did you mean 'x'?" or the empty string. */
    static String hint(String typed, Collection<String> candidates) {
        String c = closest(typed, candidates);
        return c == null ? "" : " (did you mean '" + c + "'?)";
    }

    // Damerau-Levenshtein (optimal string alignment): a swapped pair of letters is one typo.
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
