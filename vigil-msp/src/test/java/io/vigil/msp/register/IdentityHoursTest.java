package io.vigil.msp.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class IdentityHoursTest {
    private static Register parse(String identityExtra) {
        String text = """
                version: 1
                msp:
                  name: MSPCORP
                  domains: [MSPCORP]
                  time_zone: Europe/London
                tenants:
                  - id: acme
                    domains: [ACME]
                identities:
                  - id: r.osei
                    msp_account: MSPCORP\\r.osei
                """ + identityExtra;
        return new RegisterParser().parse("reg.yml", text, "/tmp");
    }

    @Test
    void ownHoursDefaultToTheMspZoneAndBindOnlyWhenGiven() {
        Identity r = parse("""
                    windows:
                      - { days: [MON, TUE, WED, THU, FRI], start: "08:00", end: "18:00" }
                """).identities().get(0);
        assertThat(r.zone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(r.outsideOwnHours(Instant.parse("2026-11-16T09:00:00Z"))).isFalse(); // Mon 09:00 London
        assertThat(r.outsideOwnHours(Instant.parse("2026-11-16T19:00:00Z"))).isTrue();
        assertThat(r.outsideOwnHours(Instant.parse("2026-11-15T10:00:00Z"))).isTrue(); // Sunday
        assertThat(parse("").identities().get(0).outsideOwnHours(Instant.parse("2026-11-15T10:00:00Z")))
                .isFalse();
    }

    @Test
    void ownZoneAndBadWindowsAreChecked() {
        Identity r = parse("""
                    time_zone: Asia/Tokyo
                    windows:
                      - { days: [MON], start: "09:00", end: "17:00" }
                """).identities().get(0);
        assertThat(r.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThatThrownBy(() -> parse("""
                    windows:
                      - { days: [MONDAY], start: "09:00", end: "17:00" }
                """))
                .isInstanceOf(RegisterException.class)
                .hasMessageContaining("reg.yml:13:")
                .hasMessageContaining("unknown day 'MONDAY'");
    }
}
