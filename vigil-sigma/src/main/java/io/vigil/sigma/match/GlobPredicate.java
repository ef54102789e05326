package io.vigil.sigma.match;

import java.util.Arrays;
import java.util.Locale;

/**
 * Sigma wildcard matching for values that are not a plain literal with leading or trailing {@code *}:
 * {@code ?} matches one character, {@code *} any run, and character sets (from {@code windash}) one of
 * their characters. Runs in O(value × pattern) time without recursion, so no rule can make it blow up.
 *
 * <p>The pattern is an int array: a code {@code >= 0} is a literal character, {@link #ANY_ONE} and
 * {@link #STAR} are wildcards, and {@code SET_BASE - i} refers to {@code sets[i]}.
 */
public final class GlobPredicate implements ValuePredicate {
    public static final int ANY_ONE = -1;
    public static final int STAR = -2;
    public static final int SET_BASE = -3;

    private final int[] units;
    private final String[] sets;
    private final boolean cased;
    private final String display;

    public GlobPredicate(int[] units, String[] sets, boolean cased, String display) {
        this.cased = cased;
        this.display = display;
        this.units = units.clone();
        this.sets = sets.clone();
        if (!cased) {
            for (int i = 0; i < this.units.length; i++) {
                if (this.units[i] >= 0) {
                    this.units[i] = Character.toLowerCase((char) this.units[i]);
                }
            }
            for (int i = 0; i < this.sets.length; i++) {
                this.sets[i] = this.sets[i].toLowerCase(Locale.ROOT);
            }
        }
    }

    /** Whether the pattern compares case-sensitively. */
    public boolean cased() {
        return cased;
    }

    /**
     * The maximal runs of literal characters of the pattern, as they are compared (lower-cased when the
     * pattern is not cased). Every value the pattern matches contains each run: a prefilter may require
     * any one of them.
     */
    public java.util.List<String> literalRuns() {
        java.util.List<String> runs = new java.util.ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int u : units) {
            if (u >= 0) {
                run.append((char) u);
            } else if (run.length() > 0) {
                runs.add(run.toString());
                run.setLength(0);
            }
        }
        if (run.length() > 0) {
            runs.add(run.toString());
        }
        return runs;
    }

    @Override
    public boolean takesFolded() {
        return !cased;
    }

    @Override
    public boolean testFolded(Object folded) {
        return matches(folded == null ? "" : ValueText.of(folded));
    }

    @Override
    public boolean test(Object value) {
        String s = value == null ? "" : ValueText.of(value);
        if (!cased) {
            s = s.toLowerCase(Locale.ROOT);
        }
        return matches(s);
    }

    boolean matches(String s) {
        int n = s.length();
        int m = units.length;
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = -1;
        while (i < n) {
            if (p < m && units[p] != STAR && unitMatches(units[p], s.charAt(i))) {
                p++;
                i++;
            } else if (p < m && units[p] == STAR) {
                if (p == m - 1) {
                    return true; // a last star takes the rest, whatever it is
                }
                starP = p++;
                starI = i;
            } else if (starP >= 0) {
                p = starP + 1;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (p < m && units[p] == STAR) {
            p++;
        }
        return p == m;
    }

    private boolean unitMatches(int unit, char c) {
        if (unit >= 0) {
            return unit == c;
        }
        if (unit == ANY_ONE) {
            return true;
        }
        return sets[SET_BASE - unit].indexOf(c) >= 0;
    }

    @Override
    public String toString() {
        return "Glob[" + display + (cased ? ", cased" : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlobPredicate g
                && g.cased == cased
                && Arrays.equals(g.units, units)
                && Arrays.equals(g.sets, sets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(units) * 31 + Arrays.hashCode(sets);
    }
}
