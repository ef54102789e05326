package io.vigil.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Differential fuzz target for the byte scanner of flat records: on any input, an event it reads must
 * be the event Jackson's direct path reads, and a record Jackson does not read (malformed, or a shape
 * the direct path declines) must be declined. In a normal {@code mvn test} Jazzer replays the stored
 * inputs; {@code mvn -Pfuzz test} fuzzes it (see the pom). The first byte picks whether the rest is the
 * whole record or the inside of a string value of a small flat record, where escapes and UTF-8 live.
 */
class FlatRecordScannerFuzzTest {
    private static final Normalizer NORMALIZER = Normalizer.standard();
    private static final JsonFactory JACKSON = new JsonFactory();
    private static final byte[] BEFORE = "{\"EventID\": 1, \"CommandLine\": \"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AFTER = "\", \"n\": 7}".getBytes(StandardCharsets.UTF_8);

    @FuzzTest(maxDuration = "5m")
    void scannerReadsAsJacksonDoes(byte[] input) {
        byte[] record = record(input);
        Provenance where = Provenance.line("fuzz", 1);
        Event scanned = NORMALIZER.normalizeFlat(record, record.length, 1 << 20, 64, where);
        Event jackson;
        try (JsonParser parser = JACKSON.createParser(record)) {
            jackson = NORMALIZER.normalizeDirect(parser, where);
        } catch (IOException e) {
            // Jackson guesses UTF-16/32 from zero bytes and may fail decoding; the hunt then takes the
            // tree path, which reports it
            jackson = null;
        }
        if (jackson == null) {
            assertThat(scanned).isNull();
            return;
        }
        if (scanned != null) {
            assertThat(scanned.fields()).isEqualTo(jackson.fields());
            for (int i = 0; i < jackson.size(); i++) {
                Object expected = jackson.valueAt(i);
                if (expected != null) {
                    assertThat(scanned.valueAt(i)).isInstanceOf(expected.getClass());
                }
            }
            assertThat(scanned.timestamp()).isEqualTo(jackson.timestamp());
        }
    }

    private static byte[] record(byte[] input) {
        if (input.length == 0 || (input[0] & 1) == 0) {
            return input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        }
        byte[] out = new byte[BEFORE.length + input.length - 1 + AFTER.length];
        System.arraycopy(BEFORE, 0, out, 0, BEFORE.length);
        System.arraycopy(input, 1, out, BEFORE.length, input.length - 1);
        System.arraycopy(AFTER, 0, out, BEFORE.length + input.length - 1, AFTER.length);
        return out;
    }
}
