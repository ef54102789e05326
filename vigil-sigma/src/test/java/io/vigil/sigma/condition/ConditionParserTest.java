package io.vigil.sigma.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vigil.sigma.condition.Condition.And;
import io.vigil.sigma.condition.Condition.Not;
import io.vigil.sigma.condition.Condition.Of;
import io.vigil.sigma.condition.Condition.Or;
import io.vigil.sigma.condition.Condition.Ref;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionParserTest {
    private static Condition parse(String text) {
        try {
            return ConditionParser.parse(text);
        } catch (ConditionSyntaxException e) {
            throw new AssertionError(e.getMessage() + " at " + e.column(), e);
        }
    }

    @Test
    void orOfAnd() {
        assertThat(parse("a or b and c"))
                .isEqualTo(new Or(List.of(new Ref("a", 0), new And(List.of(new Ref("b", 5), new Ref("c", 11))))));
    }

    @Test
    void notBindsTighterThanAnd() {
        assertThat(parse("not a and b")).isEqualTo(new And(List.of(new Not(new Ref("a", 4)), new Ref("b", 10))));
    }

    @Test
    void parenthesesAndChains() {
        assertThat(parse("(a or b) and not (c)"))
                .isEqualTo(new And(
                        List.of(new Or(List.of(new Ref("a", 1), new Ref("b", 6))), new Not(new Ref("c", 18)))));
        assertThat(parse("a and b and c"))
                .isEqualTo(new And(List.of(new Ref("a", 0), new Ref("b", 6), new Ref("c", 12))));
    }

    @Test
    void quantifiers() {
        assertThat(parse("1 of sel*")).isEqualTo(new Of(1, "sel*", 5));
        assertThat(parse("any of sel*")).isEqualTo(new Of(1, "sel*", 7));
        assertThat(parse("ALL of them")).isEqualTo(new Of(Of.ALL, null, 7));
        assertThat(parse("3 of *_x*")).isEqualTo(new Of(3, "*_x*", 5));
        assertThat(parse("not 1 of filter*")).isEqualTo(new Not(new Of(1, "filter*", 9)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {"sel and; 7", "(sel; 4", "sel | count() > 5; 4", "; 0", "sel); 3", "0 of sel*; 0", "1 of; 4"})
    void syntaxErrorColumns(String text, int column) {
        ConditionSyntaxException e = catchThrowableOfType(
                ConditionSyntaxException.class, () -> ConditionParser.parse(text == null ? "" : text));
        assertThat(e).isNotNull();
        assertThat(e.column()).isEqualTo(column);
    }
}
