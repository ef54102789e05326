package io.vigil.normalize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A glob over flattened paths ({@code *} one key, {@code **} anything), as written in mapping files.
 * Keys may themselves contain dots; {@code *} then matches only up to the first of them, which mapping
 * files avoid by using {@code *} only where keys are element names.
 */
final class PathPattern {
    private final String glob;
    private final String literalStart;
    private final Pattern exact;
    private final Pattern prefix;

    PathPattern(String glob) {
        this.glob = glob;
        int star = glob.indexOf('*');
        this.literalStart = star < 0 ? glob : glob.substring(0, star);
        String regex = toRegex(glob);
        this.exact = Pattern.compile(regex);
        this.prefix = Pattern.compile(regex + "\\.(.+)", Pattern.DOTALL);
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            if (glob.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (glob.charAt(i) == '*') {
                regex.append("[^.]+");
                i++;
            } else {
                int next = glob.indexOf('*', i);
                int end = next < 0 ? glob.length() : next;
                regex.append(Pattern.quote(glob.substring(i, end)));
                i = end;
            }
        }
        return regex.toString();
    }

    boolean matches(String path) {
        return path.startsWith(literalStart) && exact.matcher(path).matches();
    }

    /** The part of {@code path} below this pattern, {@code ""} when it is the pattern itself, else null. */
    String below(String path) {
        if (!path.startsWith(literalStart)) {
            return null;
        }
        if (exact.matcher(path).matches()) {
            return "";
        }
        Matcher m = prefix.matcher(path);
        return m.matches() ? m.group(1) : null;
    }

    @Override
    public String toString() {
        return glob;
    }
}
