package io.vigil.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Locates {@code ../shared} (the read-only corpus beside the repository) from the {@code vigil.shared}
 * property surefire sets. Tests fail, not skip, when it is missing: a green build without the corpus
 * would prove nothing.
 */
final class SharedCorpus {
    private SharedCorpus() {}

    static Path root() {
        String configured = System.getProperty("vigil.shared");
        assertThat(configured)
                .as("system property vigil.shared must name the ../shared folder (surefire sets it)")
                .isNotNull();
        Path p = Path.of(configured).normalize();
        assertThat(p.resolve("corpus")).as("%s/corpus must exist", p).isDirectory();
        return p;
    }

    static Path sigma() {
        return root().resolve("corpus/sigma");
    }

    static Path attackSamples() {
        return root().resolve("corpus/evtx/EVTX-ATTACK-SAMPLES");
    }

    static Path evtxexport() {
        return root().resolve("corpus/evtx/reference-evtxexport");
    }

    /** Every {@code .evtx} below {@code dir}, sorted. */
    static List<Path> evtxFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".evtx"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
