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

    private static void scanRuns(String text, int n, boolean hosts, boolean ips, Visitor out) {
        int i = 0;
        while (i < n) {
            if (!isHostChar(text.charAt(i))) {
                i++;
                continue;
            }
            int s = i;
            boolean dot = false;
            boolean letter = false;
            while (i < n && isHostChar(text.charAt(i))) {
                char c = text.charAt(i);
                dot |= c == '.';
                letter |= c >= 'a' && c <= 'z' || c == '-' || c == '_';
                i++;
            }
            if (!dot) {
                continue;
            }
            int e = i;
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

    private static void scanV6(String text, int n, Visitor out) {
        int i = 0;
        while (i < n) {
            if (!isV6Char(text.charAt(i))) {
                i++;
                continue;
            }
            int s = i;
            int colons = 0;
            while (i < n && isV6Char(text.charAt(i))) {
                if (text.charAt(i) == ':') {
                    colons++;
                }
                i++;
            }
            if (colons >= 2 && i - s <= 45) {
                IpAddress ip = IpAddress.parse(text, s, i);
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
