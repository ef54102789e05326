package io.vigil.ioc;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * File names and path suffixes ({@code starburn.dll}, {@code temp\obedience.exe}, or a full path),
 * matched against the trailing segments of an event path. A lookup probes only as many suffixes as
 * the longest indicator has segments (one, the basename, for plain file-name lists).
 */
final class PathSuffixIndex {
    private final Map<String, int[]> atoms = new HashMap<>();
    private int maxSegments;

    void add(String key, int atom) {
        AtomLists.add(atoms, key, atom);
        maxSegments = Math.max(maxSegments, LookupKeys.segments(key));
    }

    boolean isEmpty() {
        return atoms.isEmpty();
    }

    /** {@code path} is an event value already passed through {@link LookupKeys#path}. */
    void lookup(String path, IntConsumer out) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '\\') {
            end--;
        }
        if (end == 0) {
            return;
        }
        String p = end == path.length() ? path : path.substring(0, end);
        int pos = p.length();
        for (int seg = 0; seg < maxSegments; seg++) {
            int bs = p.lastIndexOf('\\', pos - 1);
            int[] found = atoms.get(p.substring(bs + 1));
            if (found != null) {
                for (int a : found) {
                    out.accept(a);
                }
            }
            if (bs <= 0) {
                return;
            }
            pos = bs;
        }
    }
}
