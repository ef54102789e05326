package io.vigil.source.files;

import java.util.Locale;
import java.util.Set;

/** Decides from a file name whether and how an input is read; the name is all discovery looks at. */
final class InputNames {
    private static final Set<String> JSON_EXTENSIONS = Set.of(".json", ".jsonl", ".ndjson");
    private static final String GZIP = ".gz";

    private InputNames() {}

    /** The kind to read a file of this name as, or {@code null} when the name is not an accepted input. */
    static InputFile.Kind kindOf(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".evtx")) {
            return InputFile.Kind.EVTX;
        }
        String inner = lower.endsWith(GZIP) ? lower.substring(0, lower.length() - GZIP.length()) : lower;
        if (extension(inner).equals(".csv")) {
            return InputFile.Kind.CSV;
        }
        return JSON_EXTENSIONS.contains(extension(inner)) ? InputFile.Kind.JSON : null;
    }

    static boolean isZip(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /**
     * The key a skipped file is counted under: its lower-case extension with the dot, the two last ones
     * for compressed files ({@code .log.gz}) because {@code .gz} alone says nothing, and {@code (none)}.
     */
    static String skipKey(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        String last = extension(lower);
        if (last.equals(GZIP)) {
            String inner = extension(lower.substring(0, lower.length() - GZIP.length()));
            return inner.isEmpty() ? GZIP : inner + GZIP;
        }
        return last.isEmpty() ? "(none)" : last;
    }

    /** Last extension including the dot; empty for none and for dot-files such as {@code .profile}. */
    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot);
    }
}
