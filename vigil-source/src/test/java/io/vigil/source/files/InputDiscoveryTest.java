package io.vigil.source.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputDiscoveryTest {
    @TempDir
    Path root;

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    @BeforeEach
    void createTree() throws IOException {
        touch("logs/host2/b.json");
        touch("logs/host1/z.jsonl");
        touch("logs/host1/a.ndjson.gz");
        touch("logs/host1/Security.evtx");
        touch("logs/host1/notes.txt");
        touch("logs/host1/more.txt");
        touch("logs/host1/old.log.gz");
        touch("logs/host1/README");
        touch("logs/B.json");
        touch("logs/a.JSON");
    }

    private Path touch(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "{}");
    }

    private DiscoveryResult discover(String... arguments) {
        return discover(ArchiveLimits.DEFAULTS, arguments);
    }

    private DiscoveryResult discover(ArchiveLimits limits, String... arguments) {
        List<String> absolute = new ArrayList<>();
        for (String argument : arguments) {
            absolute.add(root + "/" + argument);
        }
        return new InputDiscovery(diagnostics::add, limits).discover(absolute);
    }

    private List<String> displayPaths(DiscoveryResult result) {
        String prefix = root + "/";
        return result.inputs().stream()
                .map(InputFile::displayPath)
                .map(p -> p.startsWith(prefix) ? p.substring(prefix.length()) : p)
                .toList();
    }

    @Test
    void walksDirectoriesSortedByNameAtEachLevel() {
        DiscoveryResult result = discover("logs");

        assertThat(displayPaths(result))
                .containsExactly(
                        "logs/B.json",
                        "logs/a.JSON",
                        "logs/host1/Security.evtx",
                        "logs/host1/a.ndjson.gz",
                        "logs/host1/z.jsonl",
                        "logs/host2/b.json");
        assertThat(result.inputs())
                .extracting(InputFile::kind)
                .containsExactly(
                        InputFile.Kind.JSON,
                        InputFile.Kind.JSON,
                        InputFile.Kind.EVTX,
                        InputFile.Kind.JSON,
                        InputFile.Kind.JSON,
                        InputFile.Kind.JSON);
        assertThat(result.inputs().get(0).path()).isEqualTo(root.resolve("logs/B.json"));
        assertThat(result.hasErrors()).isFalse();
    }

    @Test
    void joinsATrailingSlashArgumentWithoutDoubleSlash() {
        DiscoveryResult slash = discover("logs/host2/");
        DiscoveryResult doubled = discover("logs/host2//");

        assertThat(displayPaths(slash)).containsExactly("logs/host2/b.json");
        assertThat(displayPaths(doubled)).containsExactly("logs/host2/b.json");
    }

    @Test
    void keepsARelativeDirectoryArgumentAsWritten() {
        String relative = Path.of("").toAbsolutePath().relativize(root.resolve("logs/host2")) + "/";

        DiscoveryResult result = new InputDiscovery(diagnostics::add).discover(List.of(relative));

        assertThat(result.inputs()).extracting(InputFile::displayPath).containsExactly(relative + "b.json");
    }

    @Test
    void countsSkippedFilesByExtension() {
        DiscoveryResult result = discover("logs");

        assertThat(result.skippedByExtension())
                .containsExactly(entry("(none)", 1), entry(".log.gz", 1), entry(".txt", 2));
        assertThat(result.skippedCount()).isEqualTo(4);
    }

    @Test
    void keepsArgumentOrderAndReadsExplicitFilesWhateverTheirExtension() {
        DiscoveryResult result = discover("logs/host1/notes.txt", "logs/host2", "logs/host1/Security.evtx");

        assertThat(displayPaths(result))
                .containsExactly("logs/host1/notes.txt", "logs/host2/b.json", "logs/host1/Security.evtx");
        assertThat(result.inputs())
                .extracting(InputFile::kind)
                .containsExactly(InputFile.Kind.JSON, InputFile.Kind.JSON, InputFile.Kind.EVTX);
        assertThat(result.inputs().get(0).displayPath()).isEqualTo(root + "/logs/host1/notes.txt");
        assertThat(result.skippedByExtension()).isEmpty();
    }

    @Test
    void reportsMissingArgumentsAndGoesOn() {
        DiscoveryResult result = discover("nope.json", "logs/host2");

        assertThat(displayPaths(result)).containsExactly("logs/host2/b.json");
        assertThat(result.errorCount()).isEqualTo(1);
        assertThat(result.hasErrors()).isTrue();
        assertThat(diagnostics).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.code()).isEqualTo("input-not-found");
            assertThat(d.location().path()).isEqualTo(root + "/nope.json");
        });
    }

    @Test
    void expandsZipMembersInArchiveOrder() throws IOException {
        zip("logs/host3/bundle.zip", "z/second.json", "a/first.jsonl", "dir/", "notes.txt", "inner.zip", "s.evtx");

        DiscoveryResult result = discover("logs/host3");

        assertThat(displayPaths(result))
                .containsExactly(
                        "logs/host3/bundle.zip!/z/second.json",
                        "logs/host3/bundle.zip!/a/first.jsonl",
                        "logs/host3/bundle.zip!/s.evtx");
        InputFile first = result.inputs().get(0);
        assertThat(first.path()).isEqualTo(root.resolve("logs/host3/bundle.zip"));
        assertThat(first.archiveMember()).isEqualTo("z/second.json");
        assertThat(first.inArchive()).isTrue();
        assertThat(result.skippedByExtension()).containsOnly(entry(".txt", 1), entry(".zip", 1));
    }

    @Test
    void rejectsArchivesWithTooManyEntries() throws IOException {
        zip("logs/host3/bundle.zip", "a.json", "b.json", "c.json");

        DiscoveryResult result = discover(new ArchiveLimits(2, 1 << 20), "logs/host3/bundle.zip");

        assertThat(result.inputs()).isEmpty();
        assertThat(result.errorCount()).isEqualTo(1);
        assertThat(diagnostics)
                .singleElement()
                .satisfies(d -> assertThat(d.code()).isEqualTo("archive-limit"));
    }

    @Test
    void stopsTakingMembersPastTheExpandedSizeLimit() throws IOException {
        zip("logs/host3/bundle.zip", "a.json", "b.json", "c.json");

        DiscoveryResult result = discover(new ArchiveLimits(10, 5), "logs/host3/bundle.zip");

        // each member holds 2 bytes: a and b fit, c would make 6
        assertThat(displayPaths(result))
                .containsExactly("logs/host3/bundle.zip!/a.json", "logs/host3/bundle.zip!/b.json");
        assertThat(diagnostics)
                .singleElement()
                .satisfies(d -> assertThat(d.code()).isEqualTo("archive-limit"));
    }

    @Test
    void capsMemberStreamsWhenReading() throws IOException {
        zip("logs/host3/bundle.zip", "a.json");
        InputFile member = new InputFile(
                "bundle.zip!/a.json", root.resolve("logs/host3/bundle.zip"), "a.json", InputFile.Kind.JSON);

        try (var in = new InputOpener(new ArchiveLimits(10, 1)).open(member)) {
            assertThat(in.read()).isEqualTo('{');
            org.assertj.core.api.Assertions.assertThatThrownBy(in::read).isInstanceOf(ArchiveLimitException.class);
        }
    }

    @Test
    void reportsAnUnreadableArchive() throws IOException {
        Files.writeString(root.resolve("logs/broken.zip"), "this is not a zip");

        DiscoveryResult result = discover("logs/broken.zip");

        assertThat(result.inputs()).isEmpty();
        assertThat(diagnostics)
                .singleElement()
                .satisfies(d -> assertThat(d.code()).isEqualTo("input-unreadable"));
    }

    @Test
    void doesNotLoopOnSymbolicLinkCycles() throws IOException {
        Files.createSymbolicLink(root.resolve("logs/host2/back"), root.resolve("logs"));

        DiscoveryResult result = discover("logs/host2");

        // host2 -> back (= logs) -> host2 is a cycle; the first visit through logs is fine
        assertThat(result.hasErrors()).isFalse();
        assertThat(diagnostics).extracting(Diagnostic::code).containsOnly("directory-cycle");
        assertThat(displayPaths(result))
                .containsExactly(
                        "logs/host2/b.json",
                        "logs/host2/back/B.json",
                        "logs/host2/back/a.JSON",
                        "logs/host2/back/host1/Security.evtx",
                        "logs/host2/back/host1/a.ndjson.gz",
                        "logs/host2/back/host1/z.jsonl");
    }

    private void zip(String relative, String... members) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String member : members) {
                out.putNextEntry(new ZipEntry(member));
                if (!member.endsWith("/")) {
                    out.write("{}".getBytes(UTF_8));
                }
                out.closeEntry();
            }
        }
    }
}
