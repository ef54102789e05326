package io.vigil.sigma.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.EncodedString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The skipping search against the plain rule "the literal occurs in the lower-cased decoded text":
 * over random ASCII values encoded with short escapes only, every literal that occurs is found (no
 * false negatives; false alarms are allowed but counted, and must stay rare).
 */
class WindowScanTest {
    private static final String[] ALPHABET = {
        "a", "b", "k", "s", ":", ".", " ", "\\", "\"", "\n", "\t", "E", "K", "I", "w", "z", "::", "se"
    };

    @Test
    void findsEveryLiteralThatOccurs() {
        Random random = new Random(7);
        int falseAlarms = 0;
        int found = 0;
        for (int round = 0; round < 400; round++) {
            List<String> literals = new ArrayList<>();
            List<int[]> targets = new ArrayList<>();
            for (int p = 1 + random.nextInt(20); p > 0; p--) {
                literals.add(text(random, 6 + random.nextInt(6)).toLowerCase(Locale.ROOT));
                targets.add(new int[] {targets.size()});
            }
            WindowScan scan = WindowScan.of(literals, targets);
            if (scan == null) {
                continue; // cannot happen: literals of six or more characters only get longer encoded
            }
            for (int t = 0; t < 30; t++) {
                String value = text(random, random.nextInt(random.nextBoolean() ? 80 : 400));
                if (random.nextBoolean() && value.length() > 3) {
                    String lit = literals.get(random.nextInt(literals.size()));
                    // long values are walked in two or four parts: literals across every cut
                    int middle = value.length() * (1 + random.nextInt(3)) / 4;
                    int at = random.nextBoolean()
                            ? random.nextInt(value.length())
                            : Math.max(0, Math.min(value.length() - 1, middle - random.nextInt(lit.length() + 2)));
                    value = value.substring(0, at) + lit.toUpperCase(Locale.ROOT) + value.substring(at);
                }
                // the value within a record: bytes around it, which may hold the rest of a literal
                // (a match across its edge is only a false alarm)
                String before = random.nextBoolean() ? "" : literals.get(0) + text(random, random.nextInt(4));
                String after = random.nextBoolean() ? "" : literals.get(0);
                byte[] json = encode(before + value + after);
                int from = encode(before).length;
                int to = json.length - encode(after).length;
                EncodedString encoded = new EncodedString(json, from, to, EncodedString.flagsOf(json, from, to));
                assertThat(encoded.shortEscapesOnly()).isTrue();
                assertThat(encoded.decode()).isEqualTo(value);
                long[] marks = new long[1];
                scan.scan(encoded, marks);
                String folded = value.toLowerCase(Locale.ROOT);
                for (int l = 0; l < literals.size(); l++) {
                    boolean occurs = folded.contains(literals.get(l));
                    boolean marked = (marks[0] & 1L << l) != 0;
                    if (occurs) {
                        found++;
                        assertThat(marked)
                                .as("%s in %s", literals.get(l), value)
                                .isTrue();
                    } else if (marked) {
                        falseAlarms++;
                    }
                }
            }
        }
        assertThat(found).isGreaterThan(1000);
        assertThat(falseAlarms).isLessThan(found / 10);
    }

    @Test
    void shortLiteralsAndUpperCaseAreDeclined() {
        assertThat(WindowScan.of(List.of("mimikatz", "abc"), List.of(new int[] {0}, new int[] {1})))
                .isNull();
        assertThat(WindowScan.of(List.of("Mimikatz"), List.<int[]>of(new int[] {0})))
                .isNull();
        assertThat(WindowScan.of(List.of("mimikatz"), List.<int[]>of(new int[] {0})))
                .isNotNull();
    }

    @Test
    void longLiteralsInValuesWalkedAsTwoHalves() {
        // a window longer than half the value: the second walk must not begin before the value
        String literal = "c:\\windows\\system32\\windowspowershell\\v1.0";
        WindowScan scan = WindowScan.of(List.of(literal), List.of(new int[] {0}));
        assertThat(scan).isNotNull();
        for (int length = 60; length < 140; length++) {
            for (int at = 0; at + literal.length() <= length; at++) {
                String value =
                        "x".repeat(at) + literal.toUpperCase(Locale.ROOT) + "y".repeat(length - at - literal.length());
                byte[] json = encode(value);
                long[] marks = new long[1];
                scan.scan(new EncodedString(json, 0, json.length, EncodedString.flagsOf(json, 0, json.length)), marks);
                assertThat(marks[0]).as("%s", value).isEqualTo(1L);
            }
            // any pair of the literal anywhere, its last one included, without the literal
            for (int at = 0; at + 2 <= length; at++) {
                int pair = at % (literal.length() - 1);
                String value = "z".repeat(at) + literal.substring(pair, pair + 2) + "z".repeat(length - at - 2);
                byte[] json = encode(value);
                long[] marks = new long[1];
                scan.scan(new EncodedString(json, 0, json.length, EncodedString.flagsOf(json, 0, json.length)), marks);
                assertThat(marks[0]).as("%s", value).isZero();
            }
        }
    }

    private static String text(Random random, int length) {
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            s.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return s.toString();
    }

    /** JSON string content with the short escapes, as shippers write it. */
    private static byte[] encode(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void servesValuesBeyondAsciiUnlessTheyHoldCharactersThatLowerCaseToAscii() {
        String[] extra = {"\u00e9", "\u00c9", "\u00df", "\u03a3", "\u20ac", "\ud83d\ude00", "\u0130", "\u212a"};
        Random random = new Random(29);
        int served = 0;
        for (int round = 0; round < 300; round++) {
            List<String> literals = new ArrayList<>();
            List<int[]> targets = new ArrayList<>();
            for (int p = 1 + random.nextInt(10); p > 0; p--) {
                literals.add(text(random, 6 + random.nextInt(4)).toLowerCase(Locale.ROOT));
                targets.add(new int[] {targets.size()});
            }
            WindowScan scan = WindowScan.of(literals, targets);
            WindowScan text = WindowScan.ofText(literals, targets);
            for (int t = 0; t < 40; t++) {
                StringBuilder b = new StringBuilder();
                for (int n = random.nextInt(40); n > 0; n--) {
                    b.append(random.nextInt(4) == 0 ? extra[random.nextInt(extra.length)] : text(random, 1));
                }
                String value = b.toString();
                if (random.nextBoolean()) {
                    String lit = literals.get(random.nextInt(literals.size()));
                    // K and I written as the characters that lower-case to k and i
                    String disguised =
                            lit.toUpperCase(Locale.ROOT).replace("K", "\u212a").replace("I", "\u0130");
                    int at = random.nextInt(value.length() + 1);
                    value = value.substring(0, at) + (random.nextBoolean() ? disguised : lit) + value.substring(at);
                }
                byte[] json = encode(value);
                EncodedString encoded =
                        new EncodedString(json, 0, json.length, EncodedString.flagsOf(json, 0, json.length));
                boolean folds = value.indexOf('\u0130') >= 0 || value.indexOf('\u212a') >= 0;
                assertThat(scan.covers(encoded)).as(value).isEqualTo(!folds);
                assertThat(text.coversText(value)).as(value).isEqualTo(!folds);
                if (folds) {
                    continue;
                }
                served += encoded.ascii() ? 0 : 1;
                long[] marks = new long[1];
                scan.scan(encoded, marks);
                long[] textMarks = new long[1];
                text.scanText(value, textMarks);
                String lower = value.toLowerCase(Locale.ROOT);
                for (int l = 0; l < literals.size(); l++) {
                    if (lower.contains(literals.get(l))) {
                        assertThat((marks[0] & 1L << l) != 0)
                                .as("%s in %s", literals.get(l), value)
                                .isTrue();
                        assertThat((textMarks[0] & 1L << l) != 0)
                                .as("%s in decoded %s", literals.get(l), value)
                                .isTrue();
                    }
                }
            }
        }
        assertThat(served).isGreaterThan(1000);
        // a literal beyond ASCII is not searched: values beyond ASCII might hold it
        WindowScan partial =
                WindowScan.of(List.of("mimikatz", "caf\u00e9-au-lait"), List.of(new int[] {0}, new int[] {1}));
        byte[] cafe = "x caf\u00e9-au-lait".getBytes(StandardCharsets.UTF_8);
        assertThat(partial.covers(new EncodedString(cafe, 0, cafe.length, EncodedString.flagsOf(cafe, 0, cafe.length))))
                .isFalse();
    }
}
