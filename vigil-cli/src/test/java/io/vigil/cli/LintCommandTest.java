package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil rules lint}: one JSON object per diagnostic, then exactly one summary object last. */
class LintCommandTest {
    @TempDir
    Path dir;

    @Test
    void jsonlDiagnosticsThenSummary() throws IOException {
        Files.writeString(dir.resolve("good.yml"), """
                title: Good
                id: 00000000-0000-0000-0000-000000000001
                logsource: {product: windows, category: process_creation}
                detection:
                    sel: {Image|endswith: '\\\\cmd.exe'}
                    condition: sel
                level: low
                """);
        Files.writeString(dir.resolve("bad.yml"), """
                title: Bad
                id: 00000000-0000-0000-0000-000000000002
                logsource: {product: windows, category: process_creation}
                detection:
                    sel: {CommandLine|re: '(?<=x)y'}
                    condition: sel and other
                """);
        Files.writeString(dir.resolve("yaml.yml"), "title: [unclosed\n");
        CliRun r = CliRun.of("rules", "lint", "--format", "jsonl", dir.toString());
        assertThat(r.exit()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = r.out()
                .lines()
                .map(l -> {
                    try {
                        return json.readTree(l);
                    } catch (IOException e) {
                        throw new AssertionError(l, e);
                    }
                })
                .toList();
        JsonNode summary = lines.get(lines.size() - 1).get("summary");
        assertThat(summary.get("files").asInt()).isEqualTo(3);
        assertThat(summary.get("rules").asInt()).isEqualTo(3);
        assertThat(summary.get("loaded").asInt()).isEqualTo(1);
        assertThat(summary.get("rejected").asInt()).isEqualTo(2);
        List<JsonNode> diags = lines.subList(0, lines.size() - 1);
        assertThat(diags).allSatisfy(d -> {
            assertThat(d.has("path") && d.has("line") && d.has("column") && d.has("rule_id"))
                    .isTrue();
            assertThat(d.has("severity") && d.has("code") && d.has("message")).isTrue();
        });
        JsonNode condition = diags.stream()
                .filter(d -> d.get("path").asText().endsWith("bad.yml"))
                .findFirst()
                .orElseThrow();
        assertThat(condition.get("rule_id").asText()).isEqualTo("00000000-0000-0000-0000-000000000002");
        assertThat(diags).anySatisfy(d -> assertThat(d.get("code").asText()).isEqualTo("yaml-syntax"));
    }

    @Test
    void textFormatNamesFileLineColumn() throws IOException {
        Files.writeString(dir.resolve("r.yml"), """
                title: R
                logsource: {product: windows}
                detection:
                    sel: {Image: x}
                    condition: sel or missing
                """);
        CliRun r = CliRun.of("rules", "lint", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("r.yml:5:23: error[unknown-identifier]");
        assertThat(r.out()).contains("1 files, 1 rules: 0 loaded, 1 rejected");
    }
}
