package io.vigil.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Folding straight from the encoded bytes against decoding and then lower-casing, over random text of
 * the characters next to the letters in ASCII ({@code @ [ ` {}), escapes and characters beyond ASCII,
 * at every alignment within a record; and through {@link Event#foldedAt}, which must not care how the
 * value is held.
 */
class EncodedStringFoldTest {
    private static final String[] PIECES = {
        "A",
        "Z",
        "a",
        "z",
        "M",
        "@",
        "[",
        "`",
        "{",
        "0",
        "\\",
        "\"",
        "\n",
        "\t",
        "\u007f",
        " ",
        "/",
        "é",
        "İ",
        "C:\\Windows\\System32\\",
        "POWERSHELL.EXE -NoP",
        "\u212a"
    };

    @Test
    void foldedFromBytesEqualsDecodedThenLowerCased() {
        Random random = new Random(29);
        int folded = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(14); k > 0; k--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String before = "{\"k\":\"".substring(0, random.nextInt(6));
            byte[] json = (before + encode(text.toString(), random) + "\"").getBytes(StandardCharsets.UTF_8);
            int from = before.length();
            int to = json.length - 1;
            EncodedString e = new EncodedString(json, from, to, EncodedString.flagsOf(json, from, to));
            assertThat(e.decode()).isEqualTo(text.toString());
            String f = e.decodeFolded();
            if (e.ascii() && e.shortEscapesOnly()) {
                assertThat(f).as("%s", text).isEqualTo(text.toString().toLowerCase(Locale.ROOT));
                folded++;
            } else {
                assertThat(f).isNull();
            }
            Event asRead = Event.builder(1).put("F", e).build(null, Provenance.line("t", 1));
            Event decoded = Event.builder(1).put("F", text.toString()).build(null, Provenance.line("t", 1));
            assertThat(asRead.foldedAt(0)).isEqualTo(decoded.foldedAt(0));
            assertThat(asRead.valueAt(0)).isEqualTo(text.toString());
        }
        assertThat(folded).isGreaterThan(2_000);
    }

    private static String encode(String text, Random random) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append(random.nextInt(8) == 0 ? "\\u0009" : "\\t");
                case '/' -> out.append(random.nextInt(8) == 0 ? "\\/" : "/");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
