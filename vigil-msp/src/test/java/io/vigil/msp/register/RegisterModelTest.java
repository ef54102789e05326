package io.vigil.msp.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The register's value types: host globs, CIDR blocks, windows, account names, named hosts. */
class RegisterModelTest {
    @Test
    void hostGlob() {
        HostGlob domain = new HostGlob("*.ACME.local");
        assertThat(domain.matches("dc01.acme.local")).isTrue();
        assertThat(domain.matches("DC01.ACME.LOCAL")).isTrue();
        assertThat(domain.matches("acme.local")).isFalse();
        assertThat(domain.matches("dc01.acme.local.evil")).isFalse();
        assertThat(domain.matches(null)).isFalse();
        HostGlob prefix = new HostGlob("MSP-*");
        assertThat(prefix.matches("msp-jmp01")).isTrue();
        assertThat(prefix.matches("MSP-")).isTrue();
        assertThat(prefix.matches("xmsp-jmp01")).isFalse();
        HostGlob middle = new HostGlob("srv*db*");
        assertThat(middle.matches("SRV01DB")).isTrue();
        assertThat(middle.matches("srv-sql-db-02")).isTrue();
        assertThat(middle.matches("srv01")).isFalse();
        // Not a regex: a dot is a dot.
        assertThat(new HostGlob("a.b").matches("axb")).isFalse();
    }

    @Test
    void networkRangeIpv4() {
        NetworkRange r = NetworkRange.parse("10.10.0.0/16");
        assertThat(r.prefix()).isEqualTo(16);
        assertThat(r.contains("10.10.0.21")).isTrue();
        assertThat(r.contains("10.10.255.255")).isTrue();
        assertThat(r.contains("10.11.0.1")).isFalse();
        assertThat(r.contains("MSP-JMP01")).isFalse();
        assertThat(r.contains("10.10.0.256")).isFalse();
        assertThat(r.contains(null)).isFalse();
        NetworkRange odd = NetworkRange.parse("192.0.2.64/27");
        assertThat(odd.contains("192.0.2.95")).isTrue();
        assertThat(odd.contains("192.0.2.96")).isFalse();
        assertThat(odd.contains("192.0.2.63")).isFalse();
        NetworkRange host = NetworkRange.parse("198.51.100.10");
        assertThat(host.prefix()).isEqualTo(32);
        assertThat(host.contains("198.51.100.10")).isTrue();
        assertThat(host.contains("198.51.100.11")).isFalse();
        assertThat(NetworkRange.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
        assertThat(NetworkRange.parse("10.10.0.0/16")).isEqualTo(r).hasSameHashCodeAs(r);
    }

    @Test
    void networkRangeIpv6AndMappedIpv4() {
        NetworkRange v6 = NetworkRange.parse("2001:db8::/32");
        assertThat(v6.prefix()).isEqualTo(32);
        assertThat(v6.contains("2001:db8:1::5")).isTrue();
        assertThat(v6.contains("2001:DB8::1")).isTrue();
        assertThat(v6.contains("2001:db9::1")).isFalse();
        // An IPv4 address never matches an IPv6 block and vice versa.
        assertThat(v6.contains("10.10.0.1")).isFalse();
        NetworkRange v4 = NetworkRange.parse("10.10.0.0/16");
        assertThat(v4.contains("2001:db8::1")).isFalse();
        // Kerberos events write IPv4 sources mapped into IPv6.
        assertThat(v4.contains("::ffff:10.10.5.17")).isTrue();
        assertThat(v4.contains("::FFFF:10.10.5.17")).isTrue();
        assertThat(v4.contains("::ffff:0a0a:0511")).isTrue();
        assertThat(v4.contains("::ffff:10.11.5.17")).isFalse();
        assertThat(NetworkRange.parse("::1").contains("::1")).isTrue();
    }

    @Test
    void networkRangeRejectsWhatIsNotABlock() {
        assertThatThrownBy(() -> NetworkRange.parse("10.10.0.0/x"))
                .hasMessage("'10.10.0.0/x' has a prefix length that is not a number");
        assertThatThrownBy(() -> NetworkRange.parse("2001:db8::/129"))
                .hasMessage("'2001:db8::/129' has a prefix length out of range");
        for (String bad :
                new String[] {"10.10.0", "10.10.0.0.0", "10..0.1", "1000.1.1.1", "localhost", "", "fe80::1%eth0"}) {
            assertThatThrownBy(() -> NetworkRange.parse(bad))
                    .as(bad)
                    .hasMessage("'" + bad + "' is not an IP address or CIDR block");
        }
    }

    @Test
    void windowWithinOneDay() {
        MaintenanceWindow w =
                new MaintenanceWindow(Set.of(DayOfWeek.SATURDAY), LocalTime.of(20, 0), LocalTime.of(23, 0));
        ZoneId ny = ZoneId.of("America/New_York");
        // 2026-11-14 is a Saturday.
        assertThat(w.contains(ZonedDateTime.of(2026, 11, 14, 20, 0, 0, 0, ny))).isTrue();
        assertThat(w.contains(ZonedDateTime.of(2026, 11, 14, 22, 59, 59, 0, ny)))
                .isTrue();
        assertThat(w.contains(ZonedDateTime.of(2026, 11, 14, 23, 0, 0, 0, ny))).isFalse();
        assertThat(w.contains(ZonedDateTime.of(2026, 11, 14, 19, 59, 0, 0, ny))).isFalse();
        assertThat(w.contains(ZonedDateTime.of(2026, 11, 13, 21, 0, 0, 0, ny))).isFalse();
    }

    @Test
    void windowAcrossMidnightEndsTheNextDay() {
        MaintenanceWindow w =
                new MaintenanceWindow(Set.of(DayOfWeek.SATURDAY), LocalTime.of(22, 0), LocalTime.of(2, 0));
        ZoneId utc = ZoneId.of("UTC");
        assertThat(w.contains(ZonedDateTime.of(2026, 11, 14, 23, 30, 0, 0, utc)))
                .as("Sat 23:30")
                .isTrue();
        assertThat(w.contains(ZonedDateTime.of(2026, 11, 15, 1, 59, 0, 0, utc)))
                .as("Sun 01:59")
                .isTrue();
        assertThat(w.contains(ZonedDateTime.of(2026, 11, 15, 2, 0, 0, 0, utc)))
                .as("Sun 02:00")
                .isFalse();
        assertThat(w.contains(ZonedDateTime.of(2026, 11, 15, 23, 0, 0, 0, utc)))
                .as("Sun 23:00")
                .isFalse();
        // Saturday 01:00 belongs to Friday night's window, which does not exist.
        assertThat(w.contains(ZonedDateTime.of(2026, 11, 14, 1, 0, 0, 0, utc)))
                .as("Sat 01:00")
                .isFalse();
        // Sunday night wraps into Monday.
        MaintenanceWindow sunday =
                new MaintenanceWindow(Set.of(DayOfWeek.SUNDAY), LocalTime.of(23, 0), LocalTime.of(1, 0));
        assertThat(sunday.contains(ZonedDateTime.of(2026, 11, 16, 0, 30, 0, 0, utc)))
                .as("Mon 00:30")
                .isTrue();
    }

    @Test
    void accountNameForms() {
        assertThat(AccountName.parse("ACME\\msp-tnguyen")).isEqualTo(new AccountName("acme", "msp-tnguyen"));
        assertThat(AccountName.parse("msp-tnguyen@ACME.local")).isEqualTo(new AccountName("acme.local", "msp-tnguyen"));
        assertThat(AccountName.parse("MSP-TNGUYEN")).isEqualTo(new AccountName("", "msp-tnguyen"));
        assertThat(AccountName.parse("a@b@acme.local")).isEqualTo(new AccountName("acme.local", "a@b"));
        assertThat(new AccountName(null, "x").domain()).isEmpty();
        assertThat(AccountName.parse("ACME\\Msp-TNguyen")).hasToString("acme\\msp-tnguyen");
        assertThat(AccountName.parse("svc")).hasToString("svc");
    }

    @Test
    void namedHostMatchesNameFqdnAndAddress() {
        NamedHost jump = new NamedHost("MSP-JMP01", "10.10.0.21");
        assertThat(jump.is("msp-jmp01")).isTrue();
        assertThat(jump.is("MSP-JMP01.mspcorp.local")).isTrue();
        assertThat(jump.is("10.10.0.21")).isTrue();
        assertThat(jump.is("::ffff:10.10.0.21")).isTrue();
        assertThat(jump.is("msp-jmp011")).isFalse();
        assertThat(jump.is("10.10.0.22")).isFalse();
        assertThat(jump.is("")).isFalse();
        assertThat(jump.is(null)).isFalse();
    }

    @Test
    void namedHostWithoutAddressMatchesByNameOnly() {
        NamedHost byName = new NamedHost("ADMIN-PC7", "");
        assertThat(byName.is("admin-pc7")).isTrue();
        assertThat(byName.is("10.10.0.21")).isFalse();
        assertThat(new NamedHost("ADMIN-PC7", null).is("admin-pc7")).isTrue();
        assertThat(new NamedHost("", "10.0.0.1").is(".x")).isFalse();
    }
}
