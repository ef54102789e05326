package io.vigil.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.evtx.EvtxImage.Value;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target for the whole reader. In a normal {@code mvn test} Jazzer replays the stored inputs
 * (regression mode); {@code mvn -Pfuzz test} fuzzes it (see the pom). Every input must be read
 * without an exception, without an INTERNAL_ERROR problem (a caught defect), and every record tree
 * must serialise to valid JSON.
 *
 * <p>Random bytes rarely pass a chunk's CRC32s, so the first input byte picks how the rest is used:
 * as a whole file; as the records area of a chunk whose headers and checksums are made valid; or as
 * byte patches to a valid two-chunk sample with templates, arrays and embedded binary XML (checksums
 * then fixed or not). That puts the fuzzer's mutations where the decoding logic is.
 */
class EvtxReaderFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] SAMPLE = sample();
    private static final EvtxLimits LIMITS = EvtxLimits.DEFAULTS.withParallelChunks(1);

    @FuzzTest(maxDuration = "5m")
    void readAnyBytes(byte[] input) throws IOException {
        check(image(input));
    }

    /** The EVTX image an input stands for. */
    static byte[] image(byte[] input) {
        if (input.length == 0) {
            return SAMPLE.clone();
        }
        int mode = input[0] & 0x03;
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        if (mode == 0) {
            return rest;
        }
        if (mode == 1) {
            byte[] file = EvtxImage.file(List.of(new EvtxImage.Chunk().finish()));
            int length = Math.min(rest.length, EvtxImage.CHUNK - 512);
            System.arraycopy(rest, 0, file, EvtxImage.HEADER + 512, length);
            EvtxImage.le32(file, EvtxImage.HEADER + 48, 512 + length);
            EvtxImage.fixChunkCrcs(file, EvtxImage.HEADER);
            return file;
        }
        byte[] file = SAMPLE.clone();
        int area = file.length - EvtxImage.HEADER;
        for (int i = 0; i + 2 < rest.length; i += 3) {
            int offset = ((rest[i] & 0xff) | (rest[i + 1] & 0xff) << 8) + ((input[0] & 0x08) != 0 ? 0x10000 : 0);
            file[EvtxImage.HEADER + offset % area] = rest[i + 2];
        }
        if ((input[0] & 0x04) != 0) {
            EvtxImage.fixChunkCrcs(file, EvtxImage.HEADER);
            EvtxImage.fixChunkCrcs(file, EvtxImage.HEADER + EvtxImage.CHUNK);
        }
        return file;
    }

    static void check(byte[] image) throws IOException {
        List<EvtxRecord> records = new ArrayList<>();
        List<EvtxProblem> problems = new ArrayList<>();
        EvtxResult result = EvtxReader.read(Path.of("fuzz.evtx"), ByteBuffer.wrap(image), LIMITS, new EvtxListener() {
            @Override
            public void onRecord(EvtxRecord record) {
                records.add(record);
            }

            @Override
            public void onProblem(EvtxProblem problem) {
                problems.add(problem);
            }
        });
        assertThat(problems).noneMatch(p -> p.kind() == EvtxProblem.Kind.INTERNAL_ERROR);
        assertThat(result.recordsRead()).isEqualTo(records.size());
        for (EvtxRecord record : records) {
            JSON.readTree(EvtxJson.toJson(record.tree()));
        }
    }

    /** Two chunks: a template with most value types and arrays, reused; embedded binary XML. */
    private static byte[] sample() {
        List<byte[]> chunks = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            EvtxImage.Chunk chunk = new EvtxImage.Chunk();
            int[] definition = {-1};
            for (int r = 0; r < 4; r++) {
                List<Value> values = List.of(
                        Value.number(0x06, 4624 + r, 2),
                        Value.string("C:\\Windows\\cmd.exe"),
                        Value.raw(0x81, "a\0b\0".getBytes(StandardCharsets.UTF_16LE)),
                        Value.number(0x15, 0x8020000000000000L, 8),
                        Value.raw(0x0f, new byte[16]),
                        Value.number(0x11, SampleFiles.FILETIME_2021, 8),
                        Value.raw(0x13, new byte[] {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0}),
                        Value.binXml(w -> w.fragmentHeader()
                                .open("Inner", true)
                                .attribute("a")
                                .text("1")
                                .closeStart()
                                .text("x")
                                .cdata("y")
                                .entityRef("amp")
                                .charRef(66)
                                .end()
                                .eof()),
                        Value.raw(0x00, new byte[0]));
                chunk.record(c * 4 + r + 1, SampleFiles.FILETIME_2021, w -> {
                    w.fragmentHeader();
                    if (definition[0] < 0) {
                        definition[0] = w.template(SampleFiles.event(EvtxReaderFuzzTest::body), values);
                    } else {
                        w.instanceOf(definition[0], values);
                    }
                    w.eof();
                });
            }
            chunks.add(chunk.finish());
        }
        return EvtxImage.file(chunks);
    }

    private static void body(EvtxImage.BinXml d) {
        d.open("EventData", false).closeStart();
        int[] types = {0x01, 0x81, 0x15, 0x0f, 0x11, 0x13};
        for (int i = 0; i < types.length; i++) {
            d.open("Data", true)
                    .attribute("Name")
                    .text("F" + i)
                    .closeStart()
                    .substitution(i + 1, types[i], false)
                    .end();
        }
        d.open("Correlation", true)
                .attribute("ActivityID")
                .substitution(8, 0x0f, true)
                .closeEmpty();
        d.end();
        d.open("UserData", false)
                .closeStart()
                .substitution(7, 0x21, false)
                .pi("t", "d")
                .end();
    }
}
