package io.vigil.evtx.internal;

import io.vigil.evtx.EvtxLimits;
import io.vigil.evtx.EvtxProblem;
import io.vigil.evtx.EvtxProblem.Kind;
import io.vigil.evtx.EvtxRecord;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Decodes one 64 KiB chunk: checks its signature and both CRC32s, walks its records, decodes each
 * one on its own so that a damaged record costs only itself, and resynchronises on the next valid
 * record frame after damage (as libevtx's recovery scan does). Thread-safe: all state is per call.
 */
public final class ChunkDecoder {
    public static final int CHUNK_SIZE = 0x10000;
    static final int HEADER_SIZE = 512;
    private static final int RECORD_HEADER = 24;
    private static final long CHUNK_SIGNATURE = 0x006b6e6843666c45L; // "ElfChnk\0"
    private static final int RECORD_SIGNATURE = 0x00002a2a; // "**\0\0"
    /** Chunk header flag (offset 120) telling readers that no CRC32s were written. */
    private static final int FLAG_NO_CRC32 = 0x4;

    private static final byte[] ZEROS = new byte[CHUNK_SIZE];

    private final Path path;
    private final int chunkIndex;
    private final long fileOffset;
    private final byte[] data;
    private final int available;
    private final EvtxLimits limits;
    private final ChunkOutcome out = new ChunkOutcome();

    private ChunkDecoder(Path path, int chunkIndex, long fileOffset, byte[] data, int available, EvtxLimits limits) {
        this.path = path;
        this.chunkIndex = chunkIndex;
        this.fileOffset = fileOffset;
        this.data = data;
        this.available = available;
        this.limits = limits;
    }

    /**
     * Decodes {@code data[0, available)}, the chunk at {@code fileOffset}; bytes of {@code data} past
     * {@code available} (a truncated last chunk) must be zero.
     */
    public static ChunkOutcome decode(
            Path path, int chunkIndex, long fileOffset, byte[] data, int available, EvtxLimits limits) {
        ChunkDecoder decoder = new ChunkDecoder(path, chunkIndex, fileOffset, data, available, limits);
        try {
            decoder.decodeChunk();
        } catch (RuntimeException | StackOverflowError e) {
            // A defect, not a format problem: report it rather than lose the file's other chunks.
            decoder.skipChunk(decoder.problem(0, -1, Kind.INTERNAL_ERROR, e.toString()));
        }
        return decoder.out;
    }

    private void decodeChunk() {
        if (isZero(data, 0, available)) {
            out.status(ChunkOutcome.Status.EMPTY);
            return;
        }
        if (available < HEADER_SIZE) {
            skipChunk(problem(0, -1, Kind.CHUNK_TRUNCATED, "file ends " + available + " bytes into the chunk header"));
            return;
        }
        if (LittleEndian.i64(data, 0) != CHUNK_SIGNATURE) {
            skipChunk(problem(0, -1, Kind.CHUNK_SIGNATURE, "no ElfChnk signature"));
            return;
        }
        boolean checksums = (LittleEndian.i32(data, 120) & FLAG_NO_CRC32) == 0;
        long storedHeaderCrc = LittleEndian.u32(data, 124);
        long headerCrc = headerCrc();
        if (checksums && storedHeaderCrc != headerCrc) {
            skipChunk(problem(
                    0,
                    -1,
                    Kind.CHUNK_HEADER_CHECKSUM,
                    "header CRC32 0x" + Long.toHexString(storedHeaderCrc) + " != computed 0x"
                            + Long.toHexString(headerCrc)));
            return;
        }
        long freeSpace = LittleEndian.u32(data, 48);
        int end = (int) Math.min(freeSpace, CHUNK_SIZE);
        if (freeSpace < HEADER_SIZE || freeSpace > CHUNK_SIZE) {
            out.add(problem(
                    48,
                    -1,
                    Kind.CHUNK_HEADER_INVALID,
                    "free space offset 0x" + Long.toHexString(freeSpace) + " outside the chunk; scanning it all"));
            end = CHUNK_SIZE;
        }
        if (available < CHUNK_SIZE) {
            out.add(problem(
                    available,
                    -1,
                    Kind.CHUNK_TRUNCATED,
                    "file ends " + available + " bytes into the chunk; reading the records that fit"));
            end = Math.min(end, available);
        } else if (checksums && end == freeSpace) {
            CRC32 crc = new CRC32();
            crc.update(data, HEADER_SIZE, end - HEADER_SIZE);
            long stored = LittleEndian.u32(data, 52);
            if (crc.getValue() != stored) {
                out.add(problem(
                        HEADER_SIZE,
                        -1,
                        Kind.CHUNK_DATA_CHECKSUM,
                        "records CRC32 0x" + Long.toHexString(stored) + " != computed 0x"
                                + Long.toHexString(crc.getValue()) + "; records validated one by one"));
            }
        }
        readRecords(end);
    }

    private void readRecords(int end) {
        ChunkContext ctx = new ChunkContext(data, limits);
        BinXmlParser parser = new BinXmlParser(ctx);
        TemplateExpander expander = new TemplateExpander(ctx);
        int records = 0;
        int off = HEADER_SIZE;
        while (off + RECORD_HEADER <= end) {
            int size = frameSize(off, end);
            if (size < 0) {
                if (isZero(data, off, end)) {
                    return; // the unused rest of the chunk
                }
                int next = nextFrame(off + 1, end);
                out.add(problem(
                        off,
                        -1,
                        Kind.RECORD_FRAMING,
                        framingReason(off, end)
                                + (next < 0
                                        ? "; no further record in chunk"
                                        : "; resuming at 0x" + Integer.toHexString(next))));
                if (next < 0) {
                    return;
                }
                off = next;
                continue;
            }
            if (++records > limits.maxRecordsPerChunk()) {
                out.add(problem(
                        off,
                        -1,
                        Kind.CHUNK_LIMIT,
                        "more than " + limits.maxRecordsPerChunk() + " records; rest of chunk skipped"));
                return;
            }
            long recordId = LittleEndian.i64(data, off + 8);
            try {
                ctx.resetBudget();
                Element root = expander.root(parser.parse(off + RECORD_HEADER, off + size - 4, false, 0));
                long written = LittleEndian.i64(data, off + 16);
                out.add(new EvtxRecord(
                        recordId, chunkIndex, fileOffset + off, ValueText.filetimeInstant(written), DumpTree.of(root)));
            } catch (EvtxFormatException e) {
                out.add(problem(off, recordId, e.kind(), e.getMessage()));
                if (e.kind() == Kind.CHUNK_LIMIT) {
                    return;
                }
            } catch (RuntimeException | StackOverflowError e) {
                out.add(problem(off, recordId, Kind.INTERNAL_ERROR, e.toString()));
            }
            off += size;
        }
    }

    /** The size of a well-framed record at {@code off} (signature, size, copy of size), else -1. */
    private int frameSize(int off, int end) {
        if (LittleEndian.i32(data, off) != RECORD_SIGNATURE) {
            return -1;
        }
        long size = LittleEndian.u32(data, off + 4);
        if (size < RECORD_HEADER + 4 || size > end - off) {
            return -1;
        }
        return LittleEndian.u32(data, off + (int) size - 4) == size ? (int) size : -1;
    }

    private int nextFrame(int from, int end) {
        for (int p = from; p + RECORD_HEADER <= end; p++) {
            if (data[p] == 0x2a && frameSize(p, end) > 0) {
                return p;
            }
        }
        return -1;
    }

    private String framingReason(int off, int end) {
        if (LittleEndian.i32(data, off) != RECORD_SIGNATURE) {
            return "no record signature";
        }
        long size = LittleEndian.u32(data, off + 4);
        if (size < RECORD_HEADER + 4 || size > end - off) {
            return "record size " + size + " does not fit the chunk's " + (end - off) + " remaining bytes";
        }
        return "record size " + size + " != copy of size " + LittleEndian.u32(data, off + (int) size - 4);
    }

    /** CRC32 of the chunk header without its checksum field: bytes [0, 120) and [128, 512). */
    private long headerCrc() {
        CRC32 crc = new CRC32();
        crc.update(data, 0, 120);
        crc.update(data, 128, HEADER_SIZE - 128);
        return crc.getValue();
    }

    private static boolean isZero(byte[] data, int from, int to) {
        // Arrays.mismatch is vectorised; unused chunk slots in large logs are 64 KiB of zeros.
        return Arrays.mismatch(data, from, to, ZEROS, 0, to - from) < 0;
    }

    private void skipChunk(EvtxProblem problem) {
        out.add(problem);
        out.status(ChunkOutcome.Status.SKIPPED);
    }

    private EvtxProblem problem(int at, long recordId, Kind kind, String reason) {
        return new EvtxProblem(path, chunkIndex, fileOffset + at, recordId, kind, reason);
    }
}
