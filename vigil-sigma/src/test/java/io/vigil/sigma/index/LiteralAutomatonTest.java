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
}
