package io.vigil.msp.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.msp.MspSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
    private static final String BASE = """
            version: 1
            msp:
              name: MSPCORP
              domains: [MSPCORP]
            tenants:
              - id: acme
                domains: [ACME]
            """;

    private static Register parse(String thresholds) {
        return new RegisterParser().parse("reg.yml", BASE + thresholds, "/tmp");
    }

    @Test
    void overridesOnlyTheThresholdsItNames() {
        Register r = parse("""
                thresholds:
                  fanout_hosts: 8
                  fanout_window: 90m
                  compromised_source_window: 3d
                  egress_factor: 4.5
                """);
        MspSettings s = MspSettings.defaults().with(r.thresholds());
        assertThat(s.fanoutHosts()).isEqualTo(8);
        assertThat(s.fanoutWindow()).isEqualTo(Duration.ofMinutes(90));
        assertThat(s.compromisedSourceWindow()).isEqualTo(Duration.ofDays(3));
        assertThat(s.egressFactor()).isEqualTo(4.5);
        assertThat(s.concurrencyWindow()).isEqualTo(MspSettings.defaults().concurrencyWindow());
        assertThat(parse("").thresholds()).isEmpty();
    }

    @Test
    void reportsBadThresholdsWhereTheyAreWritten() {
        assertThatThrownBy(() -> parse("thresholds:\n  fanout_host: 8\n"))
                .isInstanceOf(RegisterException.class)
                .hasMessageStartingWith("reg.yml:9:3: unknown threshold 'fanout_host'");
        assertThatThrownBy(() -> parse("thresholds:\n  fanout_window: 90 minutes\n"))
                .hasMessageStartingWith("reg.yml:9:18: threshold 'fanout_window' must be a positive duration");
        assertThatThrownBy(() -> parse("thresholds:\n  shared_credential_technicians: 1\n"))
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> parse("thresholds:\n  egress_factor: -3\n"))
                .hasMessageContaining("must be a positive number");
    }
}
