package io.vigil.msp.attribute;

import java.util.List;
import java.util.Locale;

/**
 * An input-path pattern from the register ({@code acme/**}, {@code betaco/dc01-*.evtx}): segments are
 * separated by {@code /}; {@code **} matches any number of whole segments, {@code *} any run of characters
 * inside one segment. Matching ignores case because engagement folders travel between file systems.
 */
record PathGlob(List<String> segments) {
    /** {@code ./acme/}, {@code /acme} and {@code acme} are the same pattern: empty and "." segments drop. */
    static PathGlob of(String text) {
        List<String> parts = new java.util.ArrayList<>();
        for (String part : text.toLowerCase(Locale.ROOT).replace('\\', '/').split("/", -1)) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return new PathGlob(List.copyOf(parts));
    }

    boolean matches(List<String> path) {
        return match(0, path, 0);
    }

    private boolean match(int gi, List<String> path, int pi) {
        if (gi == segments.size()) {
            return pi == path.size();
        }
        String g = segments.get(gi);
        if (g.equals("**")) {
            for (int k = pi; k <= path.size(); k++) {
                if (match(gi + 1, path, k)) {
                    return true;
                }
            }
            return false;
        }
        return pi < path.size() && segment(g, 0, path.get(pi), 0) && match(gi + 1, path, pi + 1);
    }

    private static boolean segment(String g, int gi, String s, int si) {
        while (gi < g.length()) {
            char c = g.charAt(gi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (segment(g, gi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || s.charAt(si) != c) {
                return false;
            }
            gi++;
            si++;
        }
        return si == s.length();
    }
}
