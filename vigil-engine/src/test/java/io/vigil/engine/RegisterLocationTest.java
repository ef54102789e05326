package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterLocationTest {
    @TempDir
    Path dir;

    @Test
    void explicitRegisterWinsOverOneInTheFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("case"));
        Files.writeString(folder.resolve("register.yml"), "version: 1\n");
        Path other = dir.resolve("other.yml");
        assertThat(RegisterLocation.find(other, List.of(folder.toString()))).contains(other);
        assertThat(RegisterLocation.find(null, List.of(folder.toString()))).contains(folder.resolve("register.yml"));
    }

    @Test
    void onlyDirectoryRootsAreSearched() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("case/sub"));
        Files.writeString(folder.resolve("register.yml"), "version: 1\n");
        Path file = Files.writeString(dir.resolve("events.jsonl"), "{}\n");
        assertThat(RegisterLocation.find(null, List.of(dir.resolve("case").toString(), file.toString())))
                .isEmpty();
        assertThat(RegisterLocation.found(List.of(folder.toString(), folder.toString())))
                .hasSize(2);
    }

    @Test
    void textThatIsNoPathIsLeftToDiscovery() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("case"));
        Files.writeString(folder.resolve("register.yml"), "version: 1\n");
        assertThat(RegisterLocation.directories(List.of("bad\u0000name", folder.toString())))
                .containsExactly(folder);
        assertThat(RegisterLocation.find(null, List.of("bad\u0000name", folder.toString())))
                .contains(folder.resolve("register.yml"));
    }
}
