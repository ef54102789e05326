package io.vigil.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The looked-up literals of a long OR against trying every operand in turn: over random lists of
 * literals in every mode and casing (with empty needles, characters whose case folding changes length
 * or leaves ASCII, and operands the set does not take) and random values, both answer alike, folded
 * and not.
 */
class AnyPredicateTest {
    private static final String[] PIECES = {
        "a", "B", "dll", "\\", ".", "EXE", "c:", " ", "\u0130", "\u00df", "\u212a", "k", "i", "\u00c9", "\u00e9", ""
    };

    @Test
    void lookedUpLiteralsAnswerAsTryingEachOperand() {
        Random random = new Random(11);
        int matched = 0;
        int viaSet = 0;
        for (int round = 0; round < 500; round++) {
            List<ValuePredicate> operands = new ArrayList<>();
            List<String> needles = new ArrayList<>();
            for (int n = 1 + random.nextInt(40); n > 0; n--) {
                String needle = text(random, random.nextInt(5));
                needles.add(needle);
                StringPredicate.Mode mode = StringPredicate.Mode.values()[random.nextInt(4)];
                operands.add(
                        random.nextInt(10) == 0
                                ? new StringPredicate(mode, needle, true)
                                : random.nextInt(15) == 0
                                        ? new NumberPredicate(NumberPredicate.Op.GTE, 5)
                                        : new StringPredicate(mode, needle, false));
            }
            AnyPredicate any = new AnyPredicate(operands);
            long anchored = operands.stream()
                    .filter(p ->
                            p instanceof StringPredicate s && !s.cased() && s.mode() != StringPredicate.Mode.CONTAINS)
                    .count();
            for (int t = 0; t < 40; t++) {
                Object value = value(random, needles);
                boolean expected = operands.stream().anyMatch(p -> p.test(value));
                assertThat(any.test(value)).as("%s in %s", value, operands).isEqualTo(expected);
                if (any.takesFolded()) {
                    Object folded = value instanceof String s ? s.toLowerCase(Locale.ROOT) : value;
                    boolean expectedFolded = operands.stream().anyMatch(p -> p.testFolded(folded));
                    assertThat(any.testFolded(folded))
                            .as("folded %s in %s", folded, operands)
                            .isEqualTo(expectedFolded);
                }
                if (expected) {
                    matched++;
                    if (anchored >= AnyPredicate.SET_FROM) {
                        viaSet++;
                    }
                }
            }
        }
        // the comparison is only worth something if both answers occur, many of them through the set
        assertThat(matched).isGreaterThan(2000);
        assertThat(viaSet).isGreaterThan(1000);
    }

    @Test
    void equalWhenTheOperandsAre() {
        List<ValuePredicate> ops = List.of(
                new StringPredicate(StringPredicate.Mode.SUFFIX, "a.dll", false),
                new StringPredicate(StringPredicate.Mode.EQUALS, "b", false));
        assertThat(new AnyPredicate(ops)).isEqualTo(new AnyPredicate(new ArrayList<>(ops)));
        assertThat(new AnyPredicate(ops).hashCode()).isEqualTo(new AnyPredicate(ops).hashCode());
        assertThat(new AnyPredicate(ops)).isNotEqualTo(new AnyPredicate(ops.subList(0, 1)));
    }

    private static Object value(Random random, List<String> needles) {
        switch (random.nextInt(12)) {
            case 0:
                return null;
            case 1:
                return (long) random.nextInt(10);
            case 2:
                return "";
            default:
                String needle = needles.get(random.nextInt(needles.size()));
                String cased = random.nextBoolean() ? needle.toUpperCase(Locale.ROOT) : needle;
                return switch (random.nextInt(4)) {
                    case 0 -> cased;
                    case 1 -> text(random, random.nextInt(4)) + cased;
                    case 2 -> cased + text(random, random.nextInt(4));
                    default -> text(random, random.nextInt(8));
                };
        }
    }

    private static String text(Random random, int pieces) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }
}
