package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --rule-cache DIR} and {@code --no-rule-cache} as a user sees them: same output, one warning at most. */
class RuleCacheOptionsTest {
    @TempDir
    Path dir;

    private Path rules;

    @BeforeEach
    void writeRules() throws IOException {
        rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("good.yml"), """
                title: Good
                id: 00000000-0000-0000-0000-000000000001
                logsource: {product: windows, category: process_creation}
                detection:
                    sel: {Image|endswith: '\\\\cmd.exe'}
                    condition: sel
                """);
        Files.writeString(rules.resolve("bad.yml"), """
                title: Bad
                logsource: {product: windows}
                detection:
                    sel: {Image: x}
                    condition: sel or missing
                """);
    }

    private static List<Path> files(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        }
    }

    @Test
    void lintOutputIsTheSameFromTheCacheAndADamagedCacheIsOneWarning() throws IOException {
        Path cache = dir.resolve("cache");
        CliRun fresh =
                CliRun.of("rules", "lint", "--no-rule-cache", "--rule-cache", cache.toString(), rules.toString());
        assertThat(cache).doesNotExist();

        CliRun cold = CliRun.of("rules", "lint", "--rule-cache", cache.toString(), rules.toString());
        CliRun warm = CliRun.of("rules", "lint", "--rule-cache", cache.toString(), rules.toString());
        assertThat(files(cache)).hasSize(1);
        assertThat(cold.out()).isEqualTo(fresh.out()).contains("bad.yml:5:");
        assertThat(warm.out()).isEqualTo(fresh.out());
        assertThat(warm.err()).isEqualTo(fresh.err());
        assertThat(warm.exit()).isEqualTo(fresh.exit());

        Files.writeString(files(cache).get(0), "not a cache file");
        CliRun damaged = CliRun.of("rules", "lint", "--rule-cache", cache.toString(), rules.toString());
        assertThat(damaged.out()).isEqualTo(fresh.out());
        assertThat(damaged.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("vigil: warning: rule cache ")
                .contains("not a valid cache file");
    }
}
