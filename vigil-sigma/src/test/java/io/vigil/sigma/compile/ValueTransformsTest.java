package io.vigil.sigma.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTransformsTest {
    private static String shifted(String value, int shift) {
        return ValueTransforms.shifted(value.getBytes(StandardCharsets.UTF_8), shift);
    }

    @Test
    void shiftedEncodingsOfAKnownValue() {
        // base64("DownloadString") = "RG93bmxvYWRTdHJpbmc=": 14 bytes, so the last character group also
        // depends on what follows and is cut; with 1 or 2 leading bytes the first 2 or 3 characters are.
        assertThat(shifted("DownloadString", 0)).isEqualTo("RG93bmxvYWRTdHJpbm");
        assertThat(shifted("DownloadString", 1)).isEqualTo("Rvd25sb2FkU3RyaW5n");
        assertThat(shifted("DownloadString", 2)).isEqualTo("Eb3dubG9hZFN0cmluZ");
    }

    @Test
    void shiftedEncodingsWhenTheLengthIsAMultipleOfThree() {
        // "whoami" is 6 bytes: at shift 0 the whole encoding "d2hvYW1p" is stable.
        assertThat(shifted("whoami", 0)).isEqualTo("d2hvYW1p");
        // Shift 1: base64("\0whoami") = "AHdob2FtaQ==" without its first 2 and last 3 characters.
        assertThat(shifted("whoami", 1)).isEqualTo("dob2Fta");
        // Shift 2: base64("\0\0whoami") = "AAB3aG9hbWk=" without its first 3 and last 2 characters.
        assertThat(shifted("whoami", 2)).isEqualTo("3aG9hbW");
    }

    @Test
    void everyShiftAppearsInTheEncodingOfALongerText() {
        String value = "Invoke-WebRequest";
        for (int prefix = 0; prefix < 6; prefix++) {
            String text = "abcdef".substring(0, prefix) + value + "xyz";
            String encoded = java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
            assertThat(encoded).contains(shifted(value, prefix % 3));
        }
    }

    @Test
    void tooShortValuesGiveEmptyFragmentsThatAreDropped() throws CompileException {
        assertThat(shifted("a", 1)).isEmpty();
        List<SigmaString> out = ValueTransforms.apply("base64offset", SigmaString.parse("a"));
        assertThat(out).extracting(SigmaString::toString).containsExactly("Y", "h");
    }

    @Test
    void base64OfWildcardsIsRejected() {
        assertThatThrownBy(() -> ValueTransforms.apply("base64", SigmaString.parse("a*b")))
                .isInstanceOf(CompileException.class)
                .satisfies(e -> assertThat(((CompileException) e).code()).isEqualTo("invalid-modifier-chain"));
    }

    @Test
    void utf16EncodingsByteByByte() throws CompileException {
        SigmaString cmd = SigmaString.parse("cmd");
        assertThat(ValueTransforms.apply("utf16le", cmd).get(0).plainText()).isEqualTo("c\0m\0d\0");
        assertThat(ValueTransforms.apply("wide", cmd).get(0).plainText()).isEqualTo("c\0m\0d\0");
        assertThat(ValueTransforms.apply("utf16be", cmd).get(0).plainText()).isEqualTo("\0c\0m\0d");
        assertThat(ValueTransforms.apply("utf16", cmd).get(0).plainText()).isEqualTo("\u00ff\u00fec\0m\0d\0");
        assertThat(ValueTransforms.apply("wide", cmd).get(0).isBytes()).isTrue();
    }

    @Test
    void utf16TwiceIsRejected() throws CompileException {
        SigmaString once = ValueTransforms.apply("wide", SigmaString.parse("x")).get(0);
        assertThatThrownBy(() -> ValueTransforms.apply("utf16be", once)).isInstanceOf(CompileException.class);
    }

    @Test
    void windashReplacesOnlyDashesThatStartAWord() {
        assertThat(ValueTransforms.windash(SigmaString.parse(" -enc a-b /c --x -"))
                        .toString())
                .isEqualTo(" [-/\u2013\u2014\u2015]enc a-b [-/\u2013\u2014\u2015]c -[-/\u2013\u2014\u2015]x -");
    }

    @Test
    void sigmaStringEscapes() {
        assertThat(SigmaString.parse("a\\*b").isPlain()).isTrue();
        assertThat(SigmaString.parse("a\\*b").plainText()).isEqualTo("a*b");
        assertThat(SigmaString.parse("a\\?b").plainText()).isEqualTo("a?b");
        assertThat(SigmaString.parse("C:\\Windows\\").plainText()).isEqualTo("C:\\Windows\\");
        assertThat(SigmaString.parse("\\\\\\\\srv").plainText()).isEqualTo("\\\\srv");
        assertThat(SigmaString.parse("\\\\\\srv").plainText()).isEqualTo("\\\\srv");
        assertThat(SigmaString.parse("a\\\\*").parts()).containsExactly(new SigmaString.Lit("a\\"), SigmaString.STAR);
        assertThat(SigmaString.parse("a\\\\\\*").parts()).containsExactly(new SigmaString.Lit("a\\*"));
        assertThat(SigmaString.parse("a**?").parts())
                .containsExactly(new SigmaString.Lit("a"), SigmaString.STAR, SigmaString.ONE);
        assertThat(SigmaString.parse("").parts()).isEmpty();
    }
}
