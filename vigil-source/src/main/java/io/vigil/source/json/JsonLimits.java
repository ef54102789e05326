package io.vigil.source.json;

/**
 * Bounds on a single JSON record, so that one broken or hostile record costs a diagnostic rather than
 * the heap or the stack. A record over any bound is reported and skipped; reading goes on.
 *
 * @param maxRecordBytes largest record in bytes, counted from its first to its last byte (default 16
 *     MiB); the reader never buffers more than this for one record
 * @param maxNestingDepth deepest nesting of objects and arrays, the record itself being depth 1
 *     (default 64)
 * @param maxStringLength longest string value or key, in characters (default 8 MiB)
 * @param maxNumberLength longest number literal, in characters (default 1000)
 */
public record JsonLimits(int maxRecordBytes, int maxNestingDepth, int maxStringLength, int maxNumberLength) {
    /** Ceiling on {@link #maxNestingDepth}: the tree is built recursively. */
    public static final int DEPTH_CEILING = 2_000;

    public static final JsonLimits DEFAULTS = new JsonLimits(16 << 20, 64, 8 << 20, 1000);

    public JsonLimits {
        if (maxRecordBytes < 2 || maxNestingDepth < 1 || maxStringLength < 1 || maxNumberLength < 1) {
            throw new IllegalArgumentException("JSON limits must be positive");
        }
        if (maxNestingDepth > DEPTH_CEILING) {
            throw new IllegalArgumentException("maxNestingDepth above " + DEPTH_CEILING);
        }
    }
}
