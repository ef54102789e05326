package io.vigil.sigma.index;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The literal runs that every match of a regular expression contains, for the prefilter: characters at
 * the top level of the expression (outside groups and classes, not made optional by a quantifier) in a
 * pattern without top-level alternation. Deliberately conservative: anything it does not fully
 * understand (inline flags after the start, top-level {@code |}, unknown escapes, non-ASCII) gives fewer
 * runs or none, never a wrong one.
 *
 * <p>Runs are returned lower-cased, as the prefilter searches lower-cased values. For a case-insensitive
 * expression a run may only hold ASCII characters whose case-folding partners all lower-case to the same
 * character; {@code s} is excluded (RE2 folds it with U+017F, whose lower case is itself), so runs are
 * split at it.
 */
final class RegexLiterals {
    private static final String META = ".^$*+?()[]{}|\\";

    private RegexLiterals() {}

    /** The required runs (lower-cased, non-empty); empty when none can be proved. */
    static List<String> of(Pattern pattern) {
        String p = pattern.pattern();
        boolean fold = (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0;
        int i = 0;
        if (p.startsWith("(?") && !p.startsWith("(?:") && !p.startsWith("(?P")) {
            int close = p.indexOf(')');
            if (close < 0) {
                return List.of();
            }
            String flags = p.substring(2, close);
            for (int k = 0; k < flags.length(); k++) {
                char c = flags.charAt(k);
                if (c == 'i') {
                    fold = true;
                } else if (c != 'm' && c != 's' && c != 'U') {
                    return List.of(); // e.g. negated flags (?-i)
                }
            }
            i = close + 1;
        }
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int depth = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= p.length()) {
                    return List.of();
                }
                char e = p.charAt(i + 1);
                i += 2;
                if (depth == 0 && e < 128 && !Character.isLetterOrDigit(e)) {
                    i = atom(p, i, e, run, runs, fold);
                } else {
                    if (Character.isLetterOrDigit(e) && "dDsSwWbBAz".indexOf(e) < 0) {
                        return List.of(); // \x41, \p{L}, \Q...\E, octal: not worth understanding
                    }
                    flush(run, runs, fold);
                }
            } else if (c == '[') {
                flush(run, runs, fold);
                i = skipClass(p, i);
                if (i < 0) {
                    return List.of();
                }
            } else if (c == '(') {
                if (p.startsWith("(?", i) && !p.startsWith("(?:", i) && !p.startsWith("(?P<", i)) {
                    return List.of(); // inline flags later in the pattern
                }
                flush(run, runs, fold);
                depth++;
                i++;
            } else if (c == ')') {
                depth--;
                i++;
            } else if (c == '|') {
                if (depth == 0) {
                    return List.of();
                }
                i++;
            } else if (depth > 0) {
                i++;
            } else if (c == '{' && repeat(p, i) < 0) {
                return List.of();
            } else if (META.indexOf(c) >= 0) {
                // '.', '^', '$', or a quantifier after a group or class: ends the run.
                flush(run, runs, fold);
                i = c == '{' ? repeat(p, i) : i + 1;
            } else if (c >= 128) {
                flush(run, runs, fold);
                i++;
            } else {
                i = atom(p, i + 1, c, run, runs, fold);
            }
        }
        flush(run, runs, fold);
        return runs;
    }

    /**
     * Appends the literal character {@code c} (which ended at {@code next}) to the run, unless a
     * quantifier follows: then it is optional or repeated, and the run ends before it.
     */
    private static int atom(String p, int next, char c, StringBuilder run, List<String> runs, boolean fold) {
        if (next < p.length() && "*+?{".indexOf(p.charAt(next)) >= 0) {
            flush(run, runs, fold);
            return next;
        }
        run.append(c);
        return next;
    }

    private static void flush(StringBuilder run, List<String> runs, boolean fold) {
        if (run.length() == 0) {
            return;
        }
        String text = run.toString().toLowerCase(Locale.ROOT);
        run.setLength(0);
        if (!fold) {
            runs.add(text);
            return;
        }
        int start = 0;
        for (int k = 0; k <= text.length(); k++) {
            if (k == text.length() || text.charAt(k) == 's') {
                if (k > start) {
                    runs.add(text.substring(start, k));
                }
                start = k + 1;
            }
        }
    }

    /** The index after a {@code {n}}, {@code {n,}} or {@code {n,m}} repeat at {@code i}, or -1. */
    private static int repeat(String p, int i) {
        int k = i + 1;
        int digits = 0;
        while (k < p.length() && (Character.isDigit(p.charAt(k)) || p.charAt(k) == ',')) {
            digits += Character.isDigit(p.charAt(k)) ? 1 : 0;
            k++;
        }
        return digits > 0 && k < p.length() && p.charAt(k) == '}' ? k + 1 : -1;
    }

    /** The index after the character class starting at {@code i}, or -1 when it does not end. */
    private static int skipClass(String p, int i) {
        int k = i + 1;
        if (k < p.length() && p.charAt(k) == '^') {
            k++;
        }
        if (k < p.length() && p.charAt(k) == ']') {
            k++;
        }
        while (k < p.length()) {
            char c = p.charAt(k);
            if (c == '\\') {
                k += 2;
            } else if (c == '[' && p.startsWith("[:", k)) {
                int end = p.indexOf(":]", k + 2);
                if (end < 0) {
                    return -1;
                }
                k = end + 2;
            } else if (c == ']') {
                return k + 1;
            } else {
                k++;
            }
        }
        return -1;
    }
}
