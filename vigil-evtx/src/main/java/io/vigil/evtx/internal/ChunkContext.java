package io.vigil.evtx.internal;

import io.vigil.evtx.EvtxLimits;
import io.vigil.evtx.EvtxProblem;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Per-chunk decoding state: the chunk bytes, the names and template definitions cached by their chunk
 * offset (records of a chunk share both), and the per-record node budget. One thread uses it at a
 * time; chunks never share one.
 */
final class ChunkContext {
    /** Multiple of the per-record node limit that one chunk may spend in all. */
    static final int CHUNK_BUDGET = 16;

    final byte[] data;
    final EvtxLimits limits;
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, Object> templates = new HashMap<>();
    private final Set<Integer> templatesInProgress = new HashSet<>();
    private int templatesParsed;
    private int nodes;
    private long chunkNodes;

    ChunkContext(byte[] data, EvtxLimits limits) {
        this.data = data;
        this.limits = limits;
    }

    /** The name stored at {@code offset}: 4 bytes link, 2 bytes hash, 2 bytes length, UTF-16 text. */
    String name(int offset) {
        String cached = names.get(offset);
        if (cached != null) {
            return cached;
        }
        Cursor c = new Cursor(data, checkedOffset(offset), data.length);
        c.skip(6);
        int chars = c.u16();
        if (chars > limits.maxStringChars()) {
            throw EvtxFormatException.limit("name of " + chars + " characters");
        }
        String name = c.utf16(chars);
        names.put(offset, name);
        return name;
    }

    /**
     * The template definition at {@code offset}, parsed once per chunk. A definition that failed to
     * parse fails again, with the same reason, for every record that uses it.
     */
    Element template(int offset, BinXmlParser parser, int depth) {
        Object cached = templates.get(offset);
        if (cached instanceof Element) {
            return (Element) cached;
        }
        if (cached instanceof EvtxFormatException) {
            throw (EvtxFormatException) cached;
        }
        if (!templatesInProgress.add(offset)) {
            throw EvtxFormatException.malformed("template 0x" + Integer.toHexString(offset) + " contains itself");
        }
        if (++templatesParsed > limits.maxTemplatesPerChunk()) {
            throw EvtxFormatException.limit("more than " + limits.maxTemplatesPerChunk() + " templates in chunk");
        }
        try {
            Element root = parseTemplate(offset, parser, depth);
            templates.put(offset, root);
            return root;
        } catch (EvtxFormatException e) {
            EvtxFormatException failure = new EvtxFormatException(
                    e.kind(), "template at 0x" + Integer.toHexString(offset) + ": " + e.getMessage());
            if (e.kind() == EvtxProblem.Kind.RECORD_BINXML) {
                // Malformed stays malformed; a limit may depend on where the template is used, so it
                // is retried (at most maxTemplatesPerChunk parses in all).
                templates.put(offset, failure);
            }
            throw failure;
        } finally {
            templatesInProgress.remove(offset);
        }
    }

    private Element parseTemplate(int offset, BinXmlParser parser, int depth) {
        // Header: 4 bytes next-template link, 16 bytes GUID, 4 bytes data size; then the fragment.
        Cursor c = new Cursor(data, checkedOffset(offset), data.length);
        c.skip(20);
        long size = c.u32();
        if (size > c.remaining()) {
            throw EvtxFormatException.malformed("template data of " + size + " bytes overruns the chunk");
        }
        int start = c.position();
        for (Object node : parser.parse(start, start + (int) size, true, depth + 1)) {
            if (node instanceof Element) {
                return (Element) node;
            }
        }
        throw EvtxFormatException.malformed("template without root element");
    }

    /** Starts a record's node budget. */
    void resetBudget() {
        nodes = 0;
    }

    /**
     * Counts {@code count} created nodes against {@link EvtxLimits#maxNodesPerRecord()}, and against a
     * chunk budget of {@value #CHUNK_BUDGET} times that, so that thousands of tiny records each
     * expanding to the record maximum cannot make one chunk cost minutes.
     */
    void spend(int count) {
        nodes += count;
        chunkNodes += count;
        if (nodes > limits.maxNodesPerRecord() || nodes < 0) {
            throw EvtxFormatException.limit("more than " + limits.maxNodesPerRecord() + " nodes in record");
        }
        if (chunkNodes > (long) CHUNK_BUDGET * limits.maxNodesPerRecord()) {
            throw new EvtxFormatException(
                    EvtxProblem.Kind.CHUNK_LIMIT,
                    "more than " + CHUNK_BUDGET + " x " + limits.maxNodesPerRecord()
                            + " nodes in chunk; rest of chunk skipped");
        }
    }

    private int checkedOffset(long offset) {
        if (offset < 0 || offset >= data.length) {
            throw EvtxFormatException.malformed("offset 0x" + Long.toHexString(offset) + " outside chunk");
        }
        return (int) offset;
    }
}
