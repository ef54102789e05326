package io.vigil.correlate;

import static io.vigil.correlate.Fixture.corr;
import static io.vigil.correlate.Fixture.ev;
import static io.vigil.correlate.Fixture.m;
import static io.vigil.correlate.Fixture.plan;
import static io.vigil.correlate.Fixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.detect.RuleRef;
import io.vigil.correlate.Fixture.Match;
import io.vigil.correlate.Fixture.Run;
import io.vigil.correlate.state.GroupState;
import io.vigil.correlate.state.InMemoryStateStore;
import io.vigil.correlate.state.StateKey;
import io.vigil.correlate.state.WindowEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateStoreTest {
    private static final RuleRef R = rule("r");

    private static CorrelationPlan perUser(Relation relation, int n) {
        return plan(CorrelationSpec.builder(corr("c"), CorrelationType.EVENT_COUNT)
                .rules(R)
                .groupBy("User")
                .timespan("1m")
                .condition(CorrelationCondition.of(new Comparison(relation, n)))
                .build());
    }

    @Test
    void theCapRefusesNewEntriesWithADiagnosticInsteadOfGrowing() {
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            in.add(m(R, ev("a.evtx", i, i, "User", "u" + i)));
        }
        Run r = Fixture.batch(
                perUser(Relation.GTE, 2), CorrelatorSettings.batch().withMaxStateEntries(4), in);
        assertThat(r.stats.droppedAtCapacity()).isEqualTo(6);
        assertThat(r.store.peakEntries()).isEqualTo(4);
        assertThat(r.codes()).contains("correlation-state-full");
        assertThat(r.store.entries()).isZero();
    }

    @Test
    void closedWindowsAreEvictedSoMemoryFollowsTheTimespanNotTheInput() {
        List<Match> in = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            in.add(m(R, ev("a.evtx", i, i * 10, "User", "u" + (i % 50))));
        }
        // 50 users, one event each every 500 s, windows of 60 s: at most one entry per user at a time.
        Run r = Fixture.stream(perUser(Relation.GTE, 5), in, false);
        assertThat(r.detections).isEmpty();
        assertThat(r.store.peakEntries()).isLessThanOrEqualTo(50);
        assertThat(r.store.groups()).isZero();
        Run closing = Fixture.stream(perUser(Relation.LT, 5), in, false);
        assertThat(closing.detections).hasSize(10_000);
        assertThat(closing.store.peakEntries()).isLessThanOrEqualTo(50);
    }

    @Test
    void groupStateKeepsItsAggregatesInStep() {
        GroupState st = new GroupState(new Object[] {"x"}, 2, true);
        st.add(new WindowEntry(1, 0, "a", 5, null));
        st.add(new WindowEntry(2, 1, "a", 7, null));
        st.add(new WindowEntry(2, 1, "b", 0.5, null));
        assertThat(st.size()).isEqualTo(3);
        assertThat(st.slotsSeen()).isEqualTo(2);
        assertThat(st.distinctValues()).isEqualTo(2);
        assertThat(st.sum()).isEqualTo(12.5);
        st.removeFirst();
        assertThat(st.slotsSeen()).isEqualTo(1);
        assertThat(st.distinctValues()).isEqualTo(2);
        st.removeFirst();
        assertThat(st.distinctValues()).isEqualTo(1);
        st.removeFirst();
        assertThat(st.isEmpty()).isTrue();
        assertThat(st.sum()).isZero();
        assertThat(st.groupValues()).containsExactly("x");
    }

    @Test
    void inMemoryStoreCountsReservations() {
        InMemoryStateStore s = new InMemoryStateStore(2);
        assertThat(s.tryReserve(1)).isTrue();
        assertThat(s.tryReserve(2)).isFalse();
        assertThat(s.tryReserve(1)).isTrue();
        s.release(2);
        assertThat(s.entries()).isZero();
        s.put(new StateKey(0, "g"), new GroupState(new Object[0], 1, false));
        assertThat(s.groups()).isEqualTo(1);
        s.remove(new StateKey(0, "g"));
        assertThat(s.groups()).isZero();
        assertThat(s.peakGroups()).isEqualTo(1);
    }

    @Test
    void aFullReorderingBufferCorrelatesTheOldestEarlyAndSaysSo() {
        List<Match> in = new ArrayList<>();
        for (int i = 9; i >= 0; i--) {
            in.add(m(R, ev("a.evtx", i, i, "User", "u")));
        }
        Run r = Fixture.batch(
                perUser(Relation.GTE, 100), CorrelatorSettings.batch().withMaxBufferedMatches(5), in);
        assertThat(r.stats.releasedEarly()).isGreaterThan(0);
        assertThat(r.stats.late()).isGreaterThan(0);
        assertThat(r.codes()).contains("correlation-buffer-full", "late-event");
        assertThat(r.stats.releasedEarly() + r.stats.late() + r.stats.buffered())
                .isLessThanOrEqualTo(10);
    }
}
