package io.vigil.evtx.internal;

import java.util.zip.CRC32;

/**
 * The 4 KiB file header. Only its signature and checksum matter to reading: chunks are found by
 * position and validated on their own, because dirty files (flag 0x1) routinely hold more chunks
 * than the header's count.
 */
final class FileHeader {
    static final int SIZE = 4096;
    private static final long SIGNATURE = 0x00656c6946666c45L; // "ElfFile\0"

    private FileHeader() {}

    /** Why the header is unusable, or null when its signature and CRC32 hold. */
    static String defect(byte[] header) {
        if (LittleEndian.i64(header, 0) != SIGNATURE) {
            return "no ElfFile signature";
        }
        CRC32 crc = new CRC32();
        crc.update(header, 0, 120);
        long stored = LittleEndian.u32(header, 124);
        if (crc.getValue() != stored) {
            return "header CRC32 0x" + Long.toHexString(stored) + " != computed 0x" + Long.toHexString(crc.getValue());
        }
        int major = LittleEndian.u16(header, 38);
        if (major != 3) {
            return "format version " + major + "." + LittleEndian.u16(header, 36) + " (expected 3.x)";
        }
        return null;
    }

    static boolean hasSignature(byte[] header) {
        return LittleEndian.i64(header, 0) == SIGNATURE;
    }

    /** The chunk count the header claims; a dirty file may hold more valid chunks after them. */
    static int chunkCount(byte[] header) {
        return LittleEndian.u16(header, 42);
    }
}
