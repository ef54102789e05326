package io.vigil.evtx;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong with an EVTX file, reported where it was found so that nothing is dropped silently.
 *
 * <p>Contract: {@code chunkIndex} is the zero-based chunk number (-1 for the file header), {@code
 * byteOffset} the absolute file offset of the damaged structure, {@code recordId} the event record
 * identifier when a record header could be read (-1 otherwise). The {@link Kind} says whether the unit
 * was skipped or only flagged.
 */
public record EvtxProblem(Path path, int chunkIndex, long byteOffset, long recordId, Kind kind, String reason) {

    /** What went wrong, and what the reader did about it. */
    public enum Kind {
        /** The file is shorter than its 4 KiB header or is not an EVTX file at all; nothing was read. */
        NOT_EVTX(Scope.FILE, true),
        /** The file header has a bad signature, checksum or field; chunks were still scanned. */
        FILE_HEADER_INVALID(Scope.FILE, false),
        /** A non-empty chunk slot does not start with {@code ElfChnk}; the chunk was skipped. */
        CHUNK_SIGNATURE(Scope.CHUNK, true),
        /** The chunk header CRC32 does not match; its offsets cannot be trusted, so it was skipped. */
        CHUNK_HEADER_CHECKSUM(Scope.CHUNK, true),
        /** A chunk header field is impossible (e.g. free-space offset); records were scanned anyway. */
        CHUNK_HEADER_INVALID(Scope.CHUNK, false),
        /**
         * The CRC32 over the chunk's records does not match; each record was still validated and read on
         * its own, so some record values may be damaged.
         */
        CHUNK_DATA_CHECKSUM(Scope.CHUNK, false),
        /** The file ends inside this chunk; the records that fit were read. */
        CHUNK_TRUNCATED(Scope.CHUNK, false),
        /**
         * The chunk holds more records than {@link EvtxLimits#maxRecordsPerChunk()}, or its records
         * together expand to more than 16 x {@link EvtxLimits#maxNodesPerRecord()} nodes; the rest of
         * the chunk was skipped.
         */
        CHUNK_LIMIT(Scope.CHUNK, false),
        /** Bytes where a record should be do not frame one (signature, size, copy of size). */
        RECORD_FRAMING(Scope.RECORD, true),
        /** A record's binary XML is malformed; the record was skipped. */
        RECORD_BINXML(Scope.RECORD, true),
        /** A record exceeded one of the {@link EvtxLimits}; the record was skipped. */
        RECORD_LIMIT(Scope.RECORD, true),
        /** An unexpected failure inside the reader (a defect); the record or chunk was skipped. */
        INTERNAL_ERROR(Scope.RECORD, true);

        private final Scope scope;
        private final boolean skips;

        Kind(Scope scope, boolean skips) {
            this.scope = scope;
            this.skips = skips;
        }

        /** Which unit the problem is about. */
        public Scope scope() {
            return scope;
        }

        /** Whether the unit named by {@link #scope()} was left out of the output. */
        public boolean skips() {
            return skips;
        }
    }

    /** The unit a problem concerns. */
    public enum Scope {
        FILE,
        CHUNK,
        RECORD
    }

    public EvtxProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code path: chunk N @0xOFFSET record ID: KIND: reason}, for diagnostics. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(path);
        if (chunkIndex >= 0) {
            s.append(": chunk ").append(chunkIndex);
        }
        s.append(" @0x").append(Long.toHexString(byteOffset));
        if (recordId >= 0) {
            s.append(" record ").append(recordId);
        }
        return s.append(": ").append(kind).append(": ").append(reason).toString();
    }
}
