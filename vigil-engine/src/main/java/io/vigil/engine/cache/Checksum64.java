package io.vigil.engine.cache;

import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * CRC-32 and Adler-32 side by side, plus the byte count: a 64-bit checksum for telling builds and rule
 * path lists apart. Not a cryptographic hash, and not used where an attacker could profit from a
 * collision: rule texts are compared in full. Chosen because both run as native code (zlib) from the
 * first call, where SHA-256 runs interpreted for most of a short-lived process.
 */
final class Checksum64 {
    private final CRC32 crc = new CRC32();
    private final Adler32 adler = new Adler32();
    private long length;

    void update(byte[] bytes) {
        crc.update(bytes);
        adler.update(bytes);
        length += bytes.length;
    }

    String hex() {
        return String.format("%08x%08x%x", crc.getValue(), adler.getValue(), length);
    }
}
