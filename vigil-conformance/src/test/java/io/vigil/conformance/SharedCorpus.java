package io.vigil.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code ../shared} (the read-only corpus beside the repository). Conformance tests fail, not
 * skip, when it is missing: a green build without the corpus would prove nothing.
 */
final class SharedCorpus {
    private SharedCorpus() {}

    static Path root() {
        String configured = System.getProperty("vigil.shared");
        Path p = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        assertThat(p.resolve("corpus"))
                .as("../shared/corpus must exist for conformance tests (set -Dvigil.shared=...)")
                .isDirectory();
        return p.normalize();
    }

    static Path sigma() {
        Path s = root().resolve("corpus/sigma");
        assertThat(Files.isDirectory(s)).as("missing %s", s).isTrue();
        return s;
    }
}
