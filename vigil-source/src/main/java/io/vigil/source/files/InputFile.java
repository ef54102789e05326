package io.vigil.source.files;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One input to read, as found by {@link InputDiscovery}: a plain file or a member of a zip archive.
 *
 * <p>{@code displayPath} is what every diagnostic and detection shows, so it is built from the path
 * the user typed rather than an absolute path: a file argument exactly as written, a directory argument
 * joined with the file's relative path using {@code /}, and {@code archive.zip!/member/path.json} for
 * archive members.
 *
 * @param displayPath the path as the user gave it (see above)
 * @param path the file on disk; for an archive member, the archive
 * @param archiveMember the entry name inside the archive at {@code path}, or {@code null}
 * @param kind how the content is to be read
 */
public record InputFile(String displayPath, Path path, String archiveMember, Kind kind) {

    /** How an input's bytes are to be interpreted. */
    public enum Kind {
        /** JSON in any of the accepted layouts; gzip compression is detected from the content. */
        JSON,
        /** A binary Windows event log, read by the EVTX module, not by the JSON reader. */
        EVTX,
        /**
         * Comma-separated records with a header row (VPN sessions, flows), read by the JSON reader as
         * one object per row; gzip is detected from the content.
         */
        CSV
    }

    public InputFile {
        Objects.requireNonNull(displayPath, "displayPath");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
    }

    /** True for a member of a zip archive. */
    public boolean inArchive() {
        return archiveMember != null;
    }
}
