package io.vigil.evtx;

/**
 * Bounds on what one EVTX file may make the reader do, so that hostile or broken input cannot hang
 * it or exhaust memory. A record or chunk that would exceed a bound is reported ({@link
 * EvtxProblem.Kind#RECORD_LIMIT}, {@link EvtxProblem.Kind#CHUNK_LIMIT}) and skipped.
 *
 * <p>The {@link #DEFAULTS} are far above anything Windows writes (real records nest about 6 elements,
 * use a few dozen templates per chunk and a few hundred tree nodes) and low enough that the worst
 * case of one chunk stays within a few megabytes and milliseconds.
 *
 * @param maxNestingDepth deepest element nesting, counting template instances and embedded binary
 *     XML as one level each (default 64)
 * @param maxTemplatesPerChunk template definitions parsed per chunk (default 1024)
 * @param maxStringChars longest string value, name or text in characters (default 65,536)
 * @param maxArrayItems most items in one array substitution value (default 8,192)
 * @param maxRecordsPerChunk records read from one chunk (default 8,192; a 64 KiB chunk cannot hold
 *     more than 2,340 well-formed records)
 * @param maxNodesPerRecord elements, attributes and values created for one record, including array
 *     expansion and template reuse (default 100,000); a chunk may spend 16 times this in all
 * @param parallelChunks chunks decoded at the same time, which also bounds the memory held by
 *     decoded-but-undelivered records; 1 decodes on the calling thread (default: 2 x processors)
 */
public record EvtxLimits(
        int maxNestingDepth,
        int maxTemplatesPerChunk,
        int maxStringChars,
        int maxArrayItems,
        int maxRecordsPerChunk,
        int maxNodesPerRecord,
        int parallelChunks) {

    /** The documented defaults. */
    public static final EvtxLimits DEFAULTS = new EvtxLimits(
            64,
            1024,
            65_536,
            8_192,
            8_192,
            100_000,
            Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));

    public EvtxLimits {
        positive("maxNestingDepth", maxNestingDepth);
        positive("maxTemplatesPerChunk", maxTemplatesPerChunk);
        positive("maxStringChars", maxStringChars);
        positive("maxArrayItems", maxArrayItems);
        positive("maxRecordsPerChunk", maxRecordsPerChunk);
        positive("maxNodesPerRecord", maxNodesPerRecord);
        positive("parallelChunks", parallelChunks);
    }

    /** These limits with another {@link #parallelChunks()}; 1 reads on the calling thread only. */
    public EvtxLimits withParallelChunks(int chunks) {
        return new EvtxLimits(
                maxNestingDepth,
                maxTemplatesPerChunk,
                maxStringChars,
                maxArrayItems,
                maxRecordsPerChunk,
                maxNodesPerRecord,
                chunks);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
