package io.vigil.correlate;

import static io.vigil.correlate.Fixture.corr;
import static io.vigil.correlate.Fixture.ev;
import static io.vigil.correlate.Fixture.everyWay;
import static io.vigil.correlate.Fixture.m;
import static io.vigil.correlate.Fixture.plan;
import static io.vigil.correlate.Fixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.detect.RuleRef;
import io.vigil.correlate.Fixture.Match;
import io.vigil.correlate.Fixture.Run;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumericAggregationTest {
    private static final RuleRef WEB = rule("website_access");

    private static Match access(long line, double t, Object bytes) {
        return m(WEB, ev("proxy.jsonl", line, t, "SourceIP", "10.2.2.2", "User", "carol", "bytes_sent", bytes));
    }

    private static CorrelationSpec.Builder spec(CorrelationType type, String timespan) {
        return CorrelationSpec.builder(corr(type.label()), type)
                .rules(WEB)
                .groupBy("SourceIP", "User")
                .timespan(timespan)
                .field("bytes_sent");
    }

    @Test
    void sumFiresWhenTheBoundIsCrossed() {
        // Spec v2.1 "Possible Exfiltration to Website": sum of bytes_sent > 1000000 in 1h.
        CorrelationPlan p = plan(spec(CorrelationType.VALUE_SUM, "1h")
                .condition(CorrelationCondition.of(new Comparison(Relation.GT, 1_000_000)))
                .build());
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            in.add(access(i, i * 600, i % 2 == 0 ? 200_000L : "200000")); // numbers or their text
        }
        in.add(access(6, 3000, "-")); // not a number: counted aside
        Run r = everyWay(p, in);
        assertThat(r.detections).hasSize(1);
        assertThat(r.corr(0).get("value")).isEqualTo(1_200_000L);
        assertThat(r.corr(0).get("field")).isEqualTo("bytes_sent");
        assertThat(r.detections.get(0).timestamp()).isEqualTo(Fixture.T0.plusSeconds(3000));
        assertThat(r.stats.withoutValue()).isEqualTo(1);
    }

    @Test
    void averageIsJudgedOverTheClosedWindow() {
        // Spec v2.1 "Suspicious average network traffic": avg BytesOut > 500 in 24h.
        CorrelationPlan p = plan(spec(CorrelationType.VALUE_AVG, "24h")
                .condition(CorrelationCondition.of(new Comparison(Relation.GT, 500)))
                .build());
        Run r = everyWay(p, List.of(access(1, 0, 400L), access(2, 60, 700.5), access(3, 120, "0x200")));
        assertThat(r.detections).hasSize(1);
        assertThat((double) (Double) r.corr(0).get("value")).isEqualTo((400 + 700.5 + 512) / 3);
        assertThat(r.detections.get(0).timestamp()).isEqualTo(Fixture.T0.plusSeconds(86_400));
        // A later small value in the same window pulls the average down: no detection.
        assertThat(everyWay(p, List.of(access(1, 0, 900L), access(2, 60, 10L))).detections)
                .isEmpty();
    }

    @Test
    void percentileComparesTheChosenPercentile() {
        CorrelationPlan p95 = plan(spec(CorrelationType.VALUE_PERCENTILE, "15m")
                .condition(CorrelationCondition.of(new Comparison(Relation.GTE, 500))
                        .withPercentile(95))
                .build());
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            in.add(access(i, i, i == 0 ? 10_000L : 100L));
        }
        // 95th percentile of one 10000 and 19 x 100: 100 + 0.05 * 9900 = 595. Windows starting at
        // later events hold only 100s.
        Run r = everyWay(p95, in);
        assertThat(r.detections).hasSize(1);
        assertThat(r.corr(0).get("percentile")).isEqualTo(95);
        assertThat((double) (Double) r.corr(0).get("value"))
                .isCloseTo(595.0, org.assertj.core.data.Offset.offset(1e-9));
        CorrelationPlan median = plan(spec(CorrelationType.VALUE_PERCENTILE, "15m")
                .condition(CorrelationCondition.of(new Comparison(Relation.GTE, 500))
                        .withPercentile(50))
                .build());
        assertThat(everyWay(median, in).detections).isEmpty();
    }
}
