package io.vigil.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The wildcard walk against the plain recursive rule ({@code *} any run, {@code ?} one character, a set
 * one of its characters) over random patterns and values of a small alphabet, so that stars meet every
 * kind of neighbour: leading, trailing, doubled, alone.
 */
class GlobPredicateTest {
    private static final int[] UNITS = {'a', 'b', GlobPredicate.STAR, GlobPredicate.ANY_ONE, GlobPredicate.SET_BASE};
    private static final String[] SETS = {"bc"};

    @Test
    void walkEqualsTheRecursiveRule() {
        Random random = new Random(17);
        int matched = 0;
        for (int round = 0; round < 20_000; round++) {
            int[] units = new int[random.nextInt(7)];
            for (int i = 0; i < units.length; i++) {
                units[i] = UNITS[random.nextInt(UNITS.length)];
            }
            GlobPredicate glob = new GlobPredicate(units, SETS, true, "test");
            StringBuilder value = new StringBuilder();
            for (int i = random.nextInt(9); i > 0; i--) {
                value.append("abc".charAt(random.nextInt(3)));
            }
            boolean expected = reference(units, 0, value.toString(), 0);
            assertThat(glob.matches(value.toString()))
                    .as("%s on %s", java.util.Arrays.toString(units), value)
                    .isEqualTo(expected);
            matched += expected ? 1 : 0;
        }
        assertThat(matched).isBetween(2_000, 18_000);
    }

    @Test
    void aLoneStarMatchesEveryValueWithoutWalkingIt() {
        GlobPredicate glob = new GlobPredicate(
                new int[] {GlobPredicate.STAR, GlobPredicate.STAR, GlobPredicate.STAR}, new String[0], false, "***");
        assertThat(glob.testFolded("x".repeat(100_000))).isTrue();
        assertThat(glob.testFolded(null)).isTrue();
    }

    private static boolean reference(int[] units, int p, String s, int i) {
        if (p == units.length) {
            return i == s.length();
        }
        int u = units[p];
        if (u == GlobPredicate.STAR) {
            for (int k = i; k <= s.length(); k++) {
                if (reference(units, p + 1, s, k)) {
                    return true;
                }
            }
            return false;
        }
        if (i == s.length()) {
            return false;
        }
        char c = s.charAt(i);
        boolean one = u >= 0 ? u == c : u == GlobPredicate.ANY_ONE || SETS[GlobPredicate.SET_BASE - u].indexOf(c) >= 0;
        return one && reference(units, p + 1, s, i + 1);
    }
}
