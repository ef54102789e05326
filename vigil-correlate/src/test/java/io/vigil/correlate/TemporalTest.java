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
import java.util.List;
import org.junit.jupiter.api.Test;

class TemporalTest {
    private static final RuleRef A = rule("recon_cmd_a");
    private static final RuleRef B = rule("recon_cmd_b");
    private static final RuleRef C = rule("recon_cmd_c");

    /** The specification's temporal example: three recon rules within 5m by ComputerName and User. */
    private static CorrelationPlan recon(CorrelationType type) {
        return plan(CorrelationSpec.builder(corr("recon"), type)
                .rules(A, B, C)
                .groupBy("ComputerName", "User")
                .timespan("5m")
                .build());
    }

    private static Match hit(RuleRef r, long line, double t, String user) {
        return m(r, ev("sysmon.evtx", line, t, "ComputerName", "WS1", "User", user));
    }

    @Test
    void allRulesInAnyOrderWithinTheTimespan() {
        Run r = everyWay(
                recon(CorrelationType.TEMPORAL),
                List.of(hit(C, 1, 0, "bob"), hit(A, 2, 60, "bob"), hit(B, 3, 120, "bob")));
        assertThat(r.detections).hasSize(1);
        assertThat(r.corr(0).get("count")).isEqualTo(3L);
        assertThat(r.corr(0).get("type")).isEqualTo("temporal");
    }

    @Test
    void aMissingRuleOrAWiderSpreadDoesNotFire() {
        assertThat(everyWay(
                                recon(CorrelationType.TEMPORAL),
                                List.of(hit(A, 1, 0, "bob"), hit(B, 2, 10, "bob"), hit(B, 3, 20, "bob")))
                        .detections)
                .isEmpty();
        assertThat(everyWay(
                                recon(CorrelationType.TEMPORAL),
                                List.of(hit(A, 1, 0, "bob"), hit(B, 2, 10, "bob"), hit(C, 3, 301, "bob")))
                        .detections)
                .isEmpty();
        assertThat(everyWay(
                                recon(CorrelationType.TEMPORAL),
                                List.of(hit(A, 1, 0, "bob"), hit(B, 2, 10, "alice"), hit(C, 3, 20, "bob")))
                        .detections)
                .isEmpty();
    }

    @Test
    void conditionCountsDistinctRulesSeen() {
        CorrelationPlan two = plan(CorrelationSpec.builder(corr("any-two"), CorrelationType.TEMPORAL)
                .rules(A, B, C)
                .groupBy("User")
                .timespan("5m")
                .condition(CorrelationCondition.of(new Comparison(Relation.GTE, 2)))
                .build());
        Run r = everyWay(two, List.of(hit(A, 1, 0, "bob"), hit(A, 2, 1, "bob"), hit(C, 3, 2, "bob")));
        assertThat(r.detections).hasSize(1);
        assertThat(r.corr(0).get("count")).isEqualTo(2L);
    }

    @Test
    void orderedNeedsTheListedOrder() {
        CorrelationPlan p = recon(CorrelationType.TEMPORAL_ORDERED);
        assertThat(everyWay(p, List.of(hit(A, 1, 0, "bob"), hit(B, 2, 10, "bob"), hit(C, 3, 20, "bob"))).detections)
                .hasSize(1);
        assertThat(everyWay(p, List.of(hit(B, 1, 0, "bob"), hit(A, 2, 10, "bob"), hit(C, 3, 20, "bob"))).detections)
                .isEmpty();
        // A later repetition can complete the order: A@0 C@10 B@20 C@30.
        Run r = everyWay(
                p, List.of(hit(A, 1, 0, "bob"), hit(C, 2, 10, "bob"), hit(B, 3, 20, "bob"), hit(C, 4, 30, "bob")));
        assertThat(r.detections).hasSize(1);
        assertThat(r.corr(0).get("type")).isEqualTo("temporal_ordered");
        assertThat(r.corr(0).get("count")).isEqualTo(3L);
        assertThat((List<?>) r.corr(0).get("events")).hasSize(4);
    }

    @Test
    void equalTimestampsCountAsInOrder() {
        CorrelationPlan p = recon(CorrelationType.TEMPORAL_ORDERED);
        Run r = everyWay(p, List.of(hit(C, 1, 5, "bob"), hit(B, 2, 5, "bob"), hit(A, 3, 5, "bob")));
        assertThat(r.detections).hasSize(1);
    }

    @Test
    void orderedWindowSlides() {
        CorrelationPlan p = recon(CorrelationType.TEMPORAL_ORDERED);
        // A at 0 expires before C at 400; the A at 200 starts the sequence that completes.
        Run r = everyWay(
                p, List.of(hit(A, 1, 0, "bob"), hit(A, 2, 200, "bob"), hit(B, 3, 250, "bob"), hit(C, 4, 400, "bob")));
        assertThat(r.detections).hasSize(1);
        assertThat(r.corr(0).get("window"))
                .isEqualTo(java.util.Map.of("start", "2024-03-05T14:03:20Z", "end", "2024-03-05T14:06:40Z"));
    }

    @Test
    void orderedWithAnUpperBoundCountsTheLongestOrderedPrefix() {
        // temporal_ordered with lt: 2 fires for every window (starting at an event) in which the two
        // rules were not seen in order: the window from 10 s holds only B (prefix 0), the one from
        // 500 s holds B then A (prefix 1). The window from 0 s holds A then B and does not fire.
        CorrelationPlan p = plan(CorrelationSpec.builder(corr("partial"), CorrelationType.TEMPORAL_ORDERED)
                .rules(A, B)
                .groupBy("User")
                .timespan("1m")
                .condition(CorrelationCondition.of(new Comparison(Relation.LT, 2)))
                .build());
        Run r = everyWay(
                p, List.of(hit(A, 1, 0, "bob"), hit(B, 2, 10, "bob"), hit(B, 3, 500, "bob"), hit(A, 4, 510, "bob")));
        assertThat(r.detections).hasSize(2);
        assertThat(r.corr(0).get("count")).isEqualTo(0L);
        assertThat(r.corr(1).get("count")).isEqualTo(1L);
    }
}
