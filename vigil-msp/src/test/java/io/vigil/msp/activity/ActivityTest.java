package io.vigil.msp.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityTest {
    private static Event event(Object... kv) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            f.put((String) kv[i], kv[i + 1]);
        }
        return Event.of(f, Instant.parse("2026-11-12T07:40:00Z"), Provenance.line("/hunt/x.evtx", 1));
    }

    @Test
    void actorOfEachEventShape() {
        Actor logon = Actor.of(event(
                "EventID",
                4624L,
                "Channel",
                "Security",
                "TargetUserName",
                "msp-tnguyen",
                "TargetDomainName",
                "ACME",
                "IpAddress",
                "::ffff:10.10.5.17",
                "WorkstationName",
                "MSP-WS17"));
        assertThat(logon.account().toString()).isEqualTo("acme\\msp-tnguyen");
        assertThat(logon.sourceIp()).isEqualTo("10.10.5.17");
        Actor tgs = Actor.of(event(
                "EventID",
                "4769",
                "Channel",
                "Security",
                "TargetUserName",
                "msp-tnguyen@ACME.LOCAL",
                "IpAddress",
                "10.10.0.21"));
        assertThat(tgs.account().domain()).isEqualTo("acme.local");
        Actor rdp = Actor.of(event(
                "EventID",
                1149L,
                "Channel",
                "Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational",
                "Param1",
                "msp-tnguyen",
                "Param2",
                "ACME",
                "Param3",
                "10.10.5.17"));
        assertThat(rdp.source()).isEqualTo("10.10.5.17");
        Actor ntlm = Actor.of(event(
                "EventID", 4776L, "Channel", "Security", "TargetUserName", "msp-tnguyen", "Workstation", "MSP-JMP01"));
        assertThat(ntlm.source()).isEqualTo("msp-jmp01");
        assertThat(Actor.of(event(
                        "EventID",
                        4624L,
                        "Channel",
                        "Security",
                        "TargetUserName",
                        "DC01$",
                        "TargetDomainName",
                        "ACME")))
                .isNull();
        assertThat(Actor.of(event(
                        "EventID",
                        4624L,
                        "Channel",
                        "Security",
                        "TargetUserName",
                        "SYSTEM",
                        "TargetDomainName",
                        "NT AUTHORITY")))
                .isNull();
    }

    @Test
    void strongestHashPrefersSha256AndNeverImphash() {
        assertThat(FactExtractor.strongestHash("MD5=AA,SHA256=BB,IMPHASH=CC")).isEqualTo("SHA256=bb");
        assertThat(FactExtractor.strongestHash("SHA1=11,MD5=22")).isEqualTo("SHA1=11");
        assertThat(FactExtractor.strongestHash("IMPHASH=CC")).isNull();
    }

    @Test
    void recordRunsMergeInAnyOrderAndIgnoreDuplicates() {
        RecordStreams streams = new RecordStreams();
        RecordStreams.Key key = new RecordStreams.Key("acme", "dc01", "security");
        Event e = event("EventID", 4624L);
        for (long r : new long[] {5, 3, 4, 1, 2, 2, 9, 10, 8}) {
            streams.add(key, "acme", "DC01", r, Instant.EPOCH.plusSeconds(r), e);
        }
        List<RecordStreams.Run> runs = streams.streams().get(0).getValue();
        assertThat(runs).extracting(RecordStreams.Run::lo).containsExactly(1L, 8L);
        assertThat(runs).extracting(RecordStreams.Run::hi).containsExactly(5L, 10L);
        assertThat(runs.get(1).loTime()).isEqualTo(Instant.EPOCH.plusSeconds(8));
    }

    @Test
    void ambiguousAddressesDecideNothing() {
        HostAddresses a = new HostAddresses();
        a.learn("MSP-WS17.mspcorp.local", "10.10.5.17");
        a.learn("MSP-WS18", "10.10.5.99");
        a.learn("MSP-WS19", "10.10.5.99");
        a.learn("MSP-WS17", "10.10.5.99");
        assertThat(a.addressesOf("msp-ws17")).containsExactly("10.10.5.17");
    }
}
