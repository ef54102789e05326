package io.vigil.correlate;

import static io.vigil.correlate.Fixture.corr;
import static io.vigil.correlate.Fixture.ev;
import static io.vigil.correlate.Fixture.plan;
import static io.vigil.correlate.Fixture.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.diag.Diagnostic;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.correlate.state.InMemoryStateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatermarkTest {
    private static final RuleRef R = rule("r");

    private static CorrelationPlan threeInAMinute() {
        return plan(CorrelationSpec.builder(corr("three"), CorrelationType.EVENT_COUNT)
                .rules(R)
                .groupBy("User")
                .timespan("1m")
                .condition(CorrelationCondition.of(new Comparison(Relation.GTE, 3)))
                .build());
    }

    private final List<Detection> out = new ArrayList<>();
    private final List<Diagnostic> diags = new ArrayList<>();
    private final InMemoryStateStore store = new InMemoryStateStore(1000);

    private Correlator correlator(Duration lateness) {
        return new Correlator(
                threeInAMinute(),
                CorrelatorSettings.DEFAULTS.withAllowedLateness(lateness),
                store,
                diags::add,
                out::add);
    }

    private static Event at(String path, long line, double seconds) {
        return ev(path, line, seconds, "User", "frank");
    }

    @Test
    void theSlowestSourceHoldsTheWatermark() {
        Correlator c = correlator(Duration.ZERO);
        c.openSource("b.evtx");
        c.accept("a.evtx", R, at("a.evtx", 1, 0));
        c.accept("a.evtx", R, at("a.evtx", 2, 10));
        c.accept("a.evtx", R, at("a.evtx", 3, 20));
        c.accept("a.evtx", R, at("a.evtx", 4, 500));
        // b has said nothing: all of a's matches wait.
        assertThat(out).isEmpty();
        assertThat(c.stats().buffered()).isEqualTo(4);
        assertThat(c.watermark()).isNull();
        c.advance("b.evtx", Fixture.T0.plusSeconds(100));
        assertThat(out).hasSize(1);
        assertThat(c.watermark()).isEqualTo(Fixture.T0.plusSeconds(100));
        assertThat(c.stats().buffered()).isEqualTo(1);
        c.endOfSource("b.evtx");
        c.endOfSource("a.evtx");
        // With every source ended, the watermark is the highest time seen: windows before it close.
        assertThat(store.groups()).isEqualTo(0);
        c.finish();
        assertThat(diags).isEmpty();
    }

    @Test
    void lateEventsAreCountedAndReportedNeverDropped() {
        Correlator c = correlator(Duration.ZERO);
        c.accept("a.evtx", R, at("a.evtx", 1, 100));
        c.accept("a.evtx", R, at("a.evtx", 2, 200));
        c.accept("a.evtx", R, at("a.evtx", 3, 50)); // older than the watermark (200 s)
        c.finish();
        assertThat(c.stats().late()).isEqualTo(1);
        assertThat(diags).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("late-event");
            assertThat(d.location().toString()).isEqualTo("a.evtx:3");
            assertThat(d.message()).contains("2024-03-05T14:00:50Z").contains("2024-03-05T14:03:20Z");
        });
    }

    @Test
    void allowedLatenessAcceptsOutOfOrderEventsAndGivesTheInOrderResult() {
        Correlator c = correlator(Duration.ofMinutes(2));
        c.accept("a.evtx", R, at("a.evtx", 1, 100));
        c.accept("a.evtx", R, at("a.evtx", 2, 130));
        c.accept("a.evtx", R, at("a.evtx", 3, 80)); // 50 s late, within 2 minutes
        c.finish();
        assertThat(c.stats().late()).isZero();
        assertThat(out)
                .singleElement()
                .satisfies(d -> assertThat(d.timestamp()).isEqualTo(Fixture.T0.plusSeconds(130)));
    }

    @Test
    void latenessIsMeasuredAgainstTheMinimumOverSources() {
        Correlator c = correlator(Duration.ZERO);
        c.openSource("slow.evtx");
        c.accept("fast.evtx", R, at("fast.evtx", 1, 1000));
        c.accept("slow.evtx", R, at("slow.evtx", 1, 10));
        c.accept("slow.evtx", R, at("slow.evtx", 2, 20));
        c.accept("slow.evtx", R, at("slow.evtx", 3, 30)); // fast is far ahead; slow is on time
        c.advance("slow.evtx", Fixture.T0.plusSeconds(31));
        assertThat(out).hasSize(1);
        c.finish();
        assertThat(c.stats().late()).isZero();
    }

    @Test
    void aSourceFirstSeenAfterTheWatermarkMovedIsLateUnlessOpened() {
        Correlator c = correlator(Duration.ZERO);
        c.accept("a.evtx", R, at("a.evtx", 1, 1000));
        c.accept("a.evtx", R, at("a.evtx", 2, 1001));
        c.accept("new.evtx", R, at("new.evtx", 1, 10));
        c.finish();
        assertThat(c.stats().late()).isEqualTo(1);
    }

    @Test
    void eventsWithoutTimeAreReported() {
        Correlator c = correlator(Duration.ZERO);
        c.accept(R, Event.of(Map.of("User", "x"), null, Provenance.line("x.jsonl", 7)));
        c.finish();
        assertThat(c.stats().withoutTime()).isEqualTo(1);
        assertThat(diags).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("event-without-time");
            assertThat(d.location().toString()).isEqualTo("x.jsonl:7");
        });
    }

    @Test
    void onlyTheFirstFewProblemsOfAKindAreReportedOneByOne() {
        Correlator c = new Correlator(
                threeInAMinute(),
                CorrelatorSettings.DEFAULTS.withAllowedLateness(Duration.ZERO).withMaxReportsPerProblem(2),
                store,
                diags::add,
                out::add);
        c.accept(R, at("a.evtx", 1, 1000));
        c.accept(R, at("a.evtx", 2, 1001));
        for (int i = 0; i < 5; i++) {
            c.accept(R, at("a.evtx", 10 + i, i));
        }
        c.finish();
        assertThat(c.stats().late()).isEqualTo(5);
        assertThat(diags.stream().map(Diagnostic::code)).containsExactly("late-event", "late-event", "late-event");
        assertThat(diags.get(2).message()).startsWith("3 more");
    }

    @Test
    void watermarksAlsoMoveWithoutMatches() {
        Correlator c = correlator(Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            c.accept(R, at("a.evtx", i, i));
        }
        assertThat(out).isEmpty(); // the third match waits: another at the same time may follow
        c.advance(Correlator.DEFAULT_SOURCE, Fixture.T0.plusSeconds(3600));
        assertThat(out).hasSize(1);
        assertThat(store.groups()).isZero();
    }

    @Test
    void windowsCloseAsTheWatermarkPassesWithoutFinish() {
        Correlator c = correlator(Duration.ZERO);
        c.accept(R, at("a.evtx", 1, 0));
        c.accept(R, ev("a.evtx", 2, 5, "User", "gina"));
        // The second match moved the watermark to 5 s and released the first; it waits itself.
        assertThat(store.groups()).isEqualTo(1);
        assertThat(c.stats().buffered()).isEqualTo(1);
        c.advance(Correlator.DEFAULT_SOURCE, Fixture.T0.plusSeconds(30));
        assertThat(store.groups()).isEqualTo(2);
        c.advance(Correlator.DEFAULT_SOURCE, Fixture.T0.plusSeconds(66));
        assertThat(store.groups()).isZero();
        assertThat(store.entries()).isZero();
    }

    @Test
    void nothingIsAcceptedAfterFinish() {
        Correlator c = correlator(Duration.ZERO);
        c.finish();
        assertThatThrownBy(() -> c.accept(R, at("a.evtx", 1, 0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rulesNoCorrelationReadsAreIgnoredButMoveTime() {
        Correlator c = correlator(Duration.ZERO);
        assertThat(c.consumes(R)).isTrue();
        assertThat(c.consumes(rule("other"))).isFalse();
        c.accept(R, at("a.evtx", 1, 0));
        c.accept(rule("other"), at("a.evtx", 2, 100));
        assertThat(c.watermark()).isEqualTo(Fixture.T0.plusSeconds(100));
        assertThat(c.stats().matches()).isEqualTo(1);
    }
}
