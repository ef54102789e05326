package io.vigil.msp.attribute;

import io.vigil.msp.register.Organisation;
import java.util.Set;
import java.util.TreeMap;

/**
 * The customer tenants whose hosts a command line names ({@code /s fs01.acme.local}, {@code
 * \\10.20.1.11\C$}, {@code -ComputerName app03.acme.local}): how work run on an MSP jump host is tied to
 * the tenant it acts on. A word names a host when {@link Attribution#organisationOfHost} (DNS suffix or
 * host glob) or {@link Attribution#organisationOfAddress} places it; the MSP's own hosts are not targets.
 */
public final class CommandTargets {
    private CommandTargets() {}

    /** Customer tenant ids named in {@code commandLine}, sorted; empty for null. */
    public static Set<String> of(Attribution attribution, String commandLine) {
        TreeMap<String, Boolean> out = new TreeMap<>();
        if (commandLine == null) {
            return out.keySet();
        }
        int i = 0;
        int n = commandLine.length();
        while (i < n) {
            while (i < n && delimiter(commandLine.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !delimiter(commandLine.charAt(i))) {
                i++;
            }
            if (i > start) {
                String host = hostPart(commandLine.substring(start, i));
                if (host.length() > 1 && !host.startsWith("-") && !host.startsWith("/")) {
                    Organisation o = host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))
                            ? attribution.organisationOfAddress(host).orElse(null)
                            : attribution.organisationOfHost(host).orElse(null);
                    if (o != null && !o.isMsp()) {
                        out.put(o.id(), Boolean.TRUE);
                    }
                }
            }
        }
        return out.keySet();
    }

    private static boolean delimiter(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == ',' || c == '=' || c == '(' || c == ')';
    }

    /** {@code \\host\share\path} and {@code host:port} to {@code host}. */
    private static String hostPart(String word) {
        int from = 0;
        while (from < word.length() && word.charAt(from) == '\\') {
            from++;
        }
        int to = from;
        while (to < word.length() && word.charAt(to) != '\\' && word.charAt(to) != ':') {
            to++;
        }
        return word.substring(from, to);
    }
}
