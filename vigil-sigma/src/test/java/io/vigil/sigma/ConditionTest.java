package io.vigil.sigma;

import static io.vigil.sigma.SigmaFixture.compile;
import static io.vigil.sigma.SigmaFixture.errors;
import static io.vigil.sigma.SigmaFixture.event;
import static io.vigil.sigma.SigmaFixture.load;
import static io.vigil.sigma.SigmaFixture.src;
import static io.vigil.sigma.SigmaFixture.where;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.event.Event;
import io.vigil.sigma.compile.CompiledRule;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {
    /** Three independent selections on fields A, B and C (value 1). */
    private static CompiledRule abc(String condition) {
        return compile("""
                a:
                  A: 1
                b:
                  B: 1
                c:
                  C: 1
                condition: %s
                """.formatted(condition));
    }

    /** An event where exactly the named selections (letters of {@code which}) match. */
    private static Event only(String which) {
        Object[] kv = new Object[6];
        String[] names = {"A", "B", "C"};
        for (int i = 0; i < 3; i++) {
            kv[2 * i] = names[i];
            kv[2 * i + 1] = which.contains(names[i].toLowerCase(java.util.Locale.ROOT)) ? 1L : 0L;
        }
        return event(kv);
    }

    @Nested
    class Precedence {
        @Test
        void andBindsTighterThanOr() {
            CompiledRule r = abc("a or b and c");
            // a or (b and c): true with only a; (a or b) and c would be false.
            assertThat(r.matches(only("a"))).isTrue();
            assertThat(r.matches(only("bc"))).isTrue();
            assertThat(r.matches(only("b"))).isFalse();
            assertThat(r.matches(only("c"))).isFalse();
        }

        @Test
        void andBindsTighterThanOrOnTheLeftToo() {
            CompiledRule r = abc("a and b or c");
            assertThat(r.matches(only("c"))).isTrue();
            assertThat(r.matches(only("ab"))).isTrue();
            assertThat(r.matches(only("a"))).isFalse();
        }

        @Test
        void notBindsTighterThanAnd() {
            CompiledRule r = abc("not a and b");
            // (not a) and b: false when nothing matches; not (a and b) would be true.
            assertThat(r.matches(only(""))).isFalse();
            assertThat(r.matches(only("b"))).isTrue();
            assertThat(r.matches(only("ab"))).isFalse();
            assertThat(r.matches(only("a"))).isFalse();
        }

        @Test
        void parenthesesOverridePrecedence() {
            CompiledRule r = abc("(a or b) and c");
            assertThat(r.matches(only("a"))).isFalse();
            assertThat(r.matches(only("ac"))).isTrue();
            assertThat(r.matches(only("bc"))).isTrue();
            CompiledRule n = abc("not (a and b)");
            assertThat(n.matches(only(""))).isTrue();
            assertThat(n.matches(only("a"))).isTrue();
            assertThat(n.matches(only("ab"))).isFalse();
        }

        @Test
        void nestedParenthesesAndDoubleNegation() {
            CompiledRule r = abc("((a) and not not (b or (c)))");
            assertThat(r.matches(only("ac"))).isTrue();
            assertThat(r.matches(only("a"))).isFalse();
        }

        @Test
        void keywordsAreCaseInsensitive() {
            CompiledRule r = abc("a AND NOT b Or c");
            assertThat(r.matches(only("a"))).isTrue();
            assertThat(r.matches(only("ab"))).isFalse();
            assertThat(r.matches(only("bc"))).isTrue();
        }
    }

    @Nested
    class Quantifiers {
        private final String detection = """
                sel_img:
                  A: 1
                sel_cli:
                  B: 1
                filter_img:
                  C: 1
                _helper:
                  D: 1
                condition: %s
                """;

        private CompiledRule rule(String condition) {
            return compile(detection.formatted(condition));
        }

        private Event ev(long a, long b, long c, long d) {
            return event("A", a, "B", b, "C", c, "D", d);
        }

        @Test
        void oneOfPattern() {
            CompiledRule r = rule("1 of sel*");
            assertThat(r.matches(ev(1, 0, 0, 0))).isTrue();
            assertThat(r.matches(ev(0, 1, 0, 0))).isTrue();
            assertThat(r.matches(ev(0, 0, 1, 1))).isFalse();
        }

        @Test
        void anyOfIsOneOf() {
            CompiledRule r = rule("any of sel*");
            assertThat(r.matches(ev(0, 1, 0, 0))).isTrue();
            assertThat(r.matches(ev(0, 0, 1, 0))).isFalse();
        }

        @Test
        void allOfPattern() {
            CompiledRule r = rule("all of sel*");
            assertThat(r.matches(ev(1, 1, 0, 0))).isTrue();
            assertThat(r.matches(ev(1, 0, 0, 0))).isFalse();
        }

        @Test
        void countOfPattern() {
            CompiledRule r = rule("2 of them");
            assertThat(r.matches(ev(1, 0, 1, 0))).isTrue();
            assertThat(r.matches(ev(1, 0, 0, 1))).isFalse();
        }

        @Test
        void allOfThemExcludesUnderscoreIdentifiers() {
            CompiledRule r = rule("all of them");
            assertThat(r.matches(ev(1, 1, 1, 0))).isTrue();
            assertThat(r.matches(ev(1, 1, 0, 1))).isFalse();
        }

        @Test
        void oneOfThemExcludesUnderscoreIdentifiers() {
            CompiledRule r = rule("1 of them");
            assertThat(r.matches(ev(0, 0, 0, 1))).isFalse();
            assertThat(r.matches(ev(0, 0, 1, 0))).isTrue();
        }

        @Test
        void underscoreIdentifiersCanBeNamed() {
            CompiledRule r = rule("1 of _* and sel_img");
            assertThat(r.matches(ev(1, 0, 0, 1))).isTrue();
            assertThat(r.matches(ev(1, 0, 0, 0))).isFalse();
        }

        @Test
        void patternWithStarAtTheStart() {
            CompiledRule r = rule("all of *_img");
            assertThat(r.matches(ev(1, 0, 1, 0))).isTrue();
            assertThat(r.matches(ev(1, 1, 0, 0))).isFalse();
        }

        @Test
        void patternWithStarInTheMiddle() {
            CompiledRule r = rule("1 of s*img");
            assertThat(r.matches(ev(1, 0, 0, 0))).isTrue();
            assertThat(r.matches(ev(0, 1, 1, 0))).isFalse();
        }

        @Test
        void quantifiersCombineWithNot() {
            CompiledRule r = rule("1 of sel* and not 1 of filter*");
            assertThat(r.matches(ev(1, 0, 0, 0))).isTrue();
            assertThat(r.matches(ev(1, 0, 1, 0))).isFalse();
        }
    }

    @Nested
    class Semantics {
        @Test
        void conditionListIsOr() {
            CompiledRule r = compile("""
                    a:
                      A: 1
                    b:
                      B: 1
                    condition:
                      - a
                      - b
                    """);
            assertThat(r.matches(only("a"))).isTrue();
            assertThat(r.matches(only("b"))).isTrue();
            assertThat(r.matches(only("c"))).isFalse();
        }

        @Test
        void notOverAMissingFieldMatches() {
            CompiledRule r = compile("""
                    sel:
                      Image|endswith: '\\cmd.exe'
                    filter:
                      ParentImage|endswith: '\\explorer.exe'
                    condition: sel and not filter
                    """);
            assertThat(r.matches(event("Image", "C:\\cmd.exe"))).isTrue();
            assertThat(r.matches(event("Image", "C:\\cmd.exe", "ParentImage", "C:\\x.exe")))
                    .isTrue();
            assertThat(r.matches(event("Image", "C:\\cmd.exe", "ParentImage", "C:\\Windows\\explorer.exe")))
                    .isFalse();
        }

        @Test
        void notAlone() {
            CompiledRule r = compile("""
                    sel:
                      User: 'SYSTEM'
                    condition: not sel
                    """);
            assertThat(r.matches(event("Other", "x"))).isTrue();
            assertThat(r.matches(event("User", "system"))).isFalse();
        }
    }

    @Nested
    class Errors {
        /**
         * Loads a rule whose condition is on line 7: {@code "  condition: "} is 13 characters, so the
         * condition text starts at column 14 (15 when quoted).
         */
        private Diagnostic reject(String condition) {
            String text = """
                    title: broken condition
                    id: broken
                    logsource:
                      product: test
                    detection:
                      sel: {A: 1}
                      condition: %s
                    """.formatted(condition);
            String good = SigmaFixture.ruleYaml("good", "sel: {A: 1}\ncondition: sel\n");
            LoadResult r = load(src("c.yml", text), src("good.yml", good));
            assertThat(r.rules().rules()).extracting(c -> c.ref().id()).containsExactly("good");
            assertThat(errors(r)).hasSize(1);
            assertThat(r.summary().rejected()).isEqualTo(1);
            Diagnostic d = errors(r).get(0);
            assertThat(r.summary().byReason()).isEqualTo(Map.of(d.code(), 1));
            assertThat(d.subject()).isEqualTo("broken");
            return d;
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = ';',
                value = {
                    // condition text; code; column
                    "sel and; condition-syntax; 21",
                    "(sel; condition-syntax; 18",
                    "sel | count() > 5; condition-syntax; 18",
                    "sel or other; unknown-identifier; 21",
                    "1 of nomatch*; unknown-identifier; 19",
                    "all of them and 1 of filter_*; unknown-identifier; 35",
                    "sel and and sel; condition-syntax; 22",
                    "sel sel; condition-syntax; 18",
                    "sel); condition-syntax; 17",
                    "sel or not; condition-syntax; 24",
                    "foo of sel; condition-syntax; 14",
                    "sel near sel; condition-syntax; 18",
                    "1 of (sel); condition-syntax; 19",
                    "them; condition-syntax; 14",
                })
        void rejectedAtTheToken(String condition, String code, int column) {
            Diagnostic d = reject(condition);
            assertThat(d.code()).as(d.toString()).isEqualTo(code);
            assertThat(where(d)).as(d.toString()).isEqualTo("c.yml:7:" + column);
        }

        @Test
        void quotedConditionColumnsSkipTheQuote() {
            Diagnostic d = reject("'sel or other'");
            assertThat(d.code()).isEqualTo("unknown-identifier");
            assertThat(where(d)).isEqualTo("c.yml:7:22");
        }

        @Test
        void unknownIdentifierInAConditionList() {
            String text = """
                    title: list
                    id: broken
                    logsource:
                      product: test
                    detection:
                      sel: {A: 1}
                      condition:
                        - sel
                        - not sel2
                    """;
            LoadResult r = load(src("c.yml", text));
            assertThat(r.rules().rules()).isEmpty();
            assertThat(errors(r)).singleElement().satisfies(d -> {
                assertThat(d.code()).isEqualTo("unknown-identifier");
                assertThat(where(d)).isEqualTo("c.yml:9:11");
            });
        }

        @Test
        void emptyConditionIsRejected() {
            Diagnostic d = reject("''");
            assertThat(d.code()).isEqualTo("condition-syntax");
        }
    }
}
