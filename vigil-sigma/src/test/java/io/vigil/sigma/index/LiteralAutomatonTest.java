package io.vigil.sigma.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LiteralAutomatonTest {
    /** Targets found in {@code texts}, scanned as the values of one field of one event. */
    private static Set<Integer> found(LiteralAutomaton a, int targets, String... texts) {
        long[] marks = new long[(targets + 63) / 64];
        int[] stamps = new int[a.states() + 3];
        for (String t : texts) {
            a.scan(t, marks, stamps, 3, 7);
        }
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < targets; i++) {
            if ((marks[i >>> 6] & 1L << i) != 0) {
                out.add(i);
            }
        }
        return out;
    }

    private static LiteralAutomaton automaton(String... patterns) {
        List<int[]> targets = new ArrayList<>();
        for (int i = 0; i < patterns.length; i++) {
            targets.add(new int[] {i});
        }
        return new LiteralAutomaton(List.of(patterns), targets);
    }

    @Test
    void findsOverlappingAndNestedPatterns() {
        LiteralAutomaton a = automaton("he", "she", "his", "hers", "e");
        assertThat(found(a, 5, "ushers")).containsExactly(0, 1, 3, 4);
        assertThat(found(a, 5, "ahis")).containsExactly(2);
        assertThat(found(a, 5, "xyz")).isEmpty();
        assertThat(found(a, 5, "")).isEmpty();
    }

    @Test
    void patternsFoundOnlyThroughFailureLinks() {
        // "bcd" is reached after the "abc" branch fails on 'd'; "c" is a suffix output of "abc".
        LiteralAutomaton a = automaton("abce", "bcd", "c");
        assertThat(found(a, 3, "abcd")).containsExactly(1, 2);
    }

    @Test
    void severalValuesOfOneFieldAccumulate() {
        LiteralAutomaton a = automaton("\\cmd.exe", "powershell", "-enc");
        assertThat(found(a, 3, "c:\\windows\\system32\\cmd.exe", "x -enc y")).containsExactly(0, 2);
        // A second value repeating a found pattern (stamped state) still finds the new ones.
        assertThat(found(a, 3, "-enc", "-enc powershell")).containsExactly(1, 2);
    }

    @Test
    void onePatternMarksAllItsTargetsAndSharedPatternsMergeTargets() {
        LiteralAutomaton a = new LiteralAutomaton(
                List.of("abc", "bc", "zz"), List.of(new int[] {0, 70}, new int[] {5}, new int[] {69}));
        assertThat(found(a, 71, "xabcx")).containsExactly(0, 5, 70);
    }

    @Test
    void nonAsciiAndRootCharacters() {
        LiteralAutomaton a = automaton("ä\u2013é", "\u00e9", "\ud83d\ude00x");
        assertThat(found(a, 3, "aä\u2013é")).containsExactly(0, 1);
        assertThat(found(a, 3, "\ud83d\ude00\ud83d\ude00x")).containsExactly(2);
    }

    @Test
    void emptyPatternIsRejected() {
        assertThatThrownBy(() -> automaton("a", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void agreesWithIndexOfOnRandomPatternsAndTexts() {
        Random rnd = new Random(42);
        String alphabet = "abc\\.é";
        for (int round = 0; round < 300; round++) {
            int n = 1 + rnd.nextInt(40);
            String[] patterns = new String[n];
            for (int i = 0; i < n; i++) {
                patterns[i] = random(rnd, alphabet, 1 + rnd.nextInt(6));
            }
            LiteralAutomaton a = automaton(patterns);
            String[] texts = new String[1 + rnd.nextInt(3)];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = random(rnd, alphabet, rnd.nextInt(30));
            }
            Set<Integer> expected = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                for (String t : texts) {
                    if (t.contains(patterns[i])) {
                        expected.add(i);
                    }
                }
            }
            assertThat(found(a, n, texts))
                    .as("patterns %s in %s", List.of(patterns), List.of(texts))
                    .isEqualTo(expected);
        }
    }

    private static String random(Random rnd, String alphabet, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** As RuleIndex scans a raw value: folding on the fly, the lower-cased text beyond Latin-1. */
    private static Set<Integer> foundFolding(LiteralAutomaton a, int targets, String text) {
        long[] marks = new long[(targets + 63) / 64];
        int[] stamps = new int[a.states() + 3];
        if (!a.scanFolding(text, marks, stamps, 3, 7)) {
            a.scan(text.toLowerCase(java.util.Locale.ROOT), marks, stamps, 3, 7);
        }
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < targets; i++) {
            if ((marks[i >>> 6] & 1L << i) != 0) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void foldingScanFindsWhatTheLowerCasedTextHolds() {
        String[] patterns = {"cmd.exe", "\\windows\\", "\u00e9t\u00e9", "i\u0307x", "\u03c3\u03c2", "kelvin", "\u00fe"};
        LiteralAutomaton a = automaton(patterns);
        String[] texts = {
            "C:\\WINDOWS\\System32\\CMD.EXE /c",
            "\u00c9T\u00c9 \u00de",
            "\u0130X and \u03a3\u03a3 end",
            "\u212aELVIN cmd.exe",
            "plain text",
            "\u00c9t\u00e9 \u0130x",
            "",
        };
        Random random = new Random(4);
        List<String> all = new ArrayList<>(List.of(texts));
        String alphabet = "aAbBcCdDeE.\\\u00c9\u00e9\u0130\u03a3\u212aIxX";
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            all.add(b.toString());
        }
        for (String text : all) {
            assertThat(foundFolding(a, patterns.length, text))
                    .as(text)
                    .isEqualTo(found(a, patterns.length, text.toLowerCase(java.util.Locale.ROOT)));
        }
        assertThat(foundFolding(a, patterns.length, texts[0])).containsExactly(0, 1);
        assertThat(foundFolding(a, patterns.length, texts[2])).contains(3, 4);
    }

    /** As RuleIndex scans a value still encoded: from its bytes, the decoded lower-cased text beyond Latin-1. */
    private static Set<Integer> foundEncoded(LiteralAutomaton a, int targets, io.vigil.core.event.EncodedString text) {
        long[] marks = new long[(targets + 63) / 64];
        int[] stamps = new int[a.states() + 3];
        if (!a.scanEncoded(text, marks, stamps, 3, 7)) {
            a.scan(text.decode().toLowerCase(java.util.Locale.ROOT), marks, stamps, 3, 7);
        }
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < targets; i++) {
            if ((marks[i >>> 6] & 1L << i) != 0) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * JSON text of {@code text}: escapes chosen at random among the forms JSON allows (two-character
     * escapes, backslash-u and four hex digits in either case for any character), raw UTF-8 otherwise.
     */
    private static byte[] encoded(String text, Random random) {
        StringBuilder json = new StringBuilder("xx\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int form = random.nextInt(4);
            if (c == '"' || c == '\\' || c < 0x20 || Character.isSurrogate(c) || form == 0) {
                String hex = String.format("%04x", (int) c);
                json.append("\\u").append(random.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
            } else if (c == '/' && form == 1) {
                json.append("\\/");
            } else {
                json.append(c);
            }
        }
        return json.append("\"yy").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void encodedScanFindsWhatTheDecodedLowerCasedTextHolds() {
        String[] patterns = {
            "cmd.exe", "\\windows\\", "\u00e9t\u00e9", "i\u0307x", "\u03c3\u03c2", "a\"b", "/c\n", "\u00fe"
        };
        LiteralAutomaton a = automaton(patterns);
        Random random = new Random(11);
        String alphabet = "aAbBcC/\\\"\n\t.\u00c9\u00e9\u00de\u0130\u03a3\u212aIxX\u00b5\ud83d\ude00";
        List<String> texts = new ArrayList<>(List.of("C:\\WINDOWS\\System32\\CMD.EXE /c\nx", "A\"B \u00c9T\u00c9", ""));
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(14); k > 0; k--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(b.toString());
        }
        for (String text : texts) {
            byte[] json = encoded(text, random);
            var value = new io.vigil.core.event.EncodedString(
                    json, 3, json.length - 3, io.vigil.core.event.EncodedString.flagsOf(json, 3, json.length - 3));
            assertThat(value.decode()).isEqualTo(text);
            assertThat(foundEncoded(a, patterns.length, value))
                    .as(new String(json, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(found(a, patterns.length, text.toLowerCase(java.util.Locale.ROOT)));
        }
        byte[] cmd = encoded(texts.get(0), new Random(1));
        assertThat(foundEncoded(
                        a,
                        patterns.length,
                        new io.vigil.core.event.EncodedString(
                                cmd,
                                3,
                                cmd.length - 3,
                                io.vigil.core.event.EncodedString.flagsOf(cmd, 3, cmd.length - 3))))
                .containsExactly(0, 1, 6);
    }

    private static Set<Integer> marked(long[] marks, int targets) {
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < targets; i++) {
            if ((marks[i >>> 6] & 1L << i) != 0) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void transitionTableScansAsTheFailureLinksDo() {
        Random random = new Random(23);
        String alphabet = "abcAB\\\u00e9\u00c9x:.";
        for (int round = 0; round < 300; round++) {
            List<String> patterns = new ArrayList<>();
            List<int[]> targets = new ArrayList<>();
            for (int p = 1 + random.nextInt(12); p > 0; p--) {
                patterns.add(random(random, "abc\\\u00e9x:.", 1 + random.nextInt(5)));
                targets.add(new int[] {targets.size()});
            }
            LiteralAutomaton table = new LiteralAutomaton(patterns, targets);
            LiteralAutomaton links = new LiteralAutomaton(patterns, targets, 0);
            for (int t = 0; t < 20; t++) {
                String text = random(random, alphabet, random.nextInt(30));
                long[] a = new long[1];
                long[] b = new long[1];
                assertThat(table.scanFolding(text, a, new int[table.states()], 0, 1))
                        .isTrue();
                assertThat(links.scanFolding(text, b, new int[links.states()], 0, 1))
                        .isTrue();
                assertThat(marked(a, patterns.size()))
                        .as(patterns + " in " + text)
                        .isEqualTo(marked(b, patterns.size()));
                byte[] json = encoded(text, random);
                var value = new io.vigil.core.event.EncodedString(
                        json, 3, json.length - 3, io.vigil.core.event.EncodedString.flagsOf(json, 3, json.length - 3));
                long[] c = new long[1];
                long[] d = new long[1];
                assertThat(table.scanEncoded(value, c, new int[table.states()], 0, 1))
                        .isTrue();
                assertThat(links.scanEncoded(value, d, new int[links.states()], 0, 1))
                        .isTrue();
                assertThat(marked(c, patterns.size())).isEqualTo(marked(a, patterns.size()));
                assertThat(marked(d, patterns.size())).isEqualTo(marked(a, patterns.size()));
            }
        }
    }
}
