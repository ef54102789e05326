package io.vigil.core.event;

/**
 * Where an event came from, so that every detection and diagnostic can point back at its input.
 *
 * <p>{@code path} is the input path exactly as the user gave it (a directory argument joined with the
 * file's path inside it; {@code archive.zip!/member} for archive members). Exactly one of {@code record}
 * (EVTX record id) and {@code line} (1-based line of a line-oriented input) is meaningful; the other is
 * {@code -1}.
 */
public record Provenance(String path, long record, long line) {
    public static Provenance line(String path, long line) {
        return new Provenance(path, -1, line);
    }

    public static Provenance record(String path, long record) {
        return new Provenance(path, record, -1);
    }

    /** Human form used in diagnostics: {@code path:line} or {@code path#record}. */
    @Override
    public String toString() {
        if (record >= 0) {
            return path + "#" + record;
        }
        if (line >= 0) {
            return path + ":" + line;
        }
        return path;
    }
}
