package io.vigil.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.evtx.EvtxProblem.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files made from a valid three-chunk file of 60 records (20 per chunk): each damage is
 * reported with its location, and every record outside the damage still comes out, in order.
 */
class DamagedFileTest {
    private static final int CHUNK1 = EvtxImage.HEADER + EvtxImage.CHUNK;
    private static final int CHUNK2 = EvtxImage.HEADER + 2 * EvtxImage.CHUNK;

    @TempDir
    Path dir;

    @Test
    void intactFileReadsEveryRecordInOrderSequentiallyAndInParallel() throws Exception {
        byte[] file = SampleFiles.records(3, 20);
        RecordCollector parallel = SampleFiles.read(file);
        RecordCollector sequential = SampleFiles.read(file, EvtxLimits.DEFAULTS.withParallelChunks(1));
        assertThat(parallel.problems).isEmpty();
        assertThat(ids(parallel)).isEqualTo(range(1, 60));
        assertThat(trees(parallel)).isEqualTo(trees(sequential));
        assertThat(parallel.result).isEqualTo(new EvtxResult(60, 0, 3, 0, Map.of()));
        assertThat(parallel.records.get(20).chunkIndex()).isEqualTo(1);
        assertThat(parallel.records.get(20).fileOffset()).isEqualTo(CHUNK1 + 512);
    }

    @Test
    void truncatedInsideAChunkKeepsTheRecordsThatFit() throws Exception {
        byte[] whole = SampleFiles.records(3, 20);
        int cut = recordOffset(whole, CHUNK1, 10) + 7; // inside chunk 1's eleventh record
        RecordCollector got = SampleFiles.read(Arrays.copyOf(whole, cut));
        assertThat(ids(got)).isEqualTo(range(1, 30));
        assertThat(got.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.CHUNK_TRUNCATED);
            assertThat(p.chunkIndex()).isEqualTo(1);
            assertThat(p.byteOffset()).isEqualTo(cut);
        });
    }

    @Test
    void truncatedInsideTheHeadersReportsWithoutRecords() throws Exception {
        byte[] whole = SampleFiles.records(1, 5);
        RecordCollector header = SampleFiles.read(Arrays.copyOf(whole, 100));
        assertThat(header.records).isEmpty();
        assertThat(kinds(header)).containsExactly(Kind.NOT_EVTX);
        RecordCollector chunkHeader = SampleFiles.read(Arrays.copyOf(whole, EvtxImage.HEADER + 300));
        assertThat(chunkHeader.records).isEmpty();
        assertThat(kinds(chunkHeader)).containsExactly(Kind.CHUNK_TRUNCATED);
        assertThat(chunkHeader.result.chunksSkipped()).isEqualTo(1);
        assertThat(SampleFiles.read(new byte[0]).problems)
                .extracting(EvtxProblem::kind)
                .containsExactly(Kind.NOT_EVTX);
    }

    @Test
    void damagedFileHeaderIsReportedAndChunksAreStillRead() throws Exception {
        byte[] crc = SampleFiles.records(3, 20);
        crc[50] ^= 0x01;
        RecordCollector got = SampleFiles.read(crc);
        assertThat(kinds(got)).containsExactly(Kind.FILE_HEADER_INVALID);
        assertThat(got.problems.get(0).chunkIndex()).isEqualTo(-1);
        assertThat(ids(got)).isEqualTo(range(1, 60));

        byte[] signature = SampleFiles.records(3, 20);
        signature[0] = 'X';
        assertThat(ids(SampleFiles.read(signature))).isEqualTo(range(1, 60));

        byte[] notEvtx = new byte[200_000];
        Arrays.fill(notEvtx, (byte) 'A');
        RecordCollector text = SampleFiles.read(notEvtx);
        assertThat(kinds(text)).containsExactly(Kind.NOT_EVTX);
    }

    @Test
    void chunkWithBadHeaderChecksumOrSignatureIsSkippedAlone() throws Exception {
        byte[] crc = SampleFiles.records(3, 20);
        crc[CHUNK1 + 8] ^= 0x40;
        RecordCollector got = SampleFiles.read(crc);
        assertThat(ids(got)).isEqualTo(concat(range(1, 20), range(41, 60)));
        assertThat(got.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.CHUNK_HEADER_CHECKSUM);
            assertThat(p.chunkIndex()).isEqualTo(1);
            assertThat(p.byteOffset()).isEqualTo(CHUNK1);
        });
        assertThat(got.result.chunksSkipped()).isEqualTo(1);

        byte[] signature = SampleFiles.records(3, 20);
        signature[CHUNK2 + 2] = 'x';
        RecordCollector bad = SampleFiles.read(signature);
        assertThat(ids(bad)).isEqualTo(range(1, 40));
        assertThat(kinds(bad)).containsExactly(Kind.CHUNK_SIGNATURE);
    }

    @Test
    void wrongRecordsChecksumIsReportedAndRecordsAreStillValidatedAndRead() throws Exception {
        byte[] file = SampleFiles.records(3, 20);
        file[CHUNK1 + 52] ^= 0x01; // records CRC32
        fixHeaderCrcOnly(file, CHUNK1); // so that only the records checksum is wrong
        RecordCollector got = SampleFiles.read(file);
        assertThat(ids(got)).isEqualTo(range(1, 60));
        assertThat(got.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.CHUNK_DATA_CHECKSUM);
            assertThat(p.chunkIndex()).isEqualTo(1);
            assertThat(p.byteOffset()).isEqualTo(CHUNK1 + 512);
        });
    }

    @Test
    void recordWithBrokenFramingIsSkippedAndTheNextOneFound() throws Exception {
        byte[] file = SampleFiles.records(3, 20);
        int record5 = recordOffset(file, CHUNK1, 5);
        EvtxImage.le32(file, record5 + 4, 0x7fff_0000); // absurd size
        RecordCollector got = SampleFiles.read(file);
        assertThat(ids(got)).doesNotContain(26L).contains(25L, 27L, 40L, 60L).hasSize(59);
        assertThat(got.problems)
                .extracting(EvtxProblem::kind)
                .containsExactly(Kind.CHUNK_DATA_CHECKSUM, Kind.RECORD_FRAMING);
        EvtxProblem framing = got.problems.get(1);
        assertThat(framing.chunkIndex()).isEqualTo(1);
        assertThat(framing.byteOffset()).isEqualTo(record5);
        assertThat(framing.reason()).contains("resuming at");
        assertThat(got.result.recordsSkipped()).isEqualTo(1);
    }

    @Test
    void recordWithMalformedBinaryXmlIsSkippedWithItsId() throws Exception {
        byte[] file = SampleFiles.records(3, 20);
        int record5 = recordOffset(file, CHUNK1, 5);
        // Records after the first reuse the template: 0x0f 01 01 00, 0x0c, version, id, offset, count.
        assertThat(file[record5 + 24 + 4]).isEqualTo((byte) 0x0c);
        EvtxImage.le32(file, record5 + 24 + 4 + 10, 0x7fff_ffff); // value count
        int record6 = recordOffset(file, CHUNK1, 6);
        file[record6 + 24 + 4] = (byte) 0xfe; // not a token
        RecordCollector got = SampleFiles.read(file);
        assertThat(ids(got)).doesNotContain(26L, 27L).hasSize(58);
        List<EvtxProblem> records =
                got.problems.stream().filter(p -> p.recordId() >= 0).collect(Collectors.toList());
        assertThat(records).extracting(EvtxProblem::recordId).containsExactly(26L, 27L);
        assertThat(records).extracting(EvtxProblem::kind).containsOnly(Kind.RECORD_BINXML);
        assertThat(records.get(0).byteOffset()).isEqualTo(record5);
        assertThat(records.get(0).reason()).contains("2147483647");
    }

    @Test
    void absurdHeaderFieldsDirtyFilesAndEmptySlots() throws Exception {
        byte[] free = SampleFiles.records(3, 20);
        EvtxImage.le32(free, CHUNK1 + 48, -1);
        fixHeaderCrcOnly(free, CHUNK1);
        RecordCollector got = SampleFiles.read(free);
        assertThat(ids(got)).isEqualTo(range(1, 60));
        assertThat(kinds(got)).containsExactly(Kind.CHUNK_HEADER_INVALID);

        byte[] dirty = SampleFiles.records(3, 20);
        EvtxImage.le16(dirty, 42, 1); // header counts one chunk
        EvtxImage.le32(dirty, 120, 1); // dirty flag
        EvtxImage.fixFileHeaderCrc(dirty);
        RecordCollector beyond = SampleFiles.read(dirty);
        assertThat(beyond.problems).isEmpty();
        assertThat(ids(beyond)).isEqualTo(range(1, 60));

        byte[] empty = SampleFiles.records(3, 20);
        Arrays.fill(empty, CHUNK1, CHUNK2, (byte) 0);
        RecordCollector slot = SampleFiles.read(empty);
        assertThat(slot.problems).isEmpty();
        assertThat(ids(slot)).isEqualTo(concat(range(1, 20), range(41, 60)));
        assertThat(slot.result.chunksRead()).isEqualTo(2);
        assertThat(slot.result.chunksSkipped()).isZero();
    }

    @Test
    void limitsSkipWhatExceedsThemAndReportIt() throws Exception {
        byte[] file = SampleFiles.records(2, 20);
        EvtxLimits fewRecords = new EvtxLimits(64, 1024, 65_536, 8_192, 5, 100_000, 4);
        RecordCollector got = SampleFiles.read(file, fewRecords);
        assertThat(ids(got)).containsExactly(1L, 2L, 3L, 4L, 5L, 21L, 22L, 23L, 24L, 25L);
        assertThat(kinds(got)).containsExactly(Kind.CHUNK_LIMIT, Kind.CHUNK_LIMIT);

        EvtxLimits shallow = new EvtxLimits(2, 1024, 65_536, 8_192, 8_192, 100_000, 4);
        RecordCollector deep = SampleFiles.read(file, shallow);
        assertThat(deep.records).isEmpty();
        assertThat(deep.problems).hasSize(40).extracting(EvtxProblem::kind).containsOnly(Kind.RECORD_LIMIT);

        EvtxLimits shortStrings = new EvtxLimits(64, 1024, 10, 8_192, 8_192, 100_000, 4);
        assertThat(SampleFiles.read(file, shortStrings).problems)
                .extracting(EvtxProblem::kind)
                .containsOnly(Kind.RECORD_LIMIT);
    }

    @Test
    void damagedCopyOfARealLogStillYieldsItsOtherChunks(@TempDir Path temp) throws Exception {
        Path original = SharedCorpus.attackSamples().resolve("Command and Control/bits_openvpn.evtx");
        Path copy = temp.resolve("copy.evtx");
        byte[] bytes = Files.readAllBytes(original);
        RecordCollector intact = RecordCollector.read(original);
        long inChunk1 = intact.records.stream().filter(r -> r.chunkIndex() == 1).count();
        assertThat(inChunk1).isPositive();
        bytes[CHUNK1 + 30] ^= 0x55; // inside the chunk header's CRC-covered fields
        Files.write(copy, bytes);
        RecordCollector damaged = RecordCollector.read(copy);
        assertThat(damaged.records).hasSize(intact.records.size() - (int) inChunk1);
        assertThat(damaged.problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(copy);
            assertThat(p.kind()).isEqualTo(Kind.CHUNK_HEADER_CHECKSUM);
            assertThat(p.chunkIndex()).isEqualTo(1);
        });
    }

    /** The chunk offset of the {@code n}th (0-based) record of the chunk at {@code chunk}. */
    private static int recordOffset(byte[] file, int chunk, int n) {
        int off = chunk + 512;
        for (int i = 0; i < n; i++) {
            off += (int) EvtxImage.u32(file, off + 4);
        }
        return off;
    }

    private static void fixHeaderCrcOnly(byte[] file, int chunk) {
        CRC32 crc = new CRC32();
        crc.update(file, chunk, 120);
        crc.update(file, chunk + 128, 384);
        EvtxImage.le32(file, chunk + 124, (int) crc.getValue());
    }

    private static List<Long> ids(RecordCollector c) {
        return c.records.stream().map(EvtxRecord::recordId).collect(Collectors.toList());
    }

    private static List<Object> trees(RecordCollector c) {
        return c.records.stream().map(EvtxRecord::tree).collect(Collectors.toList());
    }

    private static List<Kind> kinds(RecordCollector c) {
        return c.problems.stream().map(EvtxProblem::kind).collect(Collectors.toList());
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toList());
    }
}
