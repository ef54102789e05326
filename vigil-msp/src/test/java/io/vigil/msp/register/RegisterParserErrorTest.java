package io.vigil.msp.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of register mistake is reported at its file:line:column with a message that names it. */
class RegisterParserErrorTest {
    // Line numbers in the comments are those the assertions below rely on.
    private static final String VALID = """
            version: 1
            msp:
              name: MSPCORP
              jump_hosts:
                - { name: MSP-JMP01, ip: 10.10.0.21 }
              vpn_pools: [198.51.100.10/32]
            tenants:
              - id: acme
                time_zone: America/New_York
                networks: [10.20.0.0/16]
                maintenance_windows:
                  - { days: [SAT], start: "20:00", end: "23:00" }
            identities:
              - id: t.nguyen
                msp_account: MSPCORP\\t.nguyen
                accounts:
                  acme: [ACME\\msp-tnguyen]
                sources: [jump_hosts, vpn_pools]
            service_accounts:
              - { account: ACME\\svc-backup, kind: service }
            tickets:
              - { id: CHG-1, tenant: acme, identity: t.nguyen, from: "2026-11-14T20:00:00-05:00", to: "2026-11-14T23:30:00-05:00" }
            """;

    private static Register parse(String text) {
        return new RegisterParser().parse("reg.yml", text, "/hunt");
    }

    private static String error(String text) {
        return assertThrows(RegisterException.class, () -> parse(text)).getMessage();
    }

    private static String replaced(String from, String to) {
        assertThat(VALID).contains(from);
        return VALID.replace(from, to);
    }

    @Test
    void theFixtureItselfIsValid() {
        Register r = parse(VALID);
        assertThat(r.source()).isEqualTo("reg.yml");
        assertThat(r.root()).isEqualTo("/hunt");
        assertThat(r.tickets()).hasSize(1);
        assertThat(r.identities().get(0).sourceHosts()).containsExactly(new NamedHost("MSP-JMP01", "10.10.0.21"));
    }

    @Test
    void exceptionCarriesLocationAndProblem() {
        RegisterException e = assertThrows(RegisterException.class, () -> parse(replaced("version: 1", "version: 2")));
        assertThat(e.location().path()).isEqualTo("reg.yml");
        assertThat(e.location().line()).isEqualTo(1);
        assertThat(e.location().column()).isEqualTo(10);
        assertThat(e.problem()).isEqualTo("unsupported register version 2: this Vigil reads version 1");
        assertThat(e.getMessage()).isEqualTo("reg.yml:1:10: " + e.problem());
    }

    @Test
    void versionIsRequired() {
        assertThat(error(replaced("version: 1\n", "")))
                .isEqualTo("reg.yml:1:1: the register is missing required key 'version' (write 'version: 1')");
    }

    @Test
    void versionMustBeTheNumberOne() {
        assertThat(error(replaced("version: 1", "version: \"1\"")))
                .isEqualTo("reg.yml:1:10: 'version' must be the unquoted number 1, not '1'");
    }

    @Test
    void versionIsCheckedBeforeUnknownKeys() {
        assertThat(error(replaced("version: 1", "version: 2\nfuture_key: x")))
                .isEqualTo("reg.yml:1:10: unsupported register version 2: this Vigil reads version 1");
    }

    @Test
    void unknownTopLevelKeySuggestsTheNearestKey() {
        assertThat(error(replaced("tickets:", "tikets:")))
                .isEqualTo("reg.yml:21:1: unknown key 'tikets' in the register (did you mean 'tickets'?)");
    }

    @Test
    void misspelledMaintenanceWindowsIsAnErrorNotAMissingControl() {
        assertThat(error(replaced("maintenance_windows:", "maintainance_windows:")))
                .isEqualTo("reg.yml:11:5: unknown key 'maintainance_windows' in tenant"
                        + " (did you mean 'maintenance_windows'?)");
    }

    @Test
    void unknownKeyFarFromAnyKnownKeyHasNoHint() {
        assertThat(error(replaced("  name: MSPCORP", "  colour: blue")))
                .isEqualTo("reg.yml:3:3: unknown key 'colour' in 'msp'");
    }

    @Test
    void mspOnlyKeyInATenant() {
        assertThat(error(replaced("    networks: [10.20.0.0/16]", "    vpn_pools: [10.20.0.0/16]")))
                .isEqualTo("reg.yml:10:5: 'vpn_pools' belongs under 'msp', not a tenant");
    }

    @Test
    void mspHasNoId() {
        assertThat(error(replaced("  name: MSPCORP", "  id: mspcorp")))
                .isEqualTo("reg.yml:3:3: the MSP's id is always 'msp'; remove 'id'");
    }

    @Test
    void duplicateKey() {
        assertThat(error(replaced("  - id: acme\n", "  - id: acme\n    id: beta\n")))
                .isEqualTo("reg.yml:9:5: duplicate key 'id' in tenant");
    }

    @Test
    void listExpected() {
        assertThat(error(replaced("networks: [10.20.0.0/16]", "networks: 10.20.0.0/16")))
                .isEqualTo("reg.yml:10:15: 'networks' must be a list, not '10.20.0.0/16'");
    }

    @Test
    void singleValueExpected() {
        assertThat(error(replaced("name: MSPCORP", "name: [MSPCORP]")))
                .isEqualTo("reg.yml:3:9: 'name' must be a single value, not a list");
    }

    @Test
    void mappingExpected() {
        assertThat(error(replaced("  - { account: ACME\\svc-backup, kind: service }", "  - ACME\\svc-backup")))
                .isEqualTo("reg.yml:20:5: a service account must be a mapping, not 'ACME\\svc-backup'");
    }

    @Test
    void requiredKeyMissing() {
        assertThat(error(replaced("  - id: acme\n", "  - name: ACME\n")))
                .isEqualTo("reg.yml:8:5: tenant is missing required key 'id'");
    }

    @Test
    void atLeastOneTenant() {
        String text = VALID.substring(0, VALID.indexOf("tenants:")) + "tenants: []\n";
        assertThat(error(text)).isEqualTo("reg.yml:7:10: 'tenants' must list at least one tenant");
    }

    @Test
    void cidrPrefixOutOfRange() {
        assertThat(error(replaced("10.20.0.0/16", "10.20.0.0/33")))
                .isEqualTo("reg.yml:10:16: '10.20.0.0/33' has a prefix length out of range");
    }

    @Test
    void malformedAddressIsNotResolvedAsAHostName() {
        assertThat(error(replaced("10.20.0.0/16", "10.20.0.300/16")))
                .isEqualTo("reg.yml:10:16: '10.20.0.300/16' is not an IP address or CIDR block");
    }

    @Test
    void jumpHostNeedsAnAddress() {
        assertThat(error(replaced("ip: 10.10.0.21", "ip: msp-jmp01.local")))
                .isEqualTo("reg.yml:5:30: 'msp-jmp01.local' is not an IP address");
    }

    @Test
    void unknownTimeZoneIsNamedWithAHint() {
        assertThat(error(replaced("America/New_York", "America/NewYork")))
                .isEqualTo("reg.yml:9:16: unknown time zone 'America/NewYork' (did you mean 'America/New_York'?)");
    }

    @Test
    void windowsNeedAnExplicitTimeZone() {
        assertThat(error(replaced("    time_zone: America/New_York\n", "")))
                .isEqualTo("reg.yml:8:5: tenant is missing required key 'time_zone'");
    }

    @Test
    void unknownDay() {
        assertThat(error(replaced("[SAT]", "[SATURDAY]")))
                .isEqualTo("reg.yml:12:18: unknown day 'SATURDAY': use MON, TUE, WED, THU, FRI, SAT or SUN");
    }

    @Test
    void badWindowTime() {
        assertThat(error(replaced("start: \"20:00\"", "start: \"8:00\"")))
                .isEqualTo("reg.yml:12:31: 'start' must be a time HH:MM from 00:00 to 23:59, not '8:00'");
        assertThat(error(replaced("end: \"23:00\"", "end: \"24:00\"")))
                .isEqualTo("reg.yml:12:45: 'end' must be a time HH:MM from 00:00 to 23:59, not '24:00'");
    }

    @Test
    void unknownRemoteTool() {
        assertThat(error(replaced("    networks: [10.20.0.0/16]", "    remote_tools: [pssexec]")))
                .isEqualTo("reg.yml:10:20: unknown remote tool 'pssexec' (did you mean 'psexec'?):"
                        + " known tools are psexec, screenconnect, rdp, winrm, wmi, schtasks");
    }

    @Test
    void accountMustBeDomainBackslashUser() {
        assertThat(error(replaced("msp_account: MSPCORP\\t.nguyen", "msp_account: t.nguyen@mspcorp.local")))
                .isEqualTo("reg.yml:15:18: account 't.nguyen@mspcorp.local' must be written DOMAIN\\user");
        assertThat(error(replaced("[ACME\\msp-tnguyen]", "[ACME\\]")))
                .isEqualTo("reg.yml:17:14: account 'ACME\\' must be written DOMAIN\\user");
    }

    @Test
    void accountsKeyMustBeAKnownTenant() {
        assertThat(error(replaced("      acme: [ACME", "      acm: [ACME")))
                .isEqualTo("reg.yml:17:7: unknown tenant 'acm' in 'accounts' of identity 't.nguyen'"
                        + " (did you mean 'acme'?)");
    }

    @Test
    void duplicateTenantId() {
        assertThat(error(replaced("identities:\n", "  - { id: acme }\nidentities:\n")))
                .isEqualTo("reg.yml:13:11: duplicate tenant id 'acme' (first at line 8)");
    }

    @Test
    void tenantIdMspIsReserved() {
        assertThat(error(replaced("  - id: acme\n", "  - id: msp\n")))
                .isEqualTo("reg.yml:8:9: tenant id 'msp' is reserved for the MSP itself");
    }

    @Test
    void duplicateIdentityId() {
        assertThat(error(replaced(
                        "service_accounts:\n", "  - { id: t.nguyen, msp_account: MSPCORP\\tn }\nservice_accounts:\n")))
                .isEqualTo("reg.yml:19:11: duplicate identity id 't.nguyen' (first at line 14)");
    }

    @Test
    void misspelledSourceWord() {
        assertThat(error(replaced("[jump_hosts, vpn_pools]", "[jump_host, vpn_pools]")))
                .isEqualTo(
                        "reg.yml:18:15: source 'jump_host' is not one of the MSP's lists (did you mean 'jump_hosts'?)");
    }

    @Test
    void sourceThatLooksLikeAnAddressMustBeOne() {
        assertThat(error(replaced("[jump_hosts, vpn_pools]", "[jump_hosts, 10.10.0.300]")))
                .isEqualTo("reg.yml:18:27: '10.10.0.300' is not an IP address or CIDR block");
    }

    @Test
    void sourceThatIsNeitherHostNorAddress() {
        assertThat(error(replaced("[jump_hosts, vpn_pools]", "[jump_hosts, \"MSP JMP02\"]")))
                .isEqualTo("reg.yml:18:27: source 'MSP JMP02' is not a host name, IP, CIDR or one of"
                        + " jump_hosts, vpn_pools, rmm_servers");
    }

    @Test
    void serviceAccountKind() {
        assertThat(error(replaced("kind: service", "kind: services")))
                .isEqualTo("reg.yml:20:39: 'kind' must be service or rmm, not 'services'");
    }

    @Test
    void duplicateServiceAccount() {
        assertThat(error(replaced("tickets:\n", "  - { account: acme\\SVC-BACKUP, kind: rmm }\ntickets:\n")))
                .isEqualTo("reg.yml:21:16: service account 'acme\\svc-backup' is listed twice (first at line 20)");
    }

    @Test
    void ticketTenantMustExist() {
        assertThat(error(replaced("tenant: acme,", "tenant: beta,")))
                .isEqualTo("reg.yml:22:26: ticket 'CHG-1' names unknown tenant 'beta'");
    }

    @Test
    void ticketIdentityMustExist() {
        assertThat(error(replaced("identity: t.nguyen,", "identity: t.nguyn,")))
                .isEqualTo("reg.yml:22:42: ticket 'CHG-1' names unknown identity 't.nguyn' (did you mean 't.nguyen'?)");
    }

    @Test
    void ticketTimeNeedsAnOffset() {
        assertThat(error(replaced("from: \"2026-11-14T20:00:00-05:00\"", "from: \"2026-11-14T20:00:00\"")))
                .isEqualTo("reg.yml:22:58: 'from' time '2026-11-14T20:00:00' needs a UTC offset, such as"
                        + " 2026-11-14T20:00:00Z or 2026-11-14T20:00:00-05:00");
    }

    @Test
    void ticketTimeMustBeIso8601() {
        assertThat(error(replaced("from: \"2026-11-14T20:00:00-05:00\"", "from: \"14/11/2026 20:00\"")))
                .isEqualTo("reg.yml:22:58: 'from' must be an ISO-8601 time with offset such as"
                        + " 2026-11-14T20:00:00-05:00, not '14/11/2026 20:00'");
    }

    @Test
    void ticketMustNotEndBeforeItStarts() {
        assertThat(error(replaced("to: \"2026-11-14T23:30:00-05:00\"", "to: \"2026-11-14T19:00:00-05:00\"")))
                .isEqualTo("reg.yml:22:91: ticket 'CHG-1' ends before it starts ('to' is before 'from')");
    }

    @Test
    void duplicateTicketId() {
        String second =
                "  - { id: CHG-1, tenant: acme, identity: t.nguyen, from: \"2026-11-15T00:00:00Z\", to: \"2026-11-15T01:00:00Z\" }\n";
        assertThat(error(VALID + second)).isEqualTo("reg.yml:23:11: duplicate ticket id 'CHG-1' (first at line 22)");
    }

    @Test
    void yamlSyntaxError() {
        assertThat(error(replaced("  name: MSPCORP", "  name: MSP: CORP")))
                .isEqualTo("reg.yml:3:12: YAML syntax: mapping values are not allowed here");
    }

    @Test
    void emptyRegister() {
        assertThat(error("# nothing yet\n")).isEqualTo("reg.yml:1:1: the register is empty");
    }

    @Test
    void singleDocumentOnly() {
        assertThat(error(VALID + "---\nversion: 1\n"))
                .isEqualTo("reg.yml:24:1: the register must be a single YAML document");
    }

    @Test
    void topLevelMustBeAMapping() {
        assertThat(error("- version: 1\n"))
                .isEqualTo("reg.yml:1:1: the register must be a mapping with 'version: 1' at the top");
    }

    @Test
    void loadNamesTheFileAndRejectsNonUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("register.yml");
        Files.writeString(file, replaced("tickets:", "tikets:"));
        assertThatThrownBy(() -> new RegisterParser().load(file))
                .isInstanceOf(RegisterException.class)
                .hasMessage(file + ":21:1: unknown key 'tikets' in the register (did you mean 'tickets'?)");
        Files.write(file, new byte[] {'v', 'e', 'r', (byte) 0xff});
        assertThatThrownBy(() -> new RegisterParser().load(file)).hasMessage(file + ": the register is not UTF-8 text");
    }

    @Test
    void timeZoneDefaultsToUtcWithoutWindows() {
        Register r = parse(replaced(
                "    time_zone: America/New_York\n    networks: [10.20.0.0/16]\n    maintenance_windows:\n"
                        + "      - { days: [SAT], start: \"20:00\", end: \"23:00\" }\n",
                ""));
        assertThat(r.tenants().get(0).zone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(r.tenants().get(0).windows()).isEmpty();
        assertThat(r.tenants().get(0).name()).isEqualTo("acme");
    }

    @Test
    void sourcesMayNameHostsAndAddresses() {
        Register r = parse(replaced("[jump_hosts, vpn_pools]", "[rmm_servers, ADMIN-PC7, 192.0.2.7, 2001:db8::/32]"));
        Identity i = r.identities().get(0);
        assertThat(i.sourceHosts()).containsExactly(new NamedHost("ADMIN-PC7", ""));
        assertThat(i.sourceRanges()).extracting(NetworkRange::text).containsExactly("192.0.2.7", "2001:db8::/32");
        assertThat(i.allowsSource("admin-pc7.mspcorp.local")).isTrue();
        assertThat(i.allowsSource("192.0.2.7")).isTrue();
        assertThat(i.allowsSource("2001:DB8::1")).isTrue();
        assertThat(i.allowsSource("MSP-JMP01")).isFalse();
        assertThat(i.allowsSource("")).isFalse();
    }
}
