package io.vigil.evtx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Builds a large, valid EVTX file out of the chunks of existing ones, because real logs of tens or
 * hundreds of MiB are what the reader's speed and memory claims are about, and no such file may be
 * copied into the repository. Layout as documented by libyal ("Windows XML Event Log (EVTX)").
 *
 * <p>Contract: every 64 KiB chunk of the sources that is sound (signature, both CRC32s unless the
 * chunk says it has none, free space offset inside the chunk, records that tile {@code [512, free
 * space)} with matching size copies, at least one record) is a candidate; unsound chunks are counted
 * in {@link Summary#chunksRejected()}, never copied. Candidates are copied whole, in source order,
 * over and over, until the output reaches the target size. Each copy keeps its bytes (so its string
 * and template tables, which hold chunk-relative offsets, stay valid) except: every record header's
 * identifier is renumbered so that identifiers run 1, 2, 3... across the output, the chunk header's
 * first/last event record number and identifier follow, and both chunk CRC32s are recomputed. The
 * binary XML is not touched, so an {@code EventRecordID} element inside the event keeps its source
 * value. A fresh 4 KiB file header (version 3.1, chunk count, next record identifier, flags 0 =
 * clean, CRC32) comes first. The output is written chunk by chunk; memory does not grow with its
 * size. At most 65,535 chunks (the header's 16-bit count), i.e. just under 4 GiB.
 *
 * <pre>{@code
 * java -cp vigil-cli/target/vigil.jar io.vigil.evtx.EvtxFileAssembler OUT.evtx SIZE_MIB SRC...
 * }</pre>
 */
public final class EvtxFileAssembler {
    /** Size of the file header, and where the first chunk starts. */
    public static final int FILE_HEADER_SIZE = 4096;
    /** Size of a chunk. */
    public static final int CHUNK_SIZE = 0x10000;
    /** The largest chunk count the file header can hold. */
    public static final int MAX_CHUNKS = 0xffff;

    private static final int CHUNK_HEADER_SIZE = 512;
    private static final int RECORD_HEADER_SIZE = 24;
    private static final long FILE_SIGNATURE = 0x00656c6946666c45L; // "ElfFile\0"
    private static final long CHUNK_SIGNATURE = 0x006b6e6843666c45L; // "ElfChnk\0"
    private static final int RECORD_SIGNATURE = 0x00002a2a; // "**\0\0"
    private static final int FLAG_NO_CRC32 = 0x4;

    private EvtxFileAssembler() {}

    /**
     * A chunk of a source file that the assembler copies.
     *
     * @param file the source file
     * @param chunkIndex its zero-based position in {@code file}
     * @param records how many records it holds
     */
    public record SourceChunk(Path file, int chunkIndex, int records) {}

    /**
     * What {@link #assemble} wrote.
     *
     * @param candidates the sound source chunks, in the order they are copied (cyclically)
     * @param chunksRejected source chunks left out because they were unsound (empty slots excluded)
     * @param chunksWritten chunks in the output
     * @param recordsWritten records in the output, identified 1 to {@code recordsWritten}
     * @param bytesWritten the output's size
     */
    public record Summary(
            List<SourceChunk> candidates,
            int chunksRejected,
            int chunksWritten,
            long recordsWritten,
            long bytesWritten) {}

    /**
     * Writes {@code out} (replacing it) from the sound chunks of {@code sources} (files or folders,
     * searched for {@code *.evtx}), repeated until the file holds at least {@code targetBytes}, and
     * at least every candidate once when {@code targetBytes} is 0.
     *
     * @throws IllegalArgumentException when no source chunk is sound, or the target needs more than
     *     {@link #MAX_CHUNKS} chunks
     * @throws IOException when a source cannot be read or the output written
     */
    public static Summary assemble(List<Path> sources, long targetBytes, Path out) throws IOException {
        Objects.requireNonNull(out, "out");
        List<Path> files = evtxFiles(sources);
        List<SourceChunk> candidates = new ArrayList<>();
        int rejected = 0;
        byte[] chunk = new byte[CHUNK_SIZE];
        for (Path file : files) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long count = (ch.size() - FILE_HEADER_SIZE) / CHUNK_SIZE;
                for (int i = 0; i < count && i < MAX_CHUNKS; i++) {
                    readChunk(ch, i, chunk);
                    int records = soundRecords(chunk);
                    if (records > 0) {
                        candidates.add(new SourceChunk(file, i, records));
                    } else if (records < 0) {
                        rejected++;
                    }
                }
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no sound EVTX chunk in " + sources);
        }
        long wanted = Math.max(
                candidates.size(), (Math.max(0, targetBytes - FILE_HEADER_SIZE) + CHUNK_SIZE - 1) / CHUNK_SIZE);
        if (wanted > MAX_CHUNKS) {
            throw new IllegalArgumentException(
                    "target of " + targetBytes + " bytes needs " + wanted + " chunks; the header holds " + MAX_CHUNKS);
        }
        int chunks = (int) wanted;
        long nextId = 1;
        try (FileChannel dst = FileChannel.open(
                out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            writeFully(dst, ByteBuffer.wrap(new byte[FILE_HEADER_SIZE]), 0); // placeholder until the count is known
            FileChannel src = null;
            Path open = null;
            try {
                for (int i = 0; i < chunks; i++) {
                    SourceChunk c = candidates.get(i % candidates.size());
                    if (!c.file().equals(open)) {
                        if (src != null) {
                            src.close();
                        }
                        src = FileChannel.open(c.file(), StandardOpenOption.READ);
                        open = c.file();
                    }
                    readChunk(src, c.chunkIndex(), chunk);
                    nextId = renumber(chunk, nextId);
                    writeFully(dst, ByteBuffer.wrap(chunk), FILE_HEADER_SIZE + (long) i * CHUNK_SIZE);
                }
            } finally {
                if (src != null) {
                    src.close();
                }
            }
            writeFully(dst, ByteBuffer.wrap(fileHeader(chunks, nextId)), 0);
        }
        return new Summary(
                List.copyOf(candidates), rejected, chunks, nextId - 1, FILE_HEADER_SIZE + (long) chunks * CHUNK_SIZE);
    }

    /**
     * {@code OUT.evtx SIZE_MIB SRC...}: assembles {@code OUT.evtx} of at least {@code SIZE_MIB} MiB
     * from the {@code .evtx} files and folders {@code SRC} and prints what it wrote.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: EvtxFileAssembler OUT.evtx SIZE_MIB SRC_DIR_OR_FILE...");
            System.exit(2);
        }
        List<Path> sources = Stream.of(args).skip(2).map(Path::of).collect(Collectors.toList());
        long start = System.nanoTime();
        Summary s = assemble(sources, Long.parseLong(args[1]) << 20, Path.of(args[0]));
        System.out.printf(
                Locale.ROOT,
                "%s: %,d bytes, %,d chunks, %,d records from %d sound source chunks (%d rejected) in %.1f s%n",
                args[0],
                s.bytesWritten(),
                s.chunksWritten(),
                s.recordsWritten(),
                s.candidates().size(),
                s.chunksRejected(),
                (System.nanoTime() - start) / 1e9);
    }

    private static List<Path> evtxFiles(List<Path> sources) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path source : sources) {
            if (Files.isDirectory(source)) {
                try (Stream<Path> s = Files.walk(source)) {
                    s.filter(p -> Files.isRegularFile(p)
                                    && p.getFileName()
                                            .toString()
                                            .toLowerCase(Locale.ROOT)
                                            .endsWith(".evtx"))
                            .sorted()
                            .forEach(files::add);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            } else {
                files.add(source);
            }
        }
        return files;
    }

    /**
     * The number of records of a sound chunk, 0 for an all-zero (unused) slot, -1 for an unsound one.
     */
    static int soundRecords(byte[] c) {
        if (isZero(c)) {
            return 0;
        }
        if (i64(c, 0) != CHUNK_SIGNATURE) {
            return -1;
        }
        long free = u32(c, 48);
        if (free < CHUNK_HEADER_SIZE + RECORD_HEADER_SIZE || free > CHUNK_SIZE) {
            return -1;
        }
        if ((i32(c, 120) & FLAG_NO_CRC32) == 0
                && (u32(c, 124) != headerCrc(c) || u32(c, 52) != recordsCrc(c, (int) free))) {
            return -1;
        }
        int records = 0;
        int off = CHUNK_HEADER_SIZE;
        while (off < free) {
            if (off + RECORD_HEADER_SIZE > free || i32(c, off) != RECORD_SIGNATURE) {
                return -1;
            }
            long size = u32(c, off + 4);
            if (size < RECORD_HEADER_SIZE + 4 || size > free - off || u32(c, off + (int) size - 4) != size) {
                return -1;
            }
            records++;
            off += (int) size;
        }
        return records;
    }

    /** Renumbers a sound chunk's records from {@code firstId}, fixes its header; the next free id. */
    private static long renumber(byte[] c, long firstId) {
        int free = (int) u32(c, 48);
        long id = firstId;
        for (int off = CHUNK_HEADER_SIZE; off < free; off += (int) u32(c, off + 4)) {
            put64(c, off + 8, id++);
        }
        put64(c, 8, firstId); // first event record number
        put64(c, 16, id - 1); // last event record number
        put64(c, 24, firstId); // first event record identifier
        put64(c, 32, id - 1); // last event record identifier
        put32(c, 120, i32(c, 120) & ~FLAG_NO_CRC32); // the CRC32s written below are real
        put32(c, 52, (int) recordsCrc(c, free));
        put32(c, 124, (int) headerCrc(c));
        return id;
    }

    private static byte[] fileHeader(int chunks, long nextId) {
        byte[] h = new byte[FILE_HEADER_SIZE];
        put64(h, 0, FILE_SIGNATURE);
        put64(h, 8, 0); // first chunk number
        put64(h, 16, chunks - 1); // last chunk number
        put64(h, 24, nextId); // next record identifier
        put32(h, 32, 128); // header size
        put16(h, 36, 1); // minor format version
        put16(h, 38, 3); // major format version
        put16(h, 40, FILE_HEADER_SIZE); // header block size
        put16(h, 42, chunks); // number of chunks
        put32(h, 120, 0); // flags: clean, not full
        CRC32 crc = new CRC32();
        crc.update(h, 0, 120);
        put32(h, 124, (int) crc.getValue());
        return h;
    }

    /** CRC32 of the chunk header without its checksum: bytes [0, 120) and [128, 512). */
    private static long headerCrc(byte[] c) {
        CRC32 crc = new CRC32();
        crc.update(c, 0, 120);
        crc.update(c, 128, CHUNK_HEADER_SIZE - 128);
        return crc.getValue();
    }

    private static long recordsCrc(byte[] c, int free) {
        CRC32 crc = new CRC32();
        crc.update(c, CHUNK_HEADER_SIZE, free - CHUNK_HEADER_SIZE);
        return crc.getValue();
    }

    private static void readChunk(FileChannel ch, int index, byte[] into) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(into);
        long at = FILE_HEADER_SIZE + (long) index * CHUNK_SIZE;
        while (b.hasRemaining()) {
            int n = ch.read(b, at + b.position());
            if (n < 0) {
                throw new IOException("chunk " + index + " ends early at byte " + (at + b.position()));
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b, at + b.position());
        }
    }

    private static boolean isZero(byte[] c) {
        for (byte b : c) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static int i32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static long u32(byte[] b, int off) {
        return i32(b, off) & 0xffffffffL;
    }

    private static long i64(byte[] b, int off) {
        return u32(b, off) | ((long) i32(b, off + 4)) << 32;
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    private static void put32(byte[] b, int off, int v) {
        put16(b, off, v);
        put16(b, off + 2, v >>> 16);
    }

    private static void put64(byte[] b, int off, long v) {
        put32(b, off, (int) v);
        put32(b, off + 4, (int) (v >>> 32));
    }
}
