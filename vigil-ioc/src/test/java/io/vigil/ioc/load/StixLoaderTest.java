package io.vigil.ioc.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.detect.Level;
import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.Severity;
import io.vigil.ioc.Diagnostics;
import io.vigil.ioc.Events;
import io.vigil.ioc.Indicator;
import io.vigil.ioc.IocMatcher;
import io.vigil.ioc.IocSet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StixLoaderTest {
    private final Diagnostics diags = new Diagnostics();

    private IocSet load(String json) {
        return StixLoader.load("feed.json", json.getBytes(StandardCharsets.UTF_8), diags);
    }

    private IocSet load(String json, FeedOptions options) {
        return StixLoader.load("feed.json", json.getBytes(StandardCharsets.UTF_8), options, diags);
    }

    static String bundle(String... objects) {
        return "{\"type\": \"bundle\", \"id\": \"bundle--1\", \"objects\": [\n" + String.join(",\n", objects) + "\n]}";
    }

    static String indicator(String id, String pattern, String extra) {
        return "{\"type\": \"indicator\", \"spec_version\": \"2.1\", \"id\": \"" + id
                + "\", \"pattern_type\": \"stix\", "
                + "\"valid_from\": \"2017-04-01T00:00:00Z\", \"pattern\": \"" + pattern.replace("\\", "\\\\") + "\""
                + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    @Test
    void indicatorsWithAuthorTagsLevelAndConfidence() {
        IocSet set = load(bundle(
                "{\"type\": \"identity\", \"id\": \"identity--acme\", \"name\": \"ACME CERT\"}",
                indicator(
                        "indicator--a",
                        "[domain-name:value = 'evil.example']",
                        "\"created_by_ref\": \"identity--acme\", \"labels\": [\"apt10\"], \"confidence\": 85, "
                                + "\"x_vigil_level\": \"high\", \"external_references\": [{\"source_name\": "
                                + "\"mitre-attack\", \"external_id\": \"G0045\"}]"),
                indicator("indicator--b", "[ipv4-addr:value = '192.0.2.0/24']", "")));
        assertThat(diags.all).isEmpty();
        assertThat(set.indicators()).hasSize(2);
        Indicator a = set.indicators().get(0);
        assertThat(a.author()).isEqualTo("ACME CERT");
        assertThat(a.tags()).containsExactly("apt10", "attack.g0045");
        assertThat(a.level()).isEqualTo(Level.HIGH);
        assertThat(a.confidence()).isEqualTo(85);
        assertThat(a.validFrom()).isEqualTo(Instant.parse("2017-04-01T00:00:00Z"));
        Indicator b = set.indicators().get(1);
        assertThat(b.author()).isEqualTo("feed.json");
        assertThat(b.level()).isEqualTo(Level.LOW);
        assertThat(b.confidence()).isEqualTo(-1);
    }

    @Test
    void feedOptionsSetTheDefaultLevelAndConfidence() {
        IocSet set = load(
                bundle(indicator("indicator--a", "[domain-name:value = 'evil.example']", "")),
                FeedOptions.defaults().withDefaultLevel(Level.MEDIUM).withDefaultConfidence(50));
        assertThat(set.indicators().get(0).level()).isEqualTo(Level.MEDIUM);
        assertThat(set.indicators().get(0).confidence()).isEqualTo(50);
    }

    @Test
    void unsupportedPatternsAreReportedWithTheIndicatorIdAndTheRestLoads() {
        IocSet set = load(bundle(
                indicator("indicator--ok1", "[domain-name:value = 'a.example']", ""),
                indicator(
                        "indicator--seq",
                        "[domain-name:value = 'a.example'] FOLLOWEDBY [ipv4-addr:value = '192.0.2.1']",
                        ""),
                indicator("indicator--bad", "[domain-name:value = 'a.example'", ""),
                indicator("indicator--md5", "[file:hashes.MD5 = '123']", ""),
                indicator("indicator--ok2", "[file:name = 'StarBurn.dll']", "")));
        assertThat(set.indicators()).extracting(Indicator::id).containsExactly("indicator--ok1", "indicator--ok2");
        assertThat(diags.all)
                .extracting(Diagnostic::code, Diagnostic::subject, Diagnostic::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "ioc-unsupported-pattern", "indicator--seq", Severity.WARNING),
                        org.assertj.core.groups.Tuple.tuple("ioc-pattern-syntax", "indicator--bad", Severity.ERROR),
                        org.assertj.core.groups.Tuple.tuple("ioc-invalid-value", "indicator--md5", Severity.ERROR));
        Diagnostic seq = diags.all.get(0);
        assertThat(seq.message()).contains("FOLLOWEDBY", "indicator--seq");
        assertThat(seq.location().path()).isEqualTo("feed.json");
        assertThat(seq.location().line()).isEqualTo(3);
    }

    @Test
    void validityWindowsAreLoadedAndApplied() {
        IocSet set = load(bundle(
                indicator(
                        "indicator--w",
                        "[domain-name:value = 'w.example']",
                        "\"valid_until\": \"2019-01-01T00:00:00Z\""),
                indicator(
                        "indicator--empty",
                        "[domain-name:value = 'e.example']",
                        "\"valid_until\": \"2016-01-01T00:00:00Z\""),
                indicator(
                        "indicator--badtime",
                        "[domain-name:value = 'b.example']",
                        "\"valid_until\": \"next tuesday\"")));
        assertThat(set.indicators()).extracting(Indicator::id).containsExactly("indicator--w", "indicator--badtime");
        assertThat(diags.codes()).containsExactly("ioc-validity", "ioc-validity");
        IocMatcher m = new IocMatcher(set);
        assertThat(m.match(Events.at(Instant.parse("2018-01-01T00:00:00Z"), "QueryName", "w.example")))
                .hasSize(1);
        assertThat(m.match(Events.at(Instant.parse("2019-06-01T00:00:00Z"), "QueryName", "w.example")))
                .isEmpty();
        assertThat(m.match(Events.at(Instant.parse("2016-06-01T00:00:00Z"), "QueryName", "w.example")))
                .isEmpty();
        assertThat(m.match(Events.at(Instant.parse("2030-06-01T00:00:00Z"), "QueryName", "b.example")))
                .hasSize(1);
    }

    @Test
    void revokedOtherPatternTypesAndContextOnlyIndicatorsAreTalliedOnce() {
        String json = bundle(
                indicator("indicator--r1", "[domain-name:value = 'r.example']", "\"revoked\": true"),
                indicator("indicator--r2", "[domain-name:value = 's.example']", "\"revoked\": true"),
                "{\"type\": \"indicator\", \"id\": \"indicator--sigma\", \"pattern_type\": \"sigma\", \"pattern\": \"x\"}",
                indicator("indicator--ctx", "[network-traffic:dst_port = 4782]", "\"x_vigil_detect\": false"),
                indicator("indicator--ok", "[domain-name:value = 'ok.example']", ""));
        IocSet set = load(json);
        assertThat(set.indicators()).extracting(Indicator::id).containsExactly("indicator--ok");
        assertThat(diags.all)
                .extracting(Diagnostic::code)
                .containsExactly("ioc-revoked", "ioc-pattern-type", "ioc-not-for-detection");
        assertThat(diags.all.get(0).message()).startsWith("2 revoked");
        diags.all.clear();
        IocSet withContext = load(json, FeedOptions.defaults().withNonDetection(true));
        assertThat(withContext.indicators())
                .extracting(Indicator::id)
                .containsExactly("indicator--ctx", "indicator--ok");
    }

    @Test
    void malformedJsonKeepsWhatCameBeforeAndSaysWhere() {
        String json = bundle(indicator("indicator--a", "[domain-name:value = 'a.example']", ""))
                .replace("\n]}", ",\n{\"type\": \"indicator\", \"id\": ");
        IocSet set = load(json);
        assertThat(set.indicators()).extracting(Indicator::id).containsExactly("indicator--a");
        assertThat(diags.all).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("ioc-json-syntax");
            assertThat(d.location().line()).isEqualTo(3);
            assertThat(d.location().column()).isGreaterThan(0);
        });
    }

    @Test
    void missingPatternOrIdAndWrongTypes() {
        IocSet set = load(bundle(
                "{\"type\": \"indicator\", \"pattern\": \"[domain-name:value = 'x.example']\"}",
                "{\"type\": \"indicator\", \"id\": \"indicator--nopat\"}",
                "{\"type\": \"indicator\", \"id\": \"indicator--num\", \"pattern\": 42}",
                indicator("indicator--conf", "[domain-name:value = 'c.example']", "\"confidence\": \"very\"")));
        assertThat(set.indicators()).extracting(Indicator::id).containsExactly("indicator--conf");
        assertThat(diags.codes())
                .containsExactly("ioc-missing-field", "ioc-missing-field", "ioc-missing-field", "ioc-confidence");
    }

    @Test
    void arrayOfObjectsAndStix20WithoutPatternType() {
        IocSet set = load(
                "[{\"type\": \"indicator\", \"id\": \"indicator--20\", \"labels\": [\"malicious-activity\"], "
                        + "\"valid_from\": \"2017-01-01T00:00:00.000Z\", \"pattern\": \"[url:value = 'http://x.example/a']\"}]");
        assertThat(diags.all).isEmpty();
        assertThat(set.indicators()).extracting(Indicator::id).containsExactly("indicator--20");
    }
}
