package io.vigil.msp.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The project's own scenario register (examples/msp-cloud-hopper) read into the model. */
class RegisterParserExampleTest {
    private static final Path EXAMPLE = Path.of("../examples/msp-cloud-hopper/register.yml");

    private static Register register;

    @BeforeAll
    static void load() throws Exception {
        assertThat(EXAMPLE)
                .as("the example register (tests run in the module directory)")
                .exists();
        register = new RegisterParser().load(EXAMPLE);
    }

    @Test
    void sourceAndRootAreTheFileAndItsDirectory() {
        assertThat(register.source()).isEqualTo(EXAMPLE.toString());
        assertThat(register.root())
                .isEqualTo(EXAMPLE.toAbsolutePath().normalize().getParent().toString())
                .endsWith("msp-cloud-hopper");
    }

    @Test
    void msp() {
        Organisation msp = register.msp();
        assertThat(msp.id()).isEqualTo("msp");
        assertThat(msp.isMsp()).isTrue();
        assertThat(msp.name()).isEqualTo("MSPCORP");
        assertThat(msp.domains()).containsExactly("mspcorp", "mspcorp.local");
        assertThat(msp.domainSids()).containsExactly("S-1-5-21-1844237615-2180372143-1153240867");
        assertThat(msp.networks()).extracting(NetworkRange::text).containsExactly("10.10.0.0/16");
        assertThat(msp.hosts()).extracting(HostGlob::text).containsExactly("*.mspcorp.local", "msp-*");
        assertThat(msp.paths()).containsExactly("mspcorp/**");
        assertThat(msp.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(msp.jumpHosts()).containsExactly(new NamedHost("MSP-JMP01", "10.10.0.21"));
        assertThat(msp.rmmServers()).containsExactly(new NamedHost("MSP-RMM01", "10.10.0.40"));
        assertThat(msp.vpnPools()).extracting(NetworkRange::text).containsExactly("198.51.100.10/32", "10.10.200.0/24");
        assertThat(msp.windows()).isEmpty();
        assertThat(msp.remoteTools()).isEmpty();
        assertThat(msp.ownsDomain("MSPCORP")).isTrue();
        assertThat(msp.ownsAddress("10.10.5.17")).isTrue();
    }

    @Test
    void tenants() {
        assertThat(register.tenants()).extracting(Organisation::id).containsExactly("acme", "betaco");
        Organisation acme = register.organisation("acme").orElseThrow();
        assertThat(acme.isMsp()).isFalse();
        assertThat(acme.name()).isEqualTo("ACME Manufacturing");
        assertThat(acme.domains()).containsExactly("acme", "acme.local");
        assertThat(acme.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(acme.windows())
                .containsExactly(
                        new MaintenanceWindow(Set.of(DayOfWeek.SATURDAY), LocalTime.of(20, 0), LocalTime.of(23, 0)));
        assertThat(acme.remoteTools()).containsExactly("psexec", "screenconnect");
        assertThat(acme.jumpHosts()).isEmpty();
        assertThat(acme.ownsAddress("10.20.3.4")).isTrue();
        assertThat(acme.ownsAddress("10.30.3.4")).isFalse();

        Organisation betaco = register.organisation("betaco").orElseThrow();
        assertThat(betaco.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(betaco.windows().get(0).days())
                .containsExactlyInAnyOrder(
                        DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(betaco.remoteTools()).containsExactly("rdp");
        assertThat(betaco.hosts().get(0).matches("DC01.BETACO.local")).isTrue();
    }

    @Test
    void acmeWindowIsSaturdayEveningNewYorkTime() {
        Organisation acme = register.organisation("acme").orElseThrow();
        // Saturday 14 November 2026, 21:00 EST (UTC-5: DST ended on 1 November).
        assertThat(acme.inWindow(Instant.parse("2026-11-15T02:00:00Z"))).isTrue();
        // Sunday 00:00 EST: the window closed at 23:00.
        assertThat(acme.inWindow(Instant.parse("2026-11-15T05:00:00Z"))).isFalse();
        // Saturday 20:00 UTC is 15:00 in New York: judged in the tenant's zone, not UTC.
        assertThat(acme.inWindow(Instant.parse("2026-11-14T20:30:00Z"))).isFalse();
    }

    @Test
    void betacoWindowIsTokyoOfficeHours() {
        Organisation betaco = register.organisation("betaco").orElseThrow();
        // Monday 16 November 2026, 10:00 JST.
        assertThat(betaco.inWindow(Instant.parse("2026-11-16T01:00:00Z"))).isTrue();
        // Sunday 15 November 2026, 10:00 JST.
        assertThat(betaco.inWindow(Instant.parse("2026-11-15T01:00:00Z"))).isFalse();
    }

    @Test
    void identities() {
        assertThat(register.identities()).extracting(Identity::id).containsExactly("t.nguyen", "a.kowalski", "r.osei");
        Identity tom = register.identity("t.nguyen").orElseThrow();
        assertThat(tom.name()).isEqualTo("Tom Nguyen");
        assertThat(tom.mspAccount()).isEqualTo(new AccountName("mspcorp", "t.nguyen"));
        assertThat(tom.accounts()).containsOnlyKeys("acme", "betaco");
        assertThat(tom.accounts().get("acme")).containsExactly(AccountName.parse("ACME\\msp-tnguyen"));
        assertThat(tom.allowedIn("acme")).isTrue();
        Identity richard = register.identity("r.osei").orElseThrow();
        assertThat(richard.allowedIn("acme")).isFalse();
        assertThat(richard.allowedIn("betaco")).isTrue();
    }

    @Test
    void sourcesExpandToTheMspLists() {
        Identity tom = register.identity("t.nguyen").orElseThrow();
        assertThat(tom.sourceHosts()).containsExactly(new NamedHost("MSP-JMP01", "10.10.0.21"));
        assertThat(tom.sourceRanges())
                .extracting(NetworkRange::text)
                .containsExactly("198.51.100.10/32", "10.10.200.0/24");
        assertThat(tom.allowsSource("MSP-JMP01")).isTrue();
        assertThat(tom.allowsSource("msp-jmp01.mspcorp.local")).isTrue();
        assertThat(tom.allowsSource("10.10.0.21")).isTrue();
        assertThat(tom.allowsSource("::ffff:10.10.0.21")).isTrue();
        assertThat(tom.allowsSource("198.51.100.10")).isTrue();
        assertThat(tom.allowsSource("10.10.200.77")).isTrue();
        // Inside the MSP's network, but neither a jump host nor a VPN pool address.
        assertThat(tom.allowsSource("10.10.5.17")).isFalse();
        assertThat(tom.allowsSource("198.51.100.11")).isFalse();
        // The RMM server is not among this identity's sources.
        assertThat(tom.allowsSource("MSP-RMM01")).isFalse();
        assertThat(register.isSanctionedMspSource("MSP-RMM01")).isTrue();
    }

    @Test
    void sharedCredentialIsListedUnderTwoIdentities() {
        AccountName shared = AccountName.parse("betaco\\MSP_ADMIN");
        List<String> holders = register.identities().stream()
                .filter(i -> i.accounts().getOrDefault("betaco", List.of()).contains(shared))
                .map(Identity::id)
                .toList();
        assertThat(holders).containsExactly("t.nguyen", "a.kowalski");
    }

    @Test
    void serviceAccounts() {
        assertThat(register.serviceAccounts())
                .containsExactly(
                        new ServiceAccount(new AccountName("mspcorp", "svc-rmm"), ServiceAccount.Kind.RMM),
                        new ServiceAccount(new AccountName("acme", "svc-backup"), ServiceAccount.Kind.SERVICE),
                        new ServiceAccount(new AccountName("betaco", "svc-backup"), ServiceAccount.Kind.SERVICE));
        assertThat(register.serviceAccount(AccountName.parse("BETACO\\svc-backup")))
                .map(ServiceAccount::kind)
                .contains(ServiceAccount.Kind.SERVICE);
        assertThat(register.serviceAccount(AccountName.parse("ACME\\msp-tnguyen")))
                .isEmpty();
    }

    @Test
    void ticketCoversItsTenantIdentityAndTime() {
        Ticket t = register.tickets().get(0);
        assertThat(t.id()).isEqualTo("CHG-2041");
        assertThat(t.from()).isEqualTo(Instant.parse("2026-11-15T01:00:00Z"));
        assertThat(t.to()).isEqualTo(Instant.parse("2026-11-15T04:30:00Z"));
        Instant saturdayNight = Instant.parse("2026-11-15T02:00:00Z");
        assertThat(register.ticketFor("acme", "t.nguyen", saturdayNight)).contains(t);
        assertThat(register.ticketFor("acme", "a.kowalski", saturdayNight)).isEmpty();
        assertThat(register.ticketFor("betaco", "t.nguyen", saturdayNight)).isEmpty();
        assertThat(register.ticketFor("acme", "t.nguyen", Instant.parse("2026-11-15T04:31:00Z")))
                .isEmpty();
        assertThat(register.ticketFor("acme", "t.nguyen", t.to())).contains(t);
    }

    @Test
    void parseAndLoadAgree() throws Exception {
        Register parsed = new RegisterParser().parse(EXAMPLE.toString(), Files.readString(EXAMPLE), register.root());
        assertThat(parsed.tenants()).isEqualTo(register.tenants());
        assertThat(parsed.identities()).isEqualTo(register.identities());
    }
}
