package io.vigil.ioc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.event.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IocHitTest {
    private final Indicator indicator = new Indicator(
            "indicator--1",
            "feeds/apt10.json",
            "ACME CERT",
            null,
            List.of("apt10", "attack.g0045"),
            Level.MEDIUM,
            80,
            null,
            null,
            List.of(List.of(Comparison.of(IocType.IP, "198.51.100.0/24"))));

    @Test
    void iocMemberHasTheFiveMembersInOrderWithTheValueAsWritten() {
        IocHit hit = new IocHit(indicator, indicator.clauses().get(0).get(0), "DestinationIp");
        Map<String, Object> m = hit.iocMember();
        assertThat(m)
                .containsExactly(
                        Map.entry("id", "indicator--1"),
                        Map.entry("type", "ip"),
                        Map.entry("value", "198.51.100.0/24"),
                        Map.entry("feed", "feeds/apt10.json"),
                        Map.entry("field", "DestinationIp"));
    }

    @Test
    void ruleStandsInForTheIndicator() {
        RuleRef r = new IocHit(indicator, indicator.clauses().get(0).get(0), "DestinationIp").rule();
        assertThat(r.id()).isEqualTo("indicator--1");
        assertThat(r.title()).isEqualTo("IOC match: ip 198.51.100.0/24");
        assertThat(r.level()).isEqualTo(Level.MEDIUM);
        assertThat(r.author()).isEqualTo("ACME CERT");
        assertThat(r.tags()).containsExactly("apt10", "attack.g0045");
        assertThat(r.path()).isEqualTo("feeds/apt10.json");
        assertThat(r.status()).isEqualTo(IocHit.STATUS);
    }

    @Test
    void detectionCarriesTheIocMember() {
        IocSet set = IocSet.builder().add(indicator).build();
        Event e = Events.of("EventID", 3L, "DestinationIp", "198.51.100.9");
        List<IocHit> hits = new IocMatcher(set).match(e);
        Detection d = hits.get(0).detection(e);
        assertThat(d.rule().id()).isEqualTo("indicator--1");
        assertThat(d.event()).isSameAs(e);
        assertThat(d.extra()).containsOnlyKeys("ioc");
        assertThat(d.timestamp()).isEqualTo(Events.TIME);
    }

    @Test
    void longValuesAreCutInTheTitleOnly() {
        String url = "http://example.org/" + "a".repeat(400);
        Indicator ind =
                Indicator.single("u", "f", "a", null, List.of(), Level.LOW, -1, Comparison.of(IocType.URL, url));
        IocHit hit = new IocHit(ind, ind.clauses().get(0).get(0), "url.full");
        assertThat(hit.rule().title()).hasSizeLessThan(230);
        assertThat(hit.iocMember()).containsEntry("value", url);
    }
}
