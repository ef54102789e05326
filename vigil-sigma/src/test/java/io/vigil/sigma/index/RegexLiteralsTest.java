package io.vigil.sigma.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegexLiteralsTest {
    private static List<String> runs(String regex) {
        return RegexLiterals.of(Pattern.compile(regex));
    }

    @Test
    void topLevelLiteralRunsOfSigmaHqPatterns() {
        assertThat(runs("\\\\Windows\\\\System32\\\\[a-zA-Z0-9]{8}\\.tmp$"))
                .containsExactly("\\windows\\system32\\", ".tmp");
        assertThat(runs("\\\\sessionresume_[a-zA-Z]{8}$")).containsExactly("\\sessionresume_");
        assertThat(runs("C:\\\\__1\\d{9}\\.\\d{1,7}$")).containsExactly("c:\\__1", ".");
        assertThat(runs("APT\\d")).containsExactly("apt");
    }

    @Test
    void quantifiedAtomsGroupsAndClassesBreakRuns() {
        assertThat(runs("abc?de")).containsExactly("ab", "de");
        assertThat(runs("ab+cd")).containsExactly("a", "cd");
        assertThat(runs("x(yz)?w[q]v")).containsExactly("x", "w", "v");
        assertThat(runs("a.b^c$d")).containsExactly("a", "b", "c", "d");
        assertThat(runs("ab{2,3}c")).containsExactly("a", "c");
        assertThat(runs("[]a]bc")).containsExactly("bc");
    }

    @Test
    void caseInsensitiveRunsAreSplitAtS() {
        assertThat(runs("(?i)\\\\System32\\\\cmd")).containsExactly("\\", "y", "tem32\\cmd");
        assertThat(RegexLiterals.of(Pattern.compile("Kiwi", Pattern.CASE_INSENSITIVE)))
                .containsExactly("kiwi");
    }

    @Test
    void whatItDoesNotUnderstandGivesNothing() {
        assertThat(runs("abc|def")).isEmpty();
        assertThat(runs("(^0oa.*|[a-z]+@x)")).isEmpty();
        assertThat(runs("ab(?i)cd")).isEmpty();
        assertThat(runs("(?-i)abc")).isEmpty();
        assertThat(runs("\\x41bc")).isEmpty();
        assertThat(runs("\\Qa.b\\E")).isEmpty();
        assertThat(runs("\\p{L}abc")).isEmpty();
        assertThat(runs("(.){200,}")).isEmpty();
        assertThat(runs("é")).isEmpty();
    }

    @Test
    void everyRunOccursInEveryMatchOnRandomPatterns() {
        Random rnd = new Random(7);
        String[] atoms = {
            "a", "B", "s", "K", "\\.", "\\\\", ".", "x?", "y*", "z+", "[ab]", "(c|d)", "^", "$", "\\d", "\\s",
            "(?:ef)?", "1{2}", "-"
        };
        String alphabet = "aBsSkK.\\xyzcdef1- \u017f\u212a0";
        int checked = 0;
        for (int round = 0; round < 3000; round++) {
            StringBuilder re = new StringBuilder(rnd.nextBoolean() ? "(?i)" : "");
            for (int k = 1 + rnd.nextInt(6); k > 0; k--) {
                re.append(atoms[rnd.nextInt(atoms.length)]);
            }
            Pattern p = Pattern.compile(re.toString());
            List<String> runs = RegexLiterals.of(p);
            for (int t = 0; t < 60; t++) {
                StringBuilder text = new StringBuilder();
                for (int k = rnd.nextInt(12); k > 0; k--) {
                    text.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                if (p.matcher(text.toString()).find()) {
                    String folded = text.toString().toLowerCase(Locale.ROOT);
                    for (String run : runs) {
                        assertThat(folded).as("/%s/ matched '%s'", re, text).contains(run);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }
}
