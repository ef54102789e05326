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

class EventCountTest {
    private static final RuleRef FAILED = rule("failed-logon");

    private static CorrelationPlan bruteForce(CorrelationCondition condition, String timespan) {
        return plan(CorrelationSpec.builder(corr("brute"), CorrelationType.EVENT_COUNT)
                .rules(FAILED)
                .groupBy("IpAddress", "TargetUserName")
                .timespan(timespan)
                .condition(condition)
                .build());
    }

    private static CorrelationPlan atLeastTen() {
        return bruteForce(CorrelationCondition.of(new Comparison(Relation.GTE, 10)), "5m");
    }

    private static Match failure(String path, long line, double seconds, String ip, String user) {
        return m(FAILED, ev(path, line, seconds, "EventID", 4625L, "IpAddress", ip, "TargetUserName", user));
    }

    @Test
    void tenFailuresWithinFiveMinutesFireOnce() {
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            in.add(failure(i % 2 == 0 ? "dc1.evtx" : "dc2.evtx", i, i * 20, "10.0.0.5", "Administrator"));
        }
        Run r = everyWay(atLeastTen(), in);
        assertThat(r.detections).hasSize(1);
        Map<String, Object> c = r.corr(0);
        assertThat(c.get("type")).isEqualTo("event_count");
        assertThat(c.get("group")).isEqualTo(Map.of("IpAddress", "10.0.0.5", "TargetUserName", "Administrator"));
        assertThat(c.get("count")).isEqualTo(10L);
        assertThat(c.get("window")).isEqualTo(Map.of("start", "2024-03-05T14:00:00Z", "end", "2024-03-05T14:03:00Z"));
        assertThat((List<?>) c.get("events")).hasSize(10).first().isEqualTo(Map.of("path", "dc1.evtx", "line", 0L));
        // The detection is timed at the event that completed it and points at it.
        assertThat(r.detections.get(0).timestamp()).isEqualTo(Fixture.T0.plusSeconds(180));
        assertThat(r.detections.get(0).event().provenance().toString()).isEqualTo("dc2.evtx:9");
        assertThat(r.detections.get(0).rule().id()).isEqualTo("brute");
        assertThat(r.detections.get(0).event().fields())
                .containsEntry("IpAddress", "10.0.0.5")
                .containsEntry("TargetUserName", "Administrator");
    }

    @Test
    void oneDetectionPerBurstNotPerEvent() {
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            in.add(failure("dc1.evtx", i, i, "10.0.0.5", "admin"));
        }
        Run r = everyWay(atLeastTen(), in);
        // Each detection consumes the events that caused it: 25 events give two, never sixteen.
        assertThat(r.detections).hasSize(2);
        assertThat(r.corr(1).get("window"))
                .isEqualTo(Map.of("start", "2024-03-05T14:00:10Z", "end", "2024-03-05T14:00:19Z"));
    }

    @Test
    void groupsCompareCaseInsensitivelyAndReportFirstSeenCase() {
        List<Match> in = new ArrayList<>();
        String[] spellings = {"Administrator", "ADMINISTRATOR", "administrator"};
        for (int i = 0; i < 10; i++) {
            in.add(failure("dc1.evtx", i, i * 10, "10.0.0.5", spellings[i % 3]));
        }
        Run r = everyWay(atLeastTen(), in);
        assertThat(r.detections).hasSize(1);
        assertThat(r.corr(0).get("group"))
                .isEqualTo(Map.of("IpAddress", "10.0.0.5", "TargetUserName", "Administrator"));
    }

    @Test
    void differentGroupsAreCountedApart() {
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            in.add(failure("dc1.evtx", i, i * 10, "10.0.0.5", "alice"));
            in.add(failure("dc1.evtx", 100 + i, i * 10, "10.0.0.6", "alice"));
            in.add(failure("dc1.evtx", 200 + i, i * 10, "10.0.0.5", "bob"));
        }
        in.remove(in.size() - 1); // bob only has 9
        Run r = everyWay(atLeastTen(), in);
        assertThat(r.detections).hasSize(2);
        assertThat(r.detections.stream().map(d -> d.event().fields().get("IpAddress")))
                .containsExactlyInAnyOrder("10.0.0.5", "10.0.0.6");
    }

    @Test
    void windowsSlideAcrossClockBoundaries() {
        // Five events before and five after 15:00: a fixed hourly bucket would split them.
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            in.add(failure("dc1.evtx", i, 3600 - 50 + i * 10, "10.0.0.5", "alice"));
            in.add(failure("dc1.evtx", 10 + i, 3600 + i * 10, "10.0.0.5", "alice"));
        }
        Run r = everyWay(bruteForce(CorrelationCondition.of(new Comparison(Relation.GTE, 10)), "1h"), in);
        assertThat(r.detections).hasSize(1);
    }

    @Test
    void eventsSpreadWiderThanTheTimespanDoNotFire() {
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            in.add(failure("dc1.evtx", i, i * 40, "10.0.0.5", "alice")); // at most 8 in any 5 minutes
        }
        Run r = everyWay(atLeastTen(), in);
        assertThat(r.detections).isEmpty();
    }

    @Test
    void bothWindowEndsAreInclusive() {
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            in.add(failure("dc1.evtx", i, i, "10.0.0.5", "alice"));
        }
        in.add(failure("dc1.evtx", 9, 300, "10.0.0.5", "alice")); // exactly 5m after the first
        assertThat(everyWay(atLeastTen(), in).detections).hasSize(1);
        in.set(9, failure("dc1.evtx", 9, 300.000001, "10.0.0.5", "alice"));
        assertThat(everyWay(atLeastTen(), in).detections).isEmpty();
    }

    @Test
    void gtIsStrict() {
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            in.add(failure("dc1.evtx", i, i, "10.0.0.5", "alice"));
        }
        CorrelationPlan gt10 = bruteForce(CorrelationCondition.of(new Comparison(Relation.GT, 10)), "5m");
        assertThat(everyWay(gt10, in).detections).isEmpty();
        in.add(failure("dc1.evtx", 10, 10, "10.0.0.5", "alice"));
        assertThat(everyWay(gt10, in).detections).hasSize(1);
    }

    @Test
    void missingGroupByFieldIsCountedNotGrouped() {
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            in.add(m(FAILED, ev("dc1.evtx", i, i, "TargetUserName", "alice")));
        }
        Run r = everyWay(atLeastTen(), in);
        assertThat(r.detections).isEmpty();
        assertThat(r.stats.withoutGroup()).isEqualTo(10);
        assertThat(r.codes()).contains("correlation-group-missing");
    }

    @Test
    void withoutGroupByEverythingIsOneGroup() {
        CorrelationPlan p = plan(CorrelationSpec.builder(corr("any"), CorrelationType.EVENT_COUNT)
                .rules(FAILED)
                .timespan("1m")
                .condition(CorrelationCondition.of(new Comparison(Relation.GTE, 3)))
                .build());
        List<Match> in = List.of(
                failure("a.evtx", 1, 0, "1.1.1.1", "a"),
                failure("b.evtx", 1, 10, "2.2.2.2", "b"),
                m(FAILED, ev("c.evtx", 1, 20)));
        Run r = everyWay(p, in);
        assertThat(r.detections).hasSize(1);
        assertThat(r.corr(0).get("group")).isEqualTo(Map.of());
        assertThat(r.corr(0).get("count")).isEqualTo(3L);
    }

    @Test
    void numbersAndTheirTextGroupTogether() {
        CorrelationPlan p = plan(CorrelationSpec.builder(corr("by-id"), CorrelationType.EVENT_COUNT)
                .rules(FAILED)
                .groupBy("LogonType")
                .timespan("1m")
                .condition(CorrelationCondition.of(new Comparison(Relation.GTE, 2)))
                .build());
        Run r = everyWay(
                p,
                List.of(
                        m(FAILED, ev("a.evtx", 1, 0, "LogonType", 3L)),
                        m(FAILED, ev("b.jsonl", 1, 1, "LogonType", "3"))));
        assertThat(r.detections).hasSize(1);
        assertThat(r.corr(0).get("group")).isEqualTo(Map.of("LogonType", 3L));
    }

    @Test
    void upperBoundsAreDecidedWhenTheWindowCloses() {
        // lt: 3 over windows [t, t + 1m] that start at an event; events at 0, 10, 20, 30, 40 s.
        CorrelationPlan p = bruteForce(CorrelationCondition.of(new Comparison(Relation.LT, 3)), "1m");
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            in.add(failure("dc1.evtx", i, i * 10, "10.0.0.5", "alice"));
        }
        in.add(failure("dc1.evtx", 9, 500, "10.0.0.9", "bob")); // alone: fewer than 3
        Run r = everyWay(p, in);
        assertThat(r.rendered()).hasSize(2);
        // alice: the windows from 0, 10 and 20 s hold 5, 4, 3 events; the one from 30 s holds 2.
        assertThat(r.corr(0).get("window"))
                .isEqualTo(Map.of("start", "2024-03-05T14:00:30Z", "end", "2024-03-05T14:01:30Z"));
        assertThat(r.corr(0).get("count")).isEqualTo(2L);
        assertThat(r.detections.get(0).timestamp()).isEqualTo(Fixture.T0.plusSeconds(90));
        assertThat(r.corr(1).get("count")).isEqualTo(1L);
    }

    @Test
    void rangesAndEqualityNeedTheWholeWindow() {
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            in.add(failure("dc1.evtx", i, i, "10.0.0.5", "alice"));
        }
        CorrelationPlan range = bruteForce(
                CorrelationCondition.of(new Comparison(Relation.GT, 2), new Comparison(Relation.LTE, 4)), "1m");
        // The window from 0 s holds 5 (out of range); the one from 1 s holds 4 (in range).
        Run r = everyWay(range, in);
        assertThat(r.detections).hasSize(1);
        assertThat(r.corr(0).get("count")).isEqualTo(4L);
        CorrelationPlan eq5 = bruteForce(CorrelationCondition.of(new Comparison(Relation.EQ, 5)), "1m");
        assertThat(everyWay(eq5, in).corr(0).get("count")).isEqualTo(5L);
        CorrelationPlan neq5 = bruteForce(CorrelationCondition.of(new Comparison(Relation.NEQ, 5)), "1m");
        assertThat(everyWay(neq5, in).corr(0).get("count")).isEqualTo(4L);
    }

    @Test
    void sameTimestampsAllCountAndNeverReadAsAWindowOfFewer() {
        // eq: 3 over four simultaneous events: no interval holds exactly three of them.
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            in.add(failure("dc1.evtx", i, 0, "10.0.0.5", "alice"));
        }
        CorrelationPlan eq3 = bruteForce(CorrelationCondition.of(new Comparison(Relation.EQ, 3)), "1m");
        assertThat(everyWay(eq3, in).detections).isEmpty();
    }

    @Test
    void eventsListIsCappedAndCountsTheRest() {
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            in.add(failure("dc1.evtx", i, i, "10.0.0.5", "alice"));
        }
        Run r = Fixture.batch(atLeastTen(), CorrelatorSettings.batch().withMaxEventsPerDetection(3), in);
        assertThat((List<?>) r.corr(0).get("events")).hasSize(3);
        assertThat(r.corr(0).get("events_omitted")).isEqualTo(7L);
        assertThat(r.corr(0).get("count")).isEqualTo(10L);
    }

    @Test
    void recordNumbersAppearInSources() {
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            in.add(m(
                    FAILED,
                    io.vigil.core.event.Event.of(
                            Map.of("IpAddress", "10.0.0.5", "TargetUserName", "alice"),
                            Fixture.T0.plusSeconds(i),
                            io.vigil.core.event.Provenance.record("Security.evtx", 1000 + i))));
        }
        Run r = everyWay(atLeastTen(), in);
        assertThat((List<?>) r.corr(0).get("events"))
                .first()
                .isEqualTo(Map.of("path", "Security.evtx", "record", 1000L));
    }
}
