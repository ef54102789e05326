package io.vigil.ioc.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.Severity;
import io.vigil.ioc.Diagnostics;
import io.vigil.ioc.Events;
import io.vigil.ioc.Indicator;
import io.vigil.ioc.IocMatcher;
import io.vigil.ioc.IocSet;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvLoaderTest {
    private final Diagnostics diags = new Diagnostics();

    private IocSet load(String text) {
        return CsvLoader.load("list.csv", text.getBytes(StandardCharsets.UTF_8), diags);
    }

    @Test
    void typedRowsWithGenericHashAndIpAndComments() {
        IocSet set = load("""
                # APT10 quick list
                type,value,comment
                hash,0556FF5E5F8744BFF47D4921494BA46D,imphash or md5: unknown
                ip,198.51.100.0/24,"C2 range, per vendor"
                domain,r3u8.com,
                named pipe,\\NamePipe_MoreWindows,RedLeaves
                """);
        assertThat(diags.all).isEmpty();
        assertThat(set.indicators()).hasSize(4);
        assertThat(set.indicators().get(1).description()).isEqualTo("C2 range, per vendor");
        assertThat(set.indicators().get(2).description()).isNull();
        assertThat(set.countsByType())
                .containsEntry("hash", 1)
                .containsEntry("ip", 1)
                .containsEntry("named pipe", 1);
        IocMatcher m = new IocMatcher(set);
        assertThat(m.match(Events.of("Hashes", "IMPHASH=0556ff5e5f8744bff47d4921494ba46d")))
                .hasSize(1);
        assertThat(m.match(Events.of("Hashes", "MD5=0556ff5e5f8744bff47d4921494ba46d")))
                .hasSize(1);
        assertThat(m.match(Events.of("SourceIp", "198.51.100.3"))).hasSize(1);
        assertThat(m.match(Events.of("DestinationIp", "198.51.100.3"))).hasSize(1);
        assertThat(m.match(Events.of("PipeName", "\\namepipe_morewindows"))).hasSize(1);
    }

    @Test
    void idsAreStableNameBasedUuids() {
        String csv = "type,value\nmd5,7f8a867a8302fe58039a6db254d335ae\n";
        String a = load(csv).indicators().get(0).id();
        String b = load(csv.toUpperCase().replace("TYPE,VALUE", "type,value").replace("MD5,", "md5,"))
                .indicators()
                .get(0)
                .id();
        assertThat(a).isEqualTo(b).matches("[0-9a-f-]{36}");
    }

    @Test
    void badRowsAreReportedWithTheirLineAndSkipped() {
        IocSet set = load("""
                type,value,comment
                md5,123,short
                domain,ok.example
                ssdeep,3:abc:def,not matched
                ip-dst
                ip-dst,999.1.1.1,bad
                """);
        assertThat(set.indicators()).extracting(Indicator::description).containsExactly((String) null);
        assertThat(diags.all)
                .extracting(
                        Diagnostic::code,
                        Diagnostic::severity,
                        d -> d.location().line())
                .containsExactly(
                        tuple("ioc-invalid-value", Severity.ERROR, 2),
                        tuple("ioc-unsupported-type", Severity.WARNING, 4),
                        tuple("ioc-csv-row", Severity.ERROR, 5),
                        tuple("ioc-invalid-value", Severity.ERROR, 6));
        assertThat(diags.all.get(0).location().toString()).isEqualTo("list.csv:2");
    }

    @Test
    void aMissingHeaderRejectsTheFile() {
        IocSet set = load("7f8a867a8302fe58039a6db254d335ae\nr3u8.com\n");
        assertThat(set.isEmpty()).isTrue();
        assertThat(diags.all).singleElement().extracting(Diagnostic::code).isEqualTo("ioc-csv-header");
    }

    @Test
    void semicolonAndTabListsAndExtraColumns() {
        assertThat(load("type;value\ndomain;semi.example\n").size()).isEqualTo(1);
        assertThat(load("type\tvalue\ndomain\ttab.example\n").size()).isEqualTo(1);
        assertThat(load("Type,Value,first_seen\ndomain,x.example,2017\n").size())
                .isEqualTo(1);
        assertThat(diags.codes()).containsExactly("ioc-csv-column");
    }

    @Test
    void anUnclosedQuoteStopsTheFileAtThatRow() {
        IocSet set = load("type,value\ndomain,a.example\ndomain,\"b.example\ndomain,c.example\n");
        assertThat(set.size()).isEqualTo(1);
        assertThat(diags.all).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("ioc-csv-syntax");
            assertThat(d.location().line()).isEqualTo(3);
        });
    }
}
