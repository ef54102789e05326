package io.vigil.ioc;

/**
 * Finds candidate URLs, DNS names and IP addresses in free text (command lines, script blocks) with a
 * single hand-written pass per kind: no regular expressions, linear in the text, no backtracking.
 *
 * <p>Candidates are deliberately loose ({@code rundll32.exe} is offered as a name): the indicator sets
 * decide, and a miss costs one probe. Text beyond {@link #MAX_TEXT} characters is not scanned.
 */
final class TextScanner {
    /** Characters of a field value that are scanned; longer values are scanned up to here. */
    static final int MAX_TEXT = 1 << 20;

    private static final int MAX_HOST = LookupKeys.MAX_DOMAIN;

    /** Receives candidates; text is expected lower-cased. */
    interface Visitor {
        void url(String urlKey);

        void host(String name);

        void ip(IpAddress ip);
    }

    private TextScanner() {}

    static void scan(String text, boolean urls, boolean hosts, boolean ips, boolean v6, Visitor out) {
        int n = Math.min(text.length(), MAX_TEXT);
        if (urls) {
            scanUrls(text, n, out);
        }
        if (hosts || ips) {
            scanRuns(text, n, hosts, ips, out);
        }
        if (ips && v6) {
            scanV6(text, n, out);
        }
    }

    private static void scanUrls(String text, int n, Visitor out) {
        int k = text.indexOf("://");
        while (k >= 0 && k < n) {
            int start = k;
            while (start > 0 && k - start < 10 && isSchemeChar(text.charAt(start - 1))) {
                start--;
            }
            int end = k + 3;
            while (end < n && !isUrlEnd(text.charAt(end))) {
                end++;
            }
            if (start < k && end > k + 3) {
                out.url(LookupKeys.urlKey(text.substring(start, end)));
            }
            k = text.indexOf("://", end);
        }
    }

    /**
     * Every maximal run of host characters that holds a dot is a candidate; runs are found from their
     * dots with {@link String#indexOf(int, int)} (vectorised) rather than by testing every character,
     * because script blocks and command lines are long and mostly dotless.
     */
    private static void scanRuns(String text, int n, boolean hosts, boolean ips, Visitor out) {
        int i = 0;
        while (i < n) {
            int dot = text.indexOf('.', i);
            if (dot < 0 || dot >= n) {
                return;
            }
            int s = dot;
            while (s > i && isHostChar(text.charAt(s - 1))) {
                s--;
            }
            int e = dot + 1;
            while (e < n && isHostChar(text.charAt(e))) {
                e++;
            }
            i = e;
            boolean letter = false;
            for (int k = s; k < e && !letter; k++) {
                char c = text.charAt(k);
                letter = c >= 'a' && c <= 'z' || c == '-' || c == '_';
            }
            while (s < e && isTrim(text.charAt(s))) {
                s++;
            }
            while (e > s && isTrim(text.charAt(e - 1))) {
                e--;
            }
            if (e - s < 3 || e - s > MAX_HOST) {
                continue;
            }
            if (!letter) {
                if (ips) {
                    long v4 = IpAddress.parseV4(text, s, e);
                    if (v4 >= 0) {
                        out.ip(new IpAddress(true, 0, v4));
                    }
                }
            } else if (hosts && text.lastIndexOf('.', e - 1) > s) {
                out.host(text.substring(s, e));
            }
        }
    }

    /** Maximal runs of address characters with two colons or more, found from their colons. */
    private static void scanV6(String text, int n, Visitor out) {
        int i = 0;
        while (i < n) {
            int colon = text.indexOf(':', i);
            if (colon < 0 || colon >= n) {
                return;
            }
            int s = colon;
            while (s > i && isV6Char(text.charAt(s - 1))) {
                s--;
            }
            int e = colon + 1;
            int colons = 1;
            while (e < n && isV6Char(text.charAt(e))) {
                if (text.charAt(e) == ':') {
                    colons++;
                }
                e++;
            }
            i = e;
            if (colons >= 2 && e - s <= 45) {
                IpAddress ip = IpAddress.parse(text, s, e);
                if (ip != null && !ip.v4()) {
                    out.ip(ip);
                }
            }
        }
    }

    private static boolean isHostChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_';
    }

    private static boolean isTrim(char c) {
        return c == '.' || c == '-' || c == '_';
    }

    private static boolean isV6Char(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == ':' || c == '.';
    }

    private static boolean isSchemeChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-';
    }

    private static boolean isUrlEnd(char c) {
        return c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' || c == '^' || c == '|' || c == '{'
                || c == '}' || c == ')' || c == ',' || c == ';' || c == '\\';
    }
}
