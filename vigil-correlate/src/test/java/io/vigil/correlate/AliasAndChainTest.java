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
import java.util.Map;
import org.junit.jupiter.api.Test;

class AliasAndChainTest {
    private static final RuleRef INTERNAL_ERROR = rule("internal_error");
    private static final RuleRef NEW_CONNECTION = rule("new_network_connection");

    /** The specification's aliases example: internal_ip and remote_ip mapped per rule, 10s. */
    private static CorrelationPlan aliasExample() {
        return plan(CorrelationSpec.builder(corr("alias-example"), CorrelationType.TEMPORAL)
                .rules(INTERNAL_ERROR, NEW_CONNECTION)
                .groupBy("internal_ip", "remote_ip")
                .timespan("10s")
                .alias("internal_ip", INTERNAL_ERROR, "destination.ip")
                .alias("internal_ip", NEW_CONNECTION, "source.ip")
                .alias("remote_ip", INTERNAL_ERROR, "source.ip")
                .alias("remote_ip", NEW_CONNECTION, "destination.ip")
                .build());
    }

    @Test
    void aliasesJoinDifferentFieldsIntoOneGroup() {
        Run r = everyWay(
                aliasExample(),
                List.of(
                        m(
                                INTERNAL_ERROR,
                                ev("web.jsonl", 1, 0, "destination.ip", "10.0.0.1", "source.ip", "203.0.113.7")),
                        m(
                                NEW_CONNECTION,
                                ev("fw.jsonl", 1, 5, "source.ip", "10.0.0.1", "destination.ip", "203.0.113.7"))));
        assertThat(r.detections).hasSize(1);
        assertThat(r.corr(0).get("group")).isEqualTo(Map.of("internal_ip", "10.0.0.1", "remote_ip", "203.0.113.7"));
    }

    @Test
    void aliasesDoNotJoinSwappedAddresses() {
        Run r = everyWay(
                aliasExample(),
                List.of(
                        m(
                                INTERNAL_ERROR,
                                ev("web.jsonl", 1, 0, "destination.ip", "10.0.0.1", "source.ip", "203.0.113.7")),
                        m(
                                NEW_CONNECTION,
                                ev("fw.jsonl", 1, 5, "source.ip", "203.0.113.7", "destination.ip", "10.0.0.1"))));
        assertThat(r.detections).isEmpty();
    }

    private static final RuleRef FAILED = rule("failed_login");
    private static final RuleRef SUCCESS = rule("successful_login");
    private static final RuleRef MANY = new RuleRef(
            "a8418a5a-5fc4-46b5-b23b-6c73beb19d41",
            "Multiple failed logons",
            io.vigil.core.detect.Level.MEDIUM,
            null,
            null,
            List.of(),
            "mr.yml");
    private static final RuleRef OUTER = new RuleRef(
            "b180ead8-d58f-40b2-ae54-c8940995b9b6",
            "Correlation - Multiple Failed Logins Followed by Successful Login",
            io.vigil.core.detect.Level.HIGH,
            "experimental",
            "Florian Roth (Nextron Systems)",
            List.of(),
            "mr.yml");

    /** The specification's complete example: event_count chained into temporal_ordered. */
    static CorrelationPlan failedThenSuccess(boolean innerGenerates) {
        CorrelationSpec many = CorrelationSpec.builder(MANY, CorrelationType.EVENT_COUNT)
                .name("multiple_failed_login")
                .rules(FAILED)
                .groupBy("User")
                .timespan("10m")
                .condition(CorrelationCondition.of(new Comparison(Relation.GTE, 10)))
                .build();
        CorrelationSpec outer = CorrelationSpec.builder(OUTER, CorrelationType.TEMPORAL_ORDERED)
                .rules(MANY, SUCCESS)
                .groupBy("User")
                .timespan("10m")
                .generate(innerGenerates)
                .build();
        return plan(outer, many); // any order: the plan sorts by dependency
    }

    private static List<Match> failuresThenSuccess(double successAt) {
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            in.add(m(
                    FAILED,
                    ev("dc.evtx", i, i * 10, "EventID", 4625L, "User", "dave", "ComputerName", "DC" + (i % 2))));
        }
        in.add(m(SUCCESS, ev("dc.evtx", 99, successAt, "EventID", 4624L, "User", "DAVE")));
        return in;
    }

    @Test
    void chainedCorrelationFiresOnceWithAllBaseEvents() {
        Run r = everyWay(failedThenSuccess(false), failuresThenSuccess(200));
        assertThat(r.detections).hasSize(1); // the inner correlation is generate: false
        assertThat(r.detections.get(0).rule().id()).isEqualTo(OUTER.id());
        assertThat(r.detections.get(0).level()).isEqualTo(io.vigil.core.detect.Level.HIGH);
        Map<String, Object> c = r.corr(0);
        assertThat(c.get("type")).isEqualTo("temporal_ordered");
        assertThat(c.get("group")).isEqualTo(Map.of("User", "dave"));
        assertThat((List<?>) c.get("events")).hasSize(11).last().isEqualTo(Map.of("path", "dc.evtx", "line", 99L));
        // The window spans this correlation's own inputs: the inner detection (at the tenth failure)
        // and the success; the events list reaches through to the failures behind the inner one.
        assertThat(c.get("window")).isEqualTo(Map.of("start", "2024-03-05T14:01:30Z", "end", "2024-03-05T14:03:20Z"));
        assertThat(r.stats.fired()).isEqualTo(2);
    }

    @Test
    void successBeforeTheTenthFailureIsNotAFollowUp() {
        assertThat(everyWay(failedThenSuccess(false), failuresThenSuccess(85)).detections)
                .isEmpty();
    }

    @Test
    void innerDetectionsAreEmittedWhenGenerateIsOn() {
        Run r = everyWay(failedThenSuccess(true), failuresThenSuccess(200));
        assertThat(r.detections.stream().map(d -> d.rule().id())).containsExactly(MANY.id(), OUTER.id());
        assertThat(r.detections.get(0).event().fields()).isEqualTo(Map.of("User", "dave"));
    }

    @Test
    void aCorrelationClosingAtWindowEndStillFeedsItsOuterCorrelation() {
        // Inner: fewer than 3 failures within 1m (decided at window end); outer: it, then a success.
        CorrelationSpec few = CorrelationSpec.builder(corr("few"), CorrelationType.EVENT_COUNT)
                .rules(FAILED)
                .groupBy("User")
                .timespan("1m")
                .condition(CorrelationCondition.of(new Comparison(Relation.LT, 3)))
                .build();
        CorrelationSpec then = CorrelationSpec.builder(corr("then"), CorrelationType.TEMPORAL_ORDERED)
                .rules(few.ref(), SUCCESS)
                .groupBy("User")
                .timespan("2m")
                .build();
        List<Match> in = List.of(
                m(FAILED, ev("dc.evtx", 1, 0, "User", "erin")),
                m(SUCCESS, ev("dc.evtx", 2, 60, "User", "erin")), // same time as the inner detection
                m(SUCCESS, ev("dc.evtx", 3, 90, "User", "erin")));
        Run r = everyWay(plan(then, few), in);
        assertThat(r.detections).hasSize(1);
        assertThat(r.detections.get(0).rule().id()).isEqualTo("then");
        assertThat((List<?>) r.corr(0).get("events")).hasSize(2);
        assertThat(r.corr(0).get("window"))
                .isEqualTo(Map.of("start", "2024-03-05T14:01:00Z", "end", "2024-03-05T14:01:00Z"));
    }
}
