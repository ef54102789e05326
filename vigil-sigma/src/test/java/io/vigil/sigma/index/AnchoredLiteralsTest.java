package io.vigil.sigma.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.EncodedString;
import io.vigil.sigma.index.AnchoredLiterals.Anchor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AnchoredLiteralsTest {
    private record Literal(String text, Anchor anchor) {}

    private static AnchoredLiterals search(List<Literal> literals) {
        List<String> texts = new ArrayList<>();
        List<Anchor> anchors = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        for (int i = 0; i < literals.size(); i++) {
            texts.add(literals.get(i).text);
            anchors.add(literals.get(i).anchor);
            targets.add(new int[] {i});
        }
        return new AnchoredLiterals(texts, anchors, targets);
    }

    /** The reference: which literals the lower-cased text begins with, ends with or equals. */
    private static Set<Integer> expected(List<Literal> literals, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < literals.size(); i++) {
            Literal l = literals.get(i);
            boolean hit = switch (l.anchor) {
                case START -> lower.startsWith(l.text);
                case END -> lower.endsWith(l.text);
                case WHOLE -> lower.equals(l.text);
            };
            if (hit) {
                out.add(i);
            }
        }
        return out;
    }

    private static Set<Integer> marked(long[] marks, int n) {
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            if ((marks[i >>> 6] & 1L << i) != 0) {
                out.add(i);
            }
        }
        return out;
    }

    /** As the rule index scans a decoded string: folding on the way, the lower-cased copy beyond Latin-1. */
    private static Set<Integer> foundInString(AnchoredLiterals a, int n, String text) {
        long[] marks = new long[(n + 63) / 64];
        if (!a.scanFolding(text, marks)) {
            a.scanFolded(text.toLowerCase(Locale.ROOT), marks);
        }
        return marked(marks, n);
    }

    /** As the rule index scans a value still encoded: from its bytes, else the decoded lower-cased text. */
    private static Set<Integer> foundInBytes(AnchoredLiterals a, int n, EncodedString value) {
        long[] marks = new long[(n + 63) / 64];
        if (!a.scanEncoded(value, marks)) {
            a.scanFolded(value.decode().toLowerCase(Locale.ROOT), marks);
        }
        return marked(marks, n);
    }

    /**
     * The JSON text of {@code text} between filler bytes, with escapes chosen at random among the forms
     * JSON allows: two-character escapes (the only form for quote and backslash here, so runs of
     * escaped backslashes are common), backslash-u in either case, backslash-slash, raw UTF-8.
     */
    private static EncodedString encoded(String text, Random random) {
        StringBuilder json = new StringBuilder("\\\\\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int form = random.nextInt(5);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c == '\n' && form < 3) {
                json.append("\\n");
            } else if (c == '\t' && form < 3) {
                json.append("\\t");
            } else if (c == '/' && form == 1) {
                json.append("\\/");
            } else if (c < 0x20 || Character.isSurrogate(c) || form == 0) {
                String hex = String.format("%04x", (int) c);
                json.append("\\u").append(random.nextBoolean() ? hex : hex.toUpperCase(Locale.ROOT));
            } else {
                json.append(c);
            }
        }
        byte[] bytes = json.append("\"x").toString().getBytes(StandardCharsets.UTF_8);
        int from = 3;
        int to = bytes.length - 2;
        return new EncodedString(bytes, from, to, EncodedString.flagsOf(bytes, from, to));
    }

    @Test
    void findsPrefixesSuffixesAndWholeValuesOnly() {
        List<Literal> literals = List.of(
                new Literal("c:\\windows\\", Anchor.START),
                new Literal("\\cmd.exe", Anchor.END),
                new Literal("cmd.exe", Anchor.END),
                new Literal("cmd.exe", Anchor.WHOLE),
                new Literal("c:", Anchor.START));
        AnchoredLiterals a = search(literals);
        assertThat(foundInString(a, 5, "C:\\Windows\\System32\\CMD.exe")).containsExactly(0, 1, 2, 4);
        assertThat(foundInString(a, 5, "cmd.exe")).containsExactly(2, 3);
        // occurring elsewhere than where they must is not enough
        assertThat(foundInString(a, 5, "x c:\\windows\\cmd.exe.bak")).isEmpty();
        assertThat(foundInString(a, 5, "")).isEmpty();
    }

    @Test
    void readsSuffixesBackwardsThroughRunsOfEscapedBackslashes() {
        List<Literal> literals = List.of(
                new Literal("\\\\", Anchor.END), new Literal("\"\\n", Anchor.END), new Literal("a\\", Anchor.END));
        AnchoredLiterals a = search(literals);
        Random random = new Random(3);
        for (String text : List.of("x\\\\", "\\\\\\", "\"\\n", "\"\n", "A\\", "\\\\A\\", "n\\")) {
            assertThat(foundInBytes(a, 3, encoded(text, random))).as(text).isEqualTo(expected(literals, text));
        }
    }

    @Test
    void agreesWithTheReferenceOnRandomLiteralsAndValuesInEveryEncoding() {
        String alphabet = "aAbB\\\"\n\t/ .\u00c9\u00e9\u0130\u03a3\u212aiIkK\ud83d\ude00";
        Random random = new Random(17);
        for (int round = 0; round < 200; round++) {
            List<Literal> literals = new ArrayList<>();
            for (int i = random.nextInt(12) + 1; i > 0; i--) {
                String text =
                        randomText(random, alphabet, 1 + random.nextInt(4)).toLowerCase(Locale.ROOT);
                literals.add(new Literal(text, Anchor.values()[random.nextInt(3)]));
            }
            AnchoredLiterals a = search(literals);
            int n = literals.size();
            for (int v = 0; v < 100; v++) {
                String text = randomText(random, alphabet, random.nextInt(9));
                Set<Integer> want = expected(literals, text);
                EncodedString value = encoded(text, random);
                assertThat(value.decode()).isEqualTo(text);
                assertThat(foundInString(a, n, text))
                        .as("%s in %s", literals, text)
                        .isEqualTo(want);
                assertThat(foundInBytes(a, n, value))
                        .as("%s in %s", literals, value)
                        .isEqualTo(want);
            }
        }
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c)) {
                b.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Test
    void marksEverythingForValuesItCannotReasonAbout() {
        List<Literal> literals = List.of(new Literal("ab", Anchor.START), new Literal("cd", Anchor.END));
        long[] marks = new long[1];
        search(literals).markAll(marks);
        assertThat(marked(marks, 2)).containsExactly(0, 1);
    }
}
