package io.vigil.normalize;

import static io.vigil.normalize.SameEvent.assertSame;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vigil.core.event.EncodedString;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte scanner of flat records ({@link Normalizer#normalizeFlat}) against the Jackson path ({@link
 * Normalizer#normalizeDirect}): on records built to probe the edges (escapes of every kind, UTF-8 of every
 * length and malformed UTF-8, control characters, numbers at the limits of a long, literals glued to
 * text, trailing content, duplicate keys), whatever the scanner accepts Jackson reads to the same event,
 * and whatever Jackson rejects the scanner declines.
 */
class FlatRecordScannerTest {
    private static final int MAX_STRING = 64;
    private static final int MAX_DEPTH = 8;

    private final Normalizer normalizer = Normalizer.standard();
    private final JsonFactory jackson = new JsonFactoryBuilder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING)
                    .maxNameLength(MAX_STRING)
                    .maxNestingDepth(MAX_DEPTH)
                    .build())
            .build();

    private static final String[] PIECES = {
        "a",
        "Z",
        " ",
        "\\\\",
        "\\\"",
        "\\/",
        "\\b",
        "\\f",
        "\\n",
        "\\r",
        "\\t",
        "\\u0041",
        "\\u00e9",
        "\\u00C9",
        "\\u0130",
        "\\ud83d\\ude00",
        "\\ud800",
        "\\u12",
        "\\x",
        "\\",
        "é",
        "İ",
        "€",
        "😀",
        "\u0001",
        "\t",
        "C:\\\\Windows\\\\System32\\\\cmd.exe",
        "mimikatz",
        "MIMIKATZ"
    };

    private static final byte[][] RAW_BYTES = {
        {(byte) 0xC3}, // truncated two-byte sequence
        {(byte) 0xC0, (byte) 0x80}, // overlong NUL
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // encoded surrogate
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
        {(byte) 0xE2, (byte) 0x28, (byte) 0xA1}, // bad continuation
        {(byte) 0x80}, // lone continuation
        {(byte) 0xFF},
    };

    private static final String[] NUMBERS = {
        "0",
        "-0",
        "7",
        "-7",
        "01",
        "-",
        "1.5",
        "1e3",
        "2E-2",
        "9223372036854775807",
        "-9223372036854775808",
        "9223372036854775808",
        "-9223372036854775809",
        "12345678901234567890",
        "4624x",
        "true",
        "false",
        "null",
        "truex",
        "nul",
        "[1, \"a\", null, true]",
        "[]",
        "[[1]]",
        "[{\"a\": 1}]",
        "{\"a\": 1}",
        "NaN",
        "+1"
    };

    @Test
    void randomRecordsReadAsJacksonReadsThem() throws IOException {
        Random random = new Random(4_2024);
        int accepted = 0;
        int declinedValid = 0;
        for (int n = 0; n < 20_000; n++) {
            byte[] record = record(random);
            Event jacksonEvent = viaJackson(record);
            Event scanned = normalizer.normalizeFlat(record, record.length, MAX_STRING, MAX_DEPTH, provenance());
            String shown = new String(record, StandardCharsets.UTF_8);
            if (jacksonEvent == null) {
                assertThat(scanned).as(shown).isNull();
                continue;
            }
            if (scanned == null) {
                declinedValid++;
                continue;
            }
            accepted++;
            assertSame(shown, scanned, jacksonEvent);
        }
        // the generator must exercise both outcomes, or this test proves nothing
        assertThat(accepted).isGreaterThan(2_000);
        assertThat(declinedValid).isGreaterThan(100);
    }

    @Test
    void stringsStayEncodedUntilRead() {
        byte[] record = "{\"EventID\": 1, \"CommandLine\": \"C:\\\\x\\\\y.exe \\u0041\", \"Plain\": \"abc\"}"
                .getBytes(StandardCharsets.UTF_8);
        Event event = normalizer.normalizeFlat(record, record.length, MAX_STRING, MAX_DEPTH, provenance());
        assertThat(event).isNotNull();
        int at = event.indexOf("CommandLine");
        assertThat(event.storedAt(at)).isInstanceOf(EncodedString.class);
        assertThat(((EncodedString) event.storedAt(event.indexOf("Plain"))).plain())
                .isTrue();
        assertThat(event.get("CommandLine")).isEqualTo("C:\\x\\y.exe A");
        assertThat(event.storedAt(at)).isEqualTo("C:\\x\\y.exe A");
        assertThat(event.fields()).containsEntry("Plain", "abc");
    }

    @Test
    void limitsAreJacksonsToEnforce() {
        String longValue = "x".repeat(MAX_STRING + 1);
        byte[] record = ("{\"a\": \"" + longValue + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(normalizer.normalizeFlat(record, record.length, MAX_STRING, MAX_DEPTH, provenance()))
                .isNull();
        byte[] withArray = "{\"a\": [1]}".getBytes(StandardCharsets.UTF_8);
        assertThat(normalizer.normalizeFlat(withArray, withArray.length, MAX_STRING, 1, provenance()))
                .isNull();
        assertThat(normalizer.normalizeFlat(withArray, withArray.length, MAX_STRING, 2, provenance()))
                .isNotNull();
    }

    private Event viaJackson(byte[] record) throws IOException {
        try (JsonParser parser = jackson.createParser(record)) {
            return normalizer.normalizeDirect(parser, provenance());
        }
    }

    private static Provenance provenance() {
        return Provenance.line("test", 1);
    }

    /** A flat-ish record; now and then broken on purpose. */
    private static byte[] record(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> names = new ArrayList<>(
                List.of("EventID", "Channel", "CommandLine", "Image", "TimeCreated", "Hostname", "Keywords", "a", "a"));
        write(out, random.nextInt(20) == 0 ? " \n{" : "{");
        int fields = random.nextInt(6);
        for (int f = 0; f < fields; f++) {
            if (f > 0) {
                write(out, random.nextInt(40) == 0 ? " " : random.nextBoolean() ? ", " : ",");
            }
            String name = random.nextInt(15) == 0 ? text(random) : names.get(random.nextInt(names.size()));
            write(out, "\"" + name + "\":" + (random.nextBoolean() ? " " : ""));
            switch (random.nextInt(4)) {
                case 0 -> write(out, NUMBERS[random.nextInt(NUMBERS.length)]);
                case 1 -> {
                    write(out, "\"");
                    write(out, text(random));
                    if (random.nextInt(10) == 0) {
                        out.writeBytes(RAW_BYTES[random.nextInt(RAW_BYTES.length)]);
                    }
                    write(out, "\"");
                }
                default -> write(out, "\"" + text(random) + "\"");
            }
        }
        write(out, "}");
        switch (random.nextInt(30)) {
            case 0 -> write(out, " {\"b\": 1}");
            case 1 -> write(out, "\n ");
            case 2 -> write(out, "x");
            default -> {}
        }
        byte[] bytes = out.toByteArray();
        if (random.nextInt(30) == 0 && bytes.length > 2) {
            return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length - 1) + 1);
        }
        return bytes;
    }

    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        int pieces = random.nextInt(random.nextInt(20) == 0 ? 40 : 6);
        for (int p = 0; p < pieces; p++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
