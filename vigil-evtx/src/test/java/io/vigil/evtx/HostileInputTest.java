package io.vigil.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.evtx.EvtxImage.BinXml;
import io.vigil.evtx.EvtxImage.Value;
import io.vigil.evtx.EvtxProblem.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Inputs built to make a naive reader loop, recurse without end or allocate without bound: each must
 * be reported promptly as a limit or format problem, with the records around it intact.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HostileInputTest {

    @Test
    void arrayExpansionCrossProductHitsTheNodeBudget() throws Exception {
        byte[] items = "a\0".repeat(3000).getBytes(StandardCharsets.UTF_16LE);
        List<Value> values = List.of(
                Value.number(0x06, 1, 2), Value.raw(0x81, items), Value.raw(0x81, items), Value.raw(0x81, items));
        byte[] file = SampleFiles.oneRecord(
                d -> d.open("Bomb", false)
                        .closeStart()
                        .substitution(1, 0x81, false)
                        .substitution(2, 0x81, false)
                        .substitution(3, 0x81, false)
                        .end(),
                values);
        RecordCollector got = SampleFiles.read(file);
        assertThat(got.records).isEmpty();
        assertThat(got.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.RECORD_LIMIT);
            assertThat(p.recordId()).isEqualTo(1);
            assertThat(p.reason()).contains("nodes");
        });
    }

    @Test
    void templateThatContainsItselfIsMalformed() throws Exception {
        EvtxImage.Chunk chunk = new EvtxImage.Chunk();
        chunk.record(1, SampleFiles.FILETIME_2021, r -> {
            r.fragmentHeader();
            r.template(
                    d -> {
                        int self = d.position() - 24; // the definition header precedes its data
                        d.fragmentHeader()
                                .open("Loop", false)
                                .closeStart()
                                .instanceOf(self, List.of())
                                .end()
                                .eof();
                    },
                    List.of());
            r.eof();
        });
        addPlainRecord(chunk, 2);
        RecordCollector got = SampleFiles.read(EvtxImage.file(List.of(chunk.finish())));
        assertThat(got.records).extracting(EvtxRecord::recordId).containsExactly(2L);
        assertThat(got.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.RECORD_BINXML);
            assertThat(p.reason()).contains("contains itself");
        });
    }

    @Test
    void templatesDoublingThroughReuseHitTheNodeBudget() throws Exception {
        EvtxImage.Chunk chunk = new EvtxImage.Chunk();
        int[] previous = {-1};
        for (int level = 0; level < 40; level++) {
            int below = previous[0];
            chunk.record(level + 1, SampleFiles.FILETIME_2021, r -> {
                r.fragmentHeader();
                previous[0] = r.template(
                        d -> {
                            d.fragmentHeader().open("L", false).closeStart();
                            if (below >= 0) {
                                d.instanceOf(below, List.of()).instanceOf(below, List.of());
                            }
                            d.end().eof();
                        },
                        List.of());
                r.eof();
            });
        }
        RecordCollector got = SampleFiles.read(EvtxImage.file(List.of(chunk.finish())));
        // Level n expands to 2^(n+1) - 1 elements: up to level 15 fits the default 100,000 nodes;
        // the records above each spend up to that budget until the chunk's 16-fold budget is gone.
        assertThat(got.records).hasSizeBetween(14, 17);
        assertThat(got.problems)
                .extracting(EvtxProblem::kind)
                .contains(Kind.RECORD_LIMIT)
                .endsWith(Kind.CHUNK_LIMIT);
        assertThat(got.records.size() + got.problems.size()).isLessThan(40);
    }

    @Test
    void deeplyNestedEmbeddedBinaryXmlHitsTheDepthLimit() throws Exception {
        Value nested = Value.string("leaf");
        for (int i = 0; i < 200; i++) {
            Value inner = nested;
            nested = Value.binXml(w -> {
                w.fragmentHeader();
                w.template(
                        d -> d.fragmentHeader()
                                .open("N", false)
                                .closeStart()
                                .substitution(0, inner.type(), false)
                                .end()
                                .eof(),
                        List.of(inner));
                w.eof();
            });
        }
        Value bomb = nested;
        byte[] file = SampleFiles.oneRecord(
                d -> d.open("UserData", false)
                        .closeStart()
                        .substitution(1, 0x21, false)
                        .end(),
                List.of(Value.number(0x06, 1, 2), bomb));
        RecordCollector got = SampleFiles.read(file);
        assertThat(got.records).isEmpty();
        assertThat(got.problems).extracting(EvtxProblem::kind).containsExactly(Kind.RECORD_LIMIT);
    }

    @Test
    void twoThousandNestedElementsHitTheDepthLimitWithoutRecursion() throws Exception {
        byte[] file = SampleFiles.oneRecord(
                d -> {
                    for (int i = 0; i < 2000; i++) {
                        d.open("E", false).closeStart();
                    }
                    for (int i = 0; i < 2000; i++) {
                        d.end();
                    }
                },
                List.of(Value.number(0x06, 1, 2)));
        RecordCollector got = SampleFiles.read(file);
        assertThat(got.problems).extracting(EvtxProblem::kind).containsExactly(Kind.RECORD_LIMIT);
    }

    @Test
    void absurdCountsAndOffsetsAreFormatProblems() throws Exception {
        List<byte[]> tails = new ArrayList<>();
        tails.add(new byte[] {0x0c, 1, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}); // template offset
        tails.add(new byte[] {0x41, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0x10, 0, 0, 0}); // name offset
        tails.add(new byte[] {0x05, 0x01, (byte) 0xff, (byte) 0xff, 0x41, 0}); // text longer than the record
        tails.add(new byte[] {0x09, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}); // entity name offset
        for (byte[] tail : tails) {
            EvtxImage.Chunk chunk = new EvtxImage.Chunk();
            chunk.record(
                    1,
                    SampleFiles.FILETIME_2021,
                    r -> r.fragmentHeader().bytes(tail).eof());
            addPlainRecord(chunk, 2);
            RecordCollector got = SampleFiles.read(EvtxImage.file(List.of(chunk.finish())));
            assertThat(got.records).extracting(EvtxRecord::recordId).containsExactly(2L);
            assertThat(got.problems).extracting(EvtxProblem::kind).containsExactly(Kind.RECORD_BINXML);
        }
    }

    private static void addPlainRecord(EvtxImage.Chunk chunk, long id) {
        chunk.record(
                id,
                SampleFiles.FILETIME_2021,
                (BinXml r) -> r.fragmentHeader()
                        .open("Event", false)
                        .closeStart()
                        .element("EventID", "7")
                        .end()
                        .eof());
    }
}
