package io.vigil.source.files;

/**
 * Bounds on zip archives, so that a hostile or broken archive (a zip bomb, millions of entries) costs a
 * diagnostic instead of the process.
 *
 * @param maxEntries archives with more entries than this are rejected whole (default 10,000)
 * @param maxExpandedBytes the most uncompressed bytes taken from one archive: the declared sizes of
 *     the accepted members are summed during discovery, and every member stream is cut off past this
 *     many bytes while reading, in case the declared sizes lie (default 4 GiB)
 */
public record ArchiveLimits(int maxEntries, long maxExpandedBytes) {
    public static final ArchiveLimits DEFAULTS = new ArchiveLimits(10_000, 4L << 30);

    public ArchiveLimits {
        if (maxEntries < 1 || maxExpandedBytes < 1) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }
}
