package io.vigil.msp.register;

import java.util.Locale;

/**
 * A host-name pattern from the register ({@code *.acme.local}, {@code MSP-*}): {@code *} matches any run
 * of characters, everything else matches itself case-insensitively. Deliberately not a regular
 * expression: register authors write host names, not regexes.
 */
public record HostGlob(String text) {
    public HostGlob {
        text = text.toLowerCase(Locale.ROOT);
    }

    public boolean matches(String host) {
        return host != null && glob(text, 0, host.toLowerCase(Locale.ROOT), 0);
    }

    private static boolean glob(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (glob(p, pi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || s.charAt(si) != c) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }
}
