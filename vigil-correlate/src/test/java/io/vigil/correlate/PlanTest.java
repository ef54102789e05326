package io.vigil.correlate;

import static io.vigil.correlate.Fixture.corr;
import static io.vigil.correlate.Fixture.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.detect.RuleRef;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {
    private static final RuleRef A = rule("a");
    private static final RuleRef B = rule("b");

    private static CorrelationSpec count(RuleRef self, boolean generate, RuleRef... in) {
        return CorrelationSpec.builder(self, CorrelationType.EVENT_COUNT)
                .name(self.id())
                .rules(in)
                .timespan("1m")
                .condition(CorrelationCondition.of(new Comparison(Relation.GTE, 2)))
                .generate(generate)
                .build();
    }

    @Test
    void generateDefaultsToSilencingTheInputs() {
        CorrelationPlan p = CorrelationPlan.of(List.of(count(corr("x"), false, A)));
        assertThat(p.consumes(A)).isTrue();
        assertThat(p.consumes(B)).isFalse();
        assertThat(p.emitsOwnDetections(A)).isFalse();
        assertThat(p.emitsOwnDetections(B)).isTrue();
        assertThat(p.emitsOwnDetections(corr("x"))).isTrue();
    }

    @Test
    void anExplicitGenerateWinsOverAnotherCorrelationsDefault() {
        CorrelationPlan p = CorrelationPlan.of(List.of(count(corr("x"), false, A, B), count(corr("y"), true, A)));
        assertThat(p.emitsOwnDetections(A)).isTrue();
        assertThat(p.emitsOwnDetections(B)).isFalse();
    }

    @Test
    void chainsAreOrderedInnerFirstAndInnerDetectionsAreSilencedToo() {
        CorrelationSpec inner = count(corr("inner"), false, A);
        CorrelationSpec outer = count(corr("outer"), false, inner.ref(), B);
        CorrelationPlan p = CorrelationPlan.of(List.of(outer, inner));
        assertThat(p.specs()).containsExactly(inner, outer);
        assertThat(p.emitsOwnDetections(inner.ref())).isFalse();
        assertThat(p.consumes(inner.ref())).isFalse(); // correlations are fed internally
        assertThat(p.baseInputs()).containsExactlyInAnyOrder(A, B);
        assertThat(p.indexOf(outer.ref())).isEqualTo(1);
        assertThat(p.indexOf(A)).isEqualTo(-1);
    }

    @Test
    void cyclesAreRejected() {
        RuleRef x = corr("x");
        RuleRef y = corr("y");
        assertThatThrownBy(() -> CorrelationPlan.of(List.of(count(x, false, y), count(y, false, x))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cycle")
                .hasMessageContaining("x -> y -> x");
        assertThatThrownBy(() -> CorrelationPlan.of(List.of(count(x, false, x))))
                .hasMessageContaining("x -> x");
    }

    @Test
    void specsCheckTheirShape() {
        assertThatThrownBy(() -> CorrelationSpec.builder(corr("v"), CorrelationType.VALUE_COUNT)
                        .rules(A)
                        .timespan("1m")
                        .condition(CorrelationCondition.atLeast(1))
                        .build())
                .hasMessageContaining("field");
        assertThatThrownBy(() -> CorrelationSpec.builder(corr("v"), CorrelationType.VALUE_SUM)
                        .rules(A)
                        .timespan("1m")
                        .field("x", "y")
                        .condition(CorrelationCondition.atLeast(1))
                        .build())
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> CorrelationSpec.builder(corr("v"), CorrelationType.EVENT_COUNT)
                        .rules(A, A)
                        .timespan("1m")
                        .condition(CorrelationCondition.atLeast(1))
                        .build())
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> CorrelationSpec.builder(corr("v"), CorrelationType.EVENT_COUNT)
                        .rules(A)
                        .timespan("1m")
                        .build())
                .hasMessageContaining("condition");
        assertThatThrownBy(() -> CorrelationSpec.builder(corr("v"), CorrelationType.EVENT_COUNT)
                        .rules(A)
                        .timespan("1m")
                        .alias("g", B, "f")
                        .condition(CorrelationCondition.atLeast(1))
                        .build())
                .hasMessageContaining("not an input");
        assertThatThrownBy(() -> CorrelationSpec.builder(corr("v"), CorrelationType.VALUE_PERCENTILE)
                        .rules(A)
                        .timespan("1m")
                        .field("x")
                        .condition(CorrelationCondition.atLeast(1))
                        .build())
                .hasMessageContaining("percentile");
    }

    @Test
    void temporalDefaultsToAllInputsSeen() {
        CorrelationSpec t = CorrelationSpec.builder(corr("t"), CorrelationType.TEMPORAL)
                .rules(A, B)
                .timespan("1m")
                .build();
        assertThat(t.condition()).isEqualTo(CorrelationCondition.atLeast(2));
        assertThat(t.fieldFor("User", A)).isEqualTo("User");
    }

    @Test
    void timespansAcceptSpecAndPySigmaUnits() {
        assertThat(Timespan.parse("30s").duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(Timespan.parse("90m").duration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(Timespan.parse("24h").duration()).isEqualTo(Duration.ofHours(24));
        assertThat(Timespan.parse("1d").duration()).isEqualTo(Duration.ofDays(1));
        assertThat(Timespan.parse("2w").duration()).isEqualTo(Duration.ofDays(14));
        assertThat(Timespan.parse("1M").duration()).isEqualTo(Duration.ofSeconds(2_629_746));
        assertThat(Timespan.parse("1y").duration()).isEqualTo(Duration.ofSeconds(31_556_952));
        for (String bad :
                new String[] {"", "m", "5", "1H", "0s", "-1m", "1.5h", "1h30m", " 5m", "5 m", "101y", "99999999999s"}) {
            assertThatThrownBy(() -> Timespan.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void conditionsAndRelations() {
        CorrelationCondition range =
                CorrelationCondition.of(new Comparison(Relation.GT, 100), new Comparison(Relation.LTE, 200));
        assertThat(range.test(100)).isFalse();
        assertThat(range.test(101)).isTrue();
        assertThat(range.test(200)).isTrue();
        assertThat(range.test(201)).isFalse();
        assertThat(range.lowerBoundsOnly()).isFalse();
        assertThat(range.toString()).isEqualTo("gt: 100, lte: 200");
        assertThat(CorrelationCondition.atLeast(3).lowerBoundsOnly()).isTrue();
        assertThat(Relation.NEQ.test(1, 2)).isTrue();
        assertThat(Relation.EQ.test(2, 2)).isTrue();
        assertThat(Relation.LT.test(2, 2)).isFalse();
        assertThat(Relation.parse("gte")).contains(Relation.GTE);
        assertThat(Relation.parse("GTE")).isEmpty();
        assertThat(CorrelationType.parse("value_percentile")).contains(CorrelationType.VALUE_PERCENTILE);
        assertThat(CorrelationType.parse("Event_Count")).isEmpty();
        assertThatThrownBy(() -> new Comparison(Relation.GT, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorrelationCondition.atLeast(1).withPercentile(101))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventValuesReadNumbersStrictly() {
        assertThat(EventValues.number("42")).isEqualTo(42);
        assertThat(EventValues.number(" -1.5e3 ")).isEqualTo(-1500);
        assertThat(EventValues.number("0x1F")).isEqualTo(31);
        assertThat(EventValues.number(7L)).isEqualTo(7);
        for (Object bad : new Object[] {"1d", "NaN", "Infinity", "-", "", "1e", "0x", "0xZZ", true, null, Double.NaN}) {
            assertThat(EventValues.number(bad)).as(String.valueOf(bad)).isNaN();
        }
        assertThat(EventValues.text(4.0)).isEqualTo("4");
        assertThat(EventValues.text(List.of("a", 1L))).isEqualTo("a, 1");
        assertThat(EventValues.key(new String[] {"a:", "b"})).isNotEqualTo(EventValues.key(new String[] {"a", ":b"}));
    }
}
