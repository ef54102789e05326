package io.vigil.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Inputs Jazzer found to break an invariant of {@link EvtxReaderFuzzTest}, kept as named regression
 * tests with their bytes written out (see {@link EvtxReaderFuzzTest#image} for how an input maps to
 * an EVTX image).
 */
class FuzzFindingsTest {

    /**
     * Patching one byte of a value turned a UTF-16 name into a lone low surrogate (0xDD00); the JSON
     * writer escaped it, which RFC 8259's grammar allows but Jackson rejects. Strings are now decoded
     * with unpaired surrogates replaced by U+FFFD.
     */
    @Test
    void loneSurrogateInAnElementNameStillGivesParseableJson() throws Exception {
        byte[] input = {0x1f, 0x3a, 0x04, (byte) 0xba};
        EvtxReaderFuzzTest.check(EvtxReaderFuzzTest.image(input));
        RecordCollector got = SampleFiles.read(EvtxReaderFuzzTest.image(input));
        assertThat(EvtxJson.toJson(got.records.get(4).tree())).contains("\ufffd");
    }
}
