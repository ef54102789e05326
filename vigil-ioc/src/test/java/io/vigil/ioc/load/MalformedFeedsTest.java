package io.vigil.ioc.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vigil.core.diag.Severity;
import io.vigil.ioc.Diagnostics;
import io.vigil.ioc.IocSet;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Cut and mangled feeds never make a loader throw: every prefix and many random corruptions of a valid
 * STIX bundle, MISP event, CSV list and STIX pattern load what they can and report the rest.
 */
class MalformedFeedsTest {
    private static final String STIX = StixLoaderTest.bundle(
            StixLoaderTest.indicator(
                    "indicator--a",
                    "[domain-name:value = 'a.example' OR ipv4-addr:value = " + "'192.0.2.0/24']",
                    "\"labels\": [\"x\"], \"confidence\": 50"),
            StixLoaderTest.indicator(
                    "indicator--b",
                    "[file:name = 'x.dll' AND file:parent_directory_ref.path LIKE "
                            + "'%\\\\Temp'] OR [file:hashes.MD5 = '7f8a867a8302fe58039a6db254d335ae']",
                    ""));
    private static final String CSV = "type,value,comment\nmd5,7f8a867a8302fe58039a6db254d335ae,\"a, b\"\n"
            + "ip,10.0.0.0/8,x\ndomain,evil.example,\n";

    @Test
    void everyPrefixLoadsWithoutThrowing() {
        for (String feed : new String[] {STIX, MispLoaderTest.EVENT, CSV}) {
            for (int cut = 0; cut <= feed.length(); cut++) {
                byte[] bytes = feed.substring(0, cut).getBytes(StandardCharsets.UTF_8);
                Diagnostics diags = new Diagnostics();
                assertThatCode(() -> FeedLoader.load("cut", bytes, diags)).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void randomCorruptionsLoadWithoutThrowing() {
        Random rnd = new Random(7);
        String alphabet = "{}[]\",:'\\|/%.=ANDOR \n0123456789abcdef";
        for (String feed : new String[] {STIX, MispLoaderTest.EVENT, CSV}) {
            for (int round = 0; round < 2000; round++) {
                char[] c = feed.toCharArray();
                for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                    c[rnd.nextInt(c.length)] = alphabet.charAt(rnd.nextInt(alphabet.length()));
                }
                byte[] bytes = new String(c).getBytes(StandardCharsets.UTF_8);
                assertThatCode(() -> FeedLoader.load("mangled", bytes, new Diagnostics()))
                        .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void randomPatternsFailOnlyWithPatternExceptions() {
        Random rnd = new Random(11);
        String[] pieces = {
            "[",
            "]",
            "(",
            ")",
            " AND ",
            " OR ",
            " FOLLOWEDBY ",
            "file:name",
            "file:hashes.'SHA-256'",
            "domain-name:value",
            " = ",
            " IN ",
            " LIKE ",
            " NOT ",
            "'a.example'",
            "'\\\\'",
            "'",
            "42",
            ",",
            " WITHIN ",
            "network-traffic:dst_ref.value",
            "file:parent_directory_ref.path",
            "'%\\\\Temp'",
            "t'2017'"
        };
        for (int round = 0; round < 20_000; round++) {
            StringBuilder p = new StringBuilder();
            for (int k = 0; k < 1 + rnd.nextInt(12); k++) {
                p.append(pieces[rnd.nextInt(pieces.length)]);
            }
            try {
                StixTerms.comparisons(StixPattern.parse(p.toString()));
            } catch (PatternException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void aTruncatedBundleKeepsTheIndicatorsBeforeTheCut() {
        Diagnostics diags = new Diagnostics();
        IocSet set = FeedLoader.load(
                "cut", STIX.substring(0, STIX.indexOf("indicator--b")).getBytes(StandardCharsets.UTF_8), diags);
        assertThat(set.size()).isEqualTo(1);
        assertThat(diags.at(Severity.ERROR))
                .singleElement()
                .satisfies(d -> assertThat(d.code()).isEqualTo("ioc-json-syntax"));
    }
}
