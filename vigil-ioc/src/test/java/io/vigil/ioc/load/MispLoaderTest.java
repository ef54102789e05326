package io.vigil.ioc.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.diag.Diagnostic;
import io.vigil.ioc.Diagnostics;
import io.vigil.ioc.Events;
import io.vigil.ioc.Indicator;
import io.vigil.ioc.IocHit;
import io.vigil.ioc.IocMatcher;
import io.vigil.ioc.IocSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MispLoaderTest {
    private final Diagnostics diags = new Diagnostics();

    static final String EVENT = """
            {"Event": {
              "uuid": "5c8a0f2e-0000-4000-8000-000000000001",
              "info": "APT10 activity",
              "Attribute": [
                {"uuid": "a-md5", "type": "md5", "category": "Payload delivery", "to_ids": true,
                 "value": "7F8A867A8302FE58039A6DB254D335AE", "Tag": [{"name": "tlp:white"}]},
                {"uuid": "a-dom", "type": "domain", "to_ids": true, "value": "r3u8.com", "comment": "C2"},
                {"uuid": "a-ctx", "type": "ip-dst", "to_ids": false, "value": "192.0.2.99"},
                {"uuid": "a-str", "type": "hostname", "to_ids": "0", "value": "ctx.example"},
                {"uuid": "a-pipe", "type": "named pipe", "to_ids": true, "value": "\\\\\\\\.\\\\pipe\\\\NamePipe_MoreWindows"},
                {"uuid": "a-mutex", "type": "mutex", "to_ids": true, "value": "RedLeavesCMDSimulatorMutex"},
                {"uuid": "a-reg", "type": "regkey", "to_ids": true, "value": "HKLM\\\\Software\\\\Evil"},
                {"uuid": "a-url", "type": "url", "to_ids": true, "value": "http://evil.example/gate.php"},
                {"uuid": "a-fn", "type": "filename", "to_ids": true, "value": "StarBurn.dll"},
                {"uuid": "a-src", "type": "ip-src", "to_ids": true, "value": "198.51.100.0/24"},
                {"uuid": "a-sha1", "type": "sha1", "to_ids": true, "value": "566291b277534b63eafc938cdaab8a399e41af7d"},
                {"uuid": "a-sha256", "type": "sha256", "to_ids": true,
                 "value": "5262cb9791df50fafcb2fbd5f93226050b51efe400c2924eecba97b7ce437481"},
                {"uuid": "a-imp", "type": "imphash", "to_ids": true, "value": "0556ff5e5f8744bff47d4921494ba46d"},
                {"uuid": "a-host", "type": "hostname", "to_ids": true, "value": "mail.evil.example"},
                {"uuid": "a-del", "type": "domain", "to_ids": true, "deleted": true, "value": "deleted.example"},
                {"uuid": "a-email", "type": "email-src", "to_ids": true, "value": "x@evil.example"},
                {"uuid": "a-email2", "type": "email-src", "to_ids": true, "value": "y@evil.example"}
              ],
              "Object": [
                {"name": "file", "Attribute": [
                  {"uuid": "o-fnmd5", "type": "filename|md5", "to_ids": true,
                   "value": "handkerchief.dat|fb0c714cd2ebdcc6f33817abe7813c36"}]}
              ],
              "Orgc": {"name": "CIRCL"},
              "Tag": [{"name": "misp-galaxy:threat-actor=\\"APT10\\""}]
            }}
            """;

    private IocSet load(String json, FeedOptions options) {
        return MispLoader.load("misp.json", json.getBytes(StandardCharsets.UTF_8), options, diags);
    }

    @Test
    void singleEventUsesIdsAttributesOnly() {
        IocSet set = load(EVENT, FeedOptions.defaults());
        assertThat(set.indicators())
                .extracting(Indicator::id)
                .containsExactly(
                        "a-md5",
                        "a-dom",
                        "a-pipe",
                        "a-mutex",
                        "a-reg",
                        "a-url",
                        "a-fn",
                        "a-src",
                        "a-sha1",
                        "a-sha256",
                        "a-imp",
                        "a-host",
                        "o-fnmd5");
        Indicator md5 = set.indicators().get(0);
        assertThat(md5.author()).isEqualTo("CIRCL");
        assertThat(md5.tags()).containsExactly("misp-galaxy:threat-actor=\"APT10\"", "tlp:white");
        assertThat(md5.description()).isEqualTo("APT10 activity");
        assertThat(set.indicators().get(1).description()).isEqualTo("C2");
        assertThat(diags.all)
                .extracting(Diagnostic::code)
                .containsExactly("ioc-not-for-detection", "ioc-unsupported-type");
        assertThat(diags.all.get(0).message()).startsWith("2 attributes with to_ids=false");
        assertThat(diags.all.get(1).message()).startsWith("2 attributes of type 'email-src'");
        assertThat(diags.all.get(1).location().line()).isGreaterThan(1);
    }

    @Test
    void toIdsFalseIsIncludedOnRequest() {
        IocSet set = load(EVENT, FeedOptions.defaults().withNonDetection(true));
        assertThat(set.indicators()).extracting(Indicator::id).contains("a-ctx", "a-str");
    }

    @Test
    void attributesMatchEvents() {
        IocMatcher m = new IocMatcher(load(EVENT, FeedOptions.defaults()));
        assertThat(m.match(Events.of("PipeName", "\\NamePipe_MoreWindows")))
                .extracting(h -> h.indicator().id())
                .containsExactly("a-pipe");
        List<IocHit> hits = m.match(Events.of("Hashes", "MD5=FB0C714CD2EBDCC6F33817ABE7813C36"));
        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.iocMember())
                    .containsEntry("id", "o-fnmd5")
                    .containsEntry("type", "md5")
                    .containsEntry("value", "fb0c714cd2ebdcc6f33817abe7813c36")
                    .containsEntry("feed", "misp.json");
        });
        assertThat(m.match(Events.of("DestinationIp", "192.0.2.99"))).isEmpty();
    }

    @Test
    void listsOfEventsAndRestResponses() {
        String two = "[" + EVENT + ", {\"Event\": {\"Attribute\": [{\"uuid\": \"b-1\", \"type\": \"domain\", "
                + "\"to_ids\": true, \"value\": \"second.example\"}], \"Org\": {\"name\": \"ORG2\"}}}]";
        IocSet set = load(two, FeedOptions.defaults());
        assertThat(set.indicators()).hasSize(14);
        assertThat(set.indicators().get(13).author()).isEqualTo("ORG2");
        diags.all.clear();
        IocSet rest = load("{\"response\": " + two + "}", FeedOptions.defaults());
        assertThat(rest.indicators()).hasSize(14);
    }

    @Test
    void compositeTypes() {
        String json = """
                {"Event": {"Attribute": [
                  {"uuid": "c-1", "type": "ip-dst|port", "to_ids": true, "value": "203.0.113.5|4782"},
                  {"uuid": "c-2", "type": "domain|ip", "to_ids": true, "value": "c2.example|203.0.113.6"}
                ]}}
                """;
        IocMatcher m = new IocMatcher(load(json, FeedOptions.defaults()));
        assertThat(m.match(Events.of("DestinationIp", "203.0.113.5", "DestinationPort", 443L)))
                .isEmpty();
        assertThat(m.match(Events.of("DestinationIp", "203.0.113.5", "DestinationPort", 4782L)))
                .hasSize(1);
        assertThat(m.match(Events.of("DestinationIp", "203.0.113.6"))).hasSize(1);
        assertThat(m.match(Events.of("QueryName", "x.c2.example"))).hasSize(1);
    }

    @Test
    void malformedAttributesAndJson() {
        String json = """
                {"Event": {"Attribute": [
                  {"uuid": "m-1", "type": "md5", "to_ids": true, "value": "not-a-hash"},
                  {"uuid": "m-2", "type": "domain", "to_ids": true},
                  {"uuid": "m-3", "type": "domain", "to_ids": true, "value": "ok.example"},
                  {"uuid": "m-4", "type": "domain", "to_ids": true, "value": "cut.exa
                """;
        IocSet set = load(json, FeedOptions.defaults());
        // the file is cut inside the attribute list: what was read before the break still loads
        assertThat(set.indicators()).extracting(Indicator::id).containsExactly("m-3");
        assertThat(diags.all)
                .extracting(Diagnostic::code, Diagnostic::subject)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ioc-json-syntax", null),
                        org.assertj.core.groups.Tuple.tuple("ioc-invalid-value", "m-1"),
                        org.assertj.core.groups.Tuple.tuple("ioc-missing-field", "m-2"));
        assertThat(diags.all.get(0).location().line()).isEqualTo(5);
        assertThat(diags.all.get(1).location().line()).isEqualTo(2);
    }

    @Test
    void aBareEventObjectIsAccepted() {
        IocSet set = load(
                "{\"info\": \"x\", \"Attribute\": [{\"uuid\": \"b\", \"type\": \"domain\", "
                        + "\"value\": \"bare.example\"}]}",
                FeedOptions.defaults());
        assertThat(set.indicators()).extracting(Indicator::id).containsExactly("b");
        assertThat(set.indicators().get(0).description()).isEqualTo("x");
    }
}
