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

class ValueCountTest {
    private static final RuleRef FAILED = rule("4625");
    private static final RuleRef EXPLICIT = rule("4648");

    private static CorrelationPlan spray(int distinct) {
        return plan(CorrelationSpec.builder(corr("spray"), CorrelationType.VALUE_COUNT)
                .rules(FAILED, EXPLICIT)
                .groupBy("IpAddress")
                .timespan("30m")
                .field("TargetUserName")
                .condition(CorrelationCondition.of(new Comparison(Relation.GTE, distinct)))
                .build());
    }

    @Test
    void distinctUsersFromOneSourceFire() {
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RuleRef r = i % 2 == 0 ? FAILED : EXPLICIT;
            in.add(m(r, ev("dc.evtx", i, i * 60, "IpAddress", "10.1.1.1", "TargetUserName", "user" + i)));
            // repeats of an already-seen user do not count
            in.add(m(r, ev("dc.evtx", 100 + i, i * 60 + 1, "IpAddress", "10.1.1.1", "TargetUserName", "USER0")));
        }
        Run r = everyWay(spray(10), in);
        assertThat(r.detections).hasSize(1);
        Map<String, Object> c = r.corr(0);
        assertThat(c.get("type")).isEqualTo("value_count");
        assertThat(c.get("field")).isEqualTo("TargetUserName");
        assertThat(c.get("count")).isEqualTo(10L);
        assertThat((List<?>) c.get("events")).hasSize(19);
    }

    @Test
    void distinctValuesCompareCaseInsensitively() {
        List<Match> in = new ArrayList<>();
        String[] users = {"Alice", "alice", "ALICE", "bob"};
        for (int i = 0; i < users.length; i++) {
            in.add(m(FAILED, ev("dc.evtx", i, i, "IpAddress", "10.1.1.1", "TargetUserName", users[i])));
        }
        assertThat(everyWay(spray(3), in).detections).isEmpty();
        assertThat(everyWay(spray(2), in).detections).hasSize(1);
    }

    @Test
    void eventsWithoutTheFieldAreCountedAside() {
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            in.add(m(FAILED, ev("dc.evtx", i, i, "IpAddress", "10.1.1.1")));
        }
        Run r = everyWay(spray(1), in);
        assertThat(r.detections).isEmpty();
        assertThat(r.stats.withoutValue()).isEqualTo(5);
    }

    @Test
    void severalFieldsCountDistinctCombinations() {
        CorrelationPlan p = plan(CorrelationSpec.builder(corr("pairs"), CorrelationType.VALUE_COUNT)
                .rules(FAILED)
                .groupBy("IpAddress")
                .timespan("1h")
                .field("TargetUserName", "TargetDomainName")
                .condition(CorrelationCondition.of(new Comparison(Relation.GTE, 3)))
                .build());
        List<Match> in = List.of(
                m(FAILED, ev("dc.evtx", 1, 1, "IpAddress", "x", "TargetUserName", "a", "TargetDomainName", "D1")),
                m(FAILED, ev("dc.evtx", 2, 2, "IpAddress", "x", "TargetUserName", "a", "TargetDomainName", "D2")),
                m(FAILED, ev("dc.evtx", 3, 3, "IpAddress", "x", "TargetUserName", "a", "TargetDomainName", "d1")),
                m(FAILED, ev("dc.evtx", 4, 4, "IpAddress", "x", "TargetUserName", "b", "TargetDomainName", "D1")));
        Run r = everyWay(p, in);
        assertThat(r.detections).hasSize(1);
        assertThat(r.corr(0).get("field")).isEqualTo(List.of("TargetUserName", "TargetDomainName"));
        assertThat(r.corr(0).get("count")).isEqualTo(3L);
    }

    @Test
    void specificationExampleCountsUsersPerSourceAndDestination() {
        // Spec v2.1, "Value Count": > = 100 distinct User per ComputerName and WorkstationName in 1d.
        CorrelationPlan p =
                plan(CorrelationSpec.builder(corr("0e95725d-7320-415d-80f7-004da920fc12"), CorrelationType.VALUE_COUNT)
                        .rules(FAILED)
                        .groupBy("ComputerName", "WorkstationName")
                        .timespan("1d")
                        .field("User")
                        .condition(CorrelationCondition.of(new Comparison(Relation.GTE, 100)))
                        .build());
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            in.add(m(
                    FAILED,
                    ev("a.evtx", i, i * 800, "ComputerName", "SRV", "WorkstationName", "WS1", "User", "u" + i)));
            in.add(m(
                    FAILED,
                    ev(
                            "a.evtx",
                            1000 + i,
                            i * 800,
                            "ComputerName",
                            "SRV",
                            "WorkstationName",
                            "WS2",
                            "User",
                            "u" + (i % 99))));
        }
        Run r = everyWay(p, in);
        assertThat(r.detections)
                .singleElement()
                .satisfies(d -> assertThat(d.event().fields())
                        .isEqualTo(Map.of("ComputerName", "SRV", "WorkstationName", "WS1")));
    }
}
