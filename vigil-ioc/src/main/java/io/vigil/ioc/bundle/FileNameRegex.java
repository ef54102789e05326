package io.vigil.ioc.bundle;

/**
 * Translates the simple signature-base file-name regexes ({@code \\AppData\\Local\\Temp\\starburn\.dll})
 * into a directory suffix and a file name. Only escaped backslashes and dots and literal characters are
 * simple; a regex with classes, groups, alternation, quantifiers or an unescaped dot is not translated
 * (the generator lists it as skipped), because the matcher does no regex on paths.
 *
 * <p>NOTE: the upstream regexes are unanchored substring searches; an exact file name (plus directory
 * suffix) is narrower: {@code \\t\.vbs} no longer matches {@code t.vbs.cfg}. That file has its own row.
 */
final class FileNameRegex {
    /** {@code directory} is empty for a bare file name; otherwise it has no leading backslash. */
    record Translation(String directory, String name) {}

    private FileNameRegex() {}

    static Translation translate(String regex) {
        String r = regex.trim();
        if (!r.startsWith("\\\\")) {
            return null;
        }
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\') {
                if (i + 1 >= r.length()) {
                    return null;
                }
                char e = r.charAt(++i);
                if (e != '\\' && e != '.' && e != '-' && e != ' ') {
                    return null;
                }
                literal.append(e);
            } else if (".[](){}|*+?^$".indexOf(c) >= 0) {
                return null;
            } else {
                literal.append(c);
            }
        }
        String path = literal.substring(1);
        int last = path.lastIndexOf('\\');
        String name = path.substring(last + 1);
        if (name.isEmpty()) {
            return null;
        }
        return new Translation(last < 0 ? "" : path.substring(0, last), name);
    }
}
