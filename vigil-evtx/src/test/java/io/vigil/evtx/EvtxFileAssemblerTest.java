package io.vigil.evtx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.evtx.EvtxFileAssembler.SourceChunk;
import io.vigil.evtx.EvtxFileAssembler.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled file is a valid EVTX file that reads back, record for record, as the source chunks it
 * repeats, with record identifiers renumbered 1..n and all checksums right.
 */
class EvtxFileAssemblerTest {
    @TempDir
    Path dir;

    @Test
    void repeatsSourceChunksUntilTheTargetSizeWithRenumberedIds() throws Exception {
        write("a.evtx", SampleFiles.records(3, 7));
        write("sub/b.evtx", SampleFiles.records(2, 40));
        Path out = dir.resolve("big.evtx");

        Summary s = EvtxFileAssembler.assemble(List.of(dir), 12L * EvtxFileAssembler.CHUNK_SIZE, out);

        assertThat(s.candidates()).extracting(SourceChunk::records).containsExactly(7, 7, 7, 40, 40);
        assertThat(s.chunksRejected()).isZero();
        assertThat(s.chunksWritten()).isEqualTo(12);
        assertThat(s.recordsWritten()).isEqualTo(2 * (3 * 7 + 2 * 40) + 2 * 7);
        assertThat(Files.size(out)).isEqualTo(s.bytesWritten()).isEqualTo(4096 + 12L * 65536);
        assertReadsAsItsSources(out, s);
        assertChecksums(Files.readAllBytes(out), s.chunksWritten(), s.recordsWritten());
    }

    @Test
    void leavesOutUnsoundChunksAndCountsThem() throws Exception {
        byte[] damaged = SampleFiles.records(3, 5);
        damaged[4096 + 65536 + 600] ^= 0x55; // chunk 1's records no longer match their CRC32
        write("damaged.evtx", damaged);
        Path out = dir.resolve("out.evtx");

        Summary s = EvtxFileAssembler.assemble(List.of(dir.resolve("damaged.evtx")), 0, out);

        assertThat(s.candidates()).extracting(SourceChunk::chunkIndex).containsExactly(0, 2);
        assertThat(s.chunksRejected()).isEqualTo(1);
        assertThat(s.chunksWritten()).isEqualTo(2);
        assertReadsAsItsSources(out, s);
    }

    @Test
    void refusesSourcesWithoutASoundChunk() throws Exception {
        Path junk = write("junk.evtx", new byte[4096 + 65536 * 2]);
        assertThatThrownBy(() -> EvtxFileAssembler.assemble(List.of(junk), 0, dir.resolve("out.evtx")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no sound EVTX chunk");
    }

    @Test
    void refusesATargetBeyondTheHeadersChunkCount() throws Exception {
        Path a = write("a.evtx", SampleFiles.records(1, 1));
        assertThatThrownBy(() -> EvtxFileAssembler.assemble(List.of(a), 5L << 30, dir.resolve("out.evtx")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65535");
    }

    @Test
    void assemblesTheAttackSamplesIntoOneFileThatReadsAsThem() throws Exception {
        Path out = dir.resolve("attack-samples.evtx");
        Summary s = EvtxFileAssembler.assemble(List.of(SharedCorpus.attackSamples()), 0, out);

        System.out.printf(
                "assembled %d chunks, %d records from %d sound chunks of the EVTX-ATTACK-SAMPLES (%d rejected)%n",
                s.chunksWritten(), s.recordsWritten(), s.candidates().size(), s.chunksRejected());
        assertThat(s.chunksWritten()).isEqualTo(s.candidates().size());
        assertThat(s.recordsWritten()).isEqualTo(8_255);
        assertReadsAsItsSources(out, s);
        assertChecksums(Files.readAllBytes(out), s.chunksWritten(), s.recordsWritten());
    }

    /**
     * Reads {@code assembled} and checks: no problems, ids 1..n, and each output chunk's records have
     * the trees, written times and count of the source chunk it copies.
     */
    static void assertReadsAsItsSources(Path assembled, Summary s) throws IOException {
        RecordCollector got = RecordCollector.read(assembled);
        assertThat(got.problems).isEmpty();
        assertThat(got.result.chunksRead()).isEqualTo(s.chunksWritten());
        assertThat(got.records).hasSize((int) s.recordsWritten());
        Map<Path, Map<Integer, List<EvtxRecord>>> sources = new HashMap<>();
        List<EvtxRecord> expected = new ArrayList<>();
        for (int i = 0; i < s.chunksWritten(); i++) {
            SourceChunk c = s.candidates().get(i % s.candidates().size());
            List<EvtxRecord> records = sources.computeIfAbsent(c.file(), EvtxFileAssemblerTest::byChunk)
                    .get(c.chunkIndex());
            assertThat(records).as("%s chunk %d", c.file(), c.chunkIndex()).hasSize(c.records());
            expected.addAll(records);
        }
        for (int i = 0; i < expected.size(); i++) {
            EvtxRecord g = got.records.get(i);
            EvtxRecord e = expected.get(i);
            assertThat(g.recordId()).isEqualTo(i + 1L);
            assertThat(g.timestamp()).isEqualTo(e.timestamp());
            assertThat(g.tree())
                    .as("record %d (source id %d)", i + 1, e.recordId())
                    .isEqualTo(e.tree());
        }
    }

    private static Map<Integer, List<EvtxRecord>> byChunk(Path file) {
        try {
            Map<Integer, List<EvtxRecord>> m = new HashMap<>();
            for (EvtxRecord r : RecordCollector.read(file).records) {
                m.computeIfAbsent(r.chunkIndex(), k -> new ArrayList<>()).add(r);
            }
            return m;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The file header and every chunk header carry what the format asks for, with valid CRC32s. */
    static void assertChecksums(byte[] f, int chunks, long records) {
        assertThat(new String(f, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("ElfFile\0");
        assertThat(u16(f, 42)).as("chunk count").isEqualTo(chunks);
        assertThat(u64(f, 16)).as("last chunk number").isEqualTo(chunks - 1L);
        assertThat(u64(f, 24)).as("next record id").isEqualTo(records + 1);
        assertThat(u32(f, 120)).as("flags: clean").isZero();
        assertThat(u32(f, 124)).isEqualTo(crc(f, 0, 120));
        long next = 1;
        for (int i = 0; i < chunks; i++) {
            int c = 4096 + i * 65536;
            int free = (int) u32(f, c + 48);
            assertThat(u64(f, c + 8)).isEqualTo(next);
            assertThat(u64(f, c + 24)).isEqualTo(next);
            long n = 0;
            for (int off = c + 512; off < c + free; off += (int) u32(f, off + 4)) {
                assertThat(u64(f, off + 8)).isEqualTo(next + n++);
            }
            next += n;
            assertThat(u64(f, c + 16)).isEqualTo(next - 1);
            assertThat(u64(f, c + 32)).isEqualTo(next - 1);
            assertThat(u32(f, c + 52)).as("records CRC32 of chunk %d", i).isEqualTo(crc(f, c + 512, free - 512));
            CRC32 header = new CRC32();
            header.update(f, c, 120);
            header.update(f, c + 128, 384);
            assertThat(u32(f, c + 124)).as("header CRC32 of chunk %d", i).isEqualTo(header.getValue());
        }
        assertThat(next - 1).isEqualTo(records);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    private static long crc(byte[] b, int off, int len) {
        CRC32 crc = new CRC32();
        crc.update(b, off, len);
        return crc.getValue();
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int off) {
        return EvtxImage.u32(b, off);
    }

    private static long u64(byte[] b, int off) {
        return u32(b, off) | u32(b, off + 4) << 32;
    }
}
