package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.diag.Diagnostic;
import io.vigil.sigma.RuleSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule files are read in sorted order, in parallel, with strict UTF-8 and the byte order mark dropped. */
class RuleFilesTest {
    @TempDir
    Path dir;

    @Test
    void decodesStrictlyAndKeepsSortedOrder() throws IOException {
        Files.write(dir.resolve("c.yml"), new byte[] {'t', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        Files.write(dir.resolve("a.yml"), "\uFEFFtitle: caf\u00e9\n".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("b.yaml"), "title: a real \uFFFD in the text\n");
        Files.writeString(dir.resolve("d.txt"), "not a rule");
        List<Diagnostic> diagnostics = new ArrayList<>();

        List<RuleSource> read = RuleFiles.read(List.of(dir.toString()), diagnostics::add);

        assertThat(read).extracting(RuleSource::path).containsExactly(dir + "/a.yml", dir + "/b.yaml");
        assertThat(read.get(0).text()).isEqualTo("title: caf\u00e9\n");
        assertThat(read.get(1).text()).isEqualTo("title: a real \uFFFD in the text\n");
        assertThat(diagnostics).hasSize(1);
        assertThat(diagnostics.get(0).code()).isEqualTo("rules-encoding");
        assertThat(diagnostics.get(0).location().path()).isEqualTo(dir + "/c.yml");
    }
}
