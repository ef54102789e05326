package io.vigil.ioc.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.ioc.Comparison;
import io.vigil.ioc.IocType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pattern to OR-of-AND comparisons, construct by construct. */
class StixPatternTest {
    static List<List<Comparison>> clauses(String pattern) throws PatternException {
        return StixTerms.comparisons(StixPattern.parse(pattern));
    }

    static String shape(String pattern) throws PatternException {
        StringBuilder sb = new StringBuilder();
        for (List<Comparison> clause : clauses(pattern)) {
            if (sb.length() > 0) {
                sb.append(" | ");
            }
            for (int i = 0; i < clause.size(); i++) {
                sb.append(i > 0 ? " & " : "")
                        .append(clause.get(i).type().label())
                        .append('=')
                        .append(clause.get(i).value());
            }
        }
        return sb.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            [file:hashes.MD5 = '7F8A867A8302FE58039A6DB254D335AE']                      | md5=7F8A867A8302FE58039A6DB254D335AE
            [file:hashes.'SHA-1' = '566291b277534b63eafc938cdaab8a399e41af7d']          | sha1=566291b277534b63eafc938cdaab8a399e41af7d
            [file:hashes.'SHA-256' = 'f9acc706d7bec10f88f9cfbbdf80df0d85331bd4c3c0188e4d002d6929fe4eac'] | sha256=f9acc706d7bec10f88f9cfbbdf80df0d85331bd4c3c0188e4d002d6929fe4eac
            [file:extensions.'windows-pebinary-ext'.imphash = '0556ff5e5f8744bff47d4921494ba46d'] | imphash=0556ff5e5f8744bff47d4921494ba46d
            [process:image_ref.hashes.MD5 = '7f8a867a8302fe58039a6db254d335ae']        | md5=7f8a867a8302fe58039a6db254d335ae
            [file:name = 'StarBurn.dll']                                                 | filename=StarBurn.dll
            [domain-name:value = 'r3u8.com']                                             | domain=r3u8.com
            [ipv4-addr:value = '198.51.100.0/24']                                        | ip=198.51.100.0/24
            [ipv4-addr:value ISSUBSET '198.51.100.0/24']                                 | ip=198.51.100.0/24
            [ipv6-addr:value = '2001:db8::/32']                                          | ip=2001:db8::/32
            [url:value = 'http://evil.example/gate.php']                                 | url=http://evil.example/gate.php
            [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Evil']        | regkey=HKEY_LOCAL_MACHINE\\SOFTWARE\\Evil
            [mutex:name = 'RedLeavesCMDSimulatorMutex']                                  | mutex=RedLeavesCMDSimulatorMutex
            [network-traffic:dst_port = 995]                                             | port=995
            [file:name = '\\\\\\\\.\\\\pipe\\\\NamePipe_MoreWindows']                    | named pipe=\\\\.\\pipe\\NamePipe_MoreWindows
            """)
    void singleComparisons(String pattern, String expected) throws PatternException {
        assertThat(shape(pattern)).isEqualTo(expected);
    }

    @Test
    void orAndAndInsideAnObservationAndOrOfObservations() throws PatternException {
        assertThat(shape("[domain-name:value = 'a.example' OR domain-name:value = 'b.example']"))
                .isEqualTo("domain=a.example | domain=b.example");
        assertThat(shape("[network-traffic:dst_ref.value = '192.0.2.1' AND network-traffic:dst_port = 443]"))
                .isEqualTo("ip-dst=192.0.2.1 & port=443");
        assertThat(shape("([domain-name:value = 'a.example'] OR [ipv4-addr:value = '192.0.2.1']) OR "
                        + "[url:value = 'http://c.example/x']"))
                .isEqualTo("domain=a.example | ip=192.0.2.1 | url=http://c.example/x");
        // (a OR b) AND c distributes into two clauses
        assertThat(shape("[(ipv4-addr:value = '192.0.2.1' OR ipv4-addr:value = '192.0.2.2') AND "
                        + "network-traffic:dst_port = 80]"))
                .isEqualTo("ip=192.0.2.1 & port=80 | ip=192.0.2.2 & port=80");
        assertThat(shape("[domain-name:value IN ('a.example', 'b.example')]"))
                .isEqualTo("domain=a.example | domain=b.example");
    }

    @Test
    void mispStyleTypeRestatementsAreDropped() throws PatternException {
        assertThat(shape("[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = "
                        + "'203.0.113.5']"))
                .isEqualTo("ip-dst=203.0.113.5");
        assertThat(shape("[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = "
                        + "'c2.example']"))
                .isEqualTo("hostname=c2.example");
    }

    @Test
    void fileNameWithADirectoryBecomesAPathSuffixOrAPipe() throws PatternException {
        List<List<Comparison>> c = clauses("[file:name = 'handkerchief.dat' AND file:parent_directory_ref.path "
                + "LIKE '%\\\\AppData\\\\Local\\\\Temp']");
        assertThat(c).singleElement().satisfies(clause -> {
            assertThat(clause).singleElement().satisfies(cmp -> {
                assertThat(cmp.type()).isEqualTo(IocType.FILENAME);
                assertThat(cmp.value()).isEqualTo("%\\AppData\\Local\\Temp\\handkerchief.dat");
                assertThat(cmp.key()).isEqualTo("appdata\\local\\temp\\handkerchief.dat");
            });
        });
        assertThat(shape("[file:name = 'NamePipe_MoreWindows' AND file:parent_directory_ref.path = "
                        + "'\\\\\\\\.\\\\pipe']"))
                .isEqualTo("named pipe=NamePipe_MoreWindows");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            [domain-name:value = 'a.example'] AND [domain-name:value = 'b.example'] | AND between observation
            [domain-name:value = 'a.example'] FOLLOWEDBY [ipv4-addr:value = '192.0.2.1'] | FOLLOWEDBY
            [domain-name:value = 'a.example'] WITHIN 300 SECONDS                    | qualifier WITHIN
            [domain-name:value = 'a.example'] REPEATS 5 TIMES                       | qualifier REPEATS
            [domain-name:value = 'a.example'] START t'2016-01-01T00:00:00Z' STOP t'2017-01-01T00:00:00Z' | qualifier START
            [domain-name:value MATCHES '^evil']                                     | operator MATCHES
            [domain-name:value NOT = 'a.example']                                   | NOT
            [domain-name:value != 'a.example']                                      | operator !=
            [file:size > 1000]                                                      | operator >
            [email-addr:value = 'a@b.example']                                      | object path email-addr:value
            [file:hashes.'SHA-512' = 'abcd']                                        | hash algorithm SHA-512
            [domain-name:value LIKE '%.example']                                    | LIKE on domain-name:value
            [file:parent_directory_ref.path LIKE '%\\\\Temp']                       | without exactly one file:name
            [file:name = 'a.exe' AND file:parent_directory_ref.path LIKE 'C:%']     | only '%\\suffix'
            [EXISTS windows-registry-key:values]                                    | EXISTS
            [file:created = t'2017-01-01T00:00:00Z']                                | timestamp literal
            """)
    void unsupportedConstructsAreNamed(String pattern, String message) {
        assertThatThrownBy(() -> clauses(pattern)).isInstanceOfSatisfying(PatternException.class, e -> {
            assertThat(e.code()).isEqualTo(PatternException.UNSUPPORTED);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            [domain-name:value = 'a.example'                | ']'
            domain-name:value = 'a.example'                 | expected '[' or '('
            [domain-name:value = 'a.example]                | unterminated string
            [file:name = 'a\\nb']                           | invalid escape
            [domain-name:value 'a.example']                 | comparison operator
            [domain-name = 'a.example']                     | expected ':'
            [domain-name:value = 'a.example'] OR            | pattern ends
            [domain-name:value = 'a.example']]              | unexpected ']'
            """)
    void syntaxErrorsSayWhere(String pattern, String message) {
        assertThatThrownBy(() -> clauses(pattern)).isInstanceOfSatisfying(PatternException.class, e -> {
            assertThat(e.code()).isEqualTo(PatternException.SYNTAX);
            assertThat(e.getMessage()).contains(message);
            assertThat(e.offset()).isGreaterThanOrEqualTo(0);
        });
    }

    @Test
    void invalidValuesAreTheirOwnKindOfError() {
        assertThatThrownBy(() -> clauses("[file:hashes.MD5 = 'abc']"))
                .isInstanceOfSatisfying(
                        PatternException.class, e -> assertThat(e.code()).isEqualTo(PatternException.INVALID_VALUE));
    }

    @Test
    void deepNestingAndHugeExpansionsAreBounded() {
        String deep = "[" + "(".repeat(40) + "domain-name:value = 'a.example'" + ")".repeat(40) + "]";
        assertThatThrownBy(() -> clauses(deep)).hasMessageContaining("nested deeper");
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            big.append(i > 0 ? " AND " : "").append("(ipv4-addr:value = '192.0.2.1' OR ipv4-addr:value = '192.0.2.2')");
        }
        assertThatThrownBy(() -> clauses(big + "]")).hasMessageContaining("alternatives");
    }
}
