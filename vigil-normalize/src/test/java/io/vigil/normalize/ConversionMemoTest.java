package io.vigil.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.EncodedString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A remembered conversion gives what converting again gives, whatever came in between: repeats, other
 * values, the same text encoded otherwise (an escape), numbers after text and text after numbers.
 */
class ConversionMemoTest {
    private static final ChannelNames CHANNELS = new ChannelNames(List.of("Security", "System"));
    private static final String[] JSON_STRINGS = {
        "security",
        "Security",
        "SYSTEM",
        "Secur\\u0069ty",
        "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}",
        " 4624 ",
        "4625",
        "0x8020000000000000",
        "x",
    };
    private static final Long[] NUMBERS = {4624L, 4625L, -9214364837600034816L, 0L};

    @Test
    void rememberedResultsEqualConvertingAgain() {
        Random random = new Random(3);
        for (Conversion conversion : Conversion.values()) {
            ConversionMemo memo = new ConversionMemo();
            for (int n = 0; n < 2_000; n++) {
                Object value = random.nextBoolean()
                        ? encoded(JSON_STRINGS[random.nextInt(JSON_STRINGS.length)])
                        : NUMBERS[random.nextInt(NUMBERS.length)];
                Object decoded = value instanceof EncodedString e ? e.decode() : value;
                Object expected = conversion.apply(decoded, CHANNELS);
                Object actual = memo.apply(conversion, value, CHANNELS);
                assertThat(actual).as("%s of %s", conversion, decoded).isEqualTo(expected);
                assertThat(actual.getClass()).isEqualTo(expected.getClass());
            }
        }
    }

    /** The JSON string text as the scanner leaves it: bytes of a record, between the quotes. */
    private static EncodedString encoded(String json) {
        byte[] record = ("\"" + json + "\"").getBytes(StandardCharsets.UTF_8);
        return new EncodedString(record, 1, record.length - 1, EncodedString.flagsOf(record, 1, record.length - 1));
    }
}
