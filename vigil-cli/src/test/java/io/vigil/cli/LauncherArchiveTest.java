package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./vigil} launcher with the class-data sharing archive the build writes beside
 * the jar: used when it belongs to the jar, silently ignored (standard output untouched) when the jar
 * was rebuilt after it, when it is not an archive at all, or when {@code VIGIL_CDS=0}. The launcher
 * runs from a copy of the repository layout whose vigil.jar is a small probe jar made here.
 */
class LauncherArchiveTest {
    @TempDir
    Path root;

    private Path jar;
    private Path jsa;
    private Path classLog;

    @BeforeEach
    void layout() throws IOException {
        Path launcher = root.resolve("vigil");
        Files.copy(Path.of("..", "vigil"), launcher);
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        Path target = Files.createDirectories(root.resolve("vigil-cli").resolve("target"));
        jar = target.resolve("vigil.jar");
        jsa = target.resolve("vigil.jsa");
        classLog = root.resolve("classes.log");
        writeProbeJar(jar, 0);
    }

    /** A runnable jar whose main class is {@link LauncherProbe}; {@code padding} bytes change its size. */
    private static void writeProbeJar(Path at, int padding) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(at);
                JarOutputStream out = new JarOutputStream(file, m);
                InputStream probe = LauncherProbe.class.getResourceAsStream("/" + entry)) {
            assertThat(probe).isNotNull();
            out.putNextEntry(new JarEntry(entry));
            probe.transferTo(out);
            out.closeEntry();
            if (padding > 0) {
                out.putNextEntry(new JarEntry("padding.bin"));
                out.write(new byte[padding]);
                out.closeEntry();
            }
        }
    }

    private record Run(int exit, String out, String err) {}

    /** Runs {@code ./vigil probe args} with the JDK running this test first on PATH. */
    private Run launch(Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", root.resolve("vigil").toString(), "a", "b"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
        pb.environment().put("PATH", javaBin + java.io.File.pathSeparator + System.getenv("PATH"));
        pb.environment().put("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        pb.environment().remove("VIGIL_CDS");
        pb.environment().putAll(env);
        Path err = root.resolve("err.txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return new Run(exit, out, Files.readString(err));
    }

    /** Where the last run loaded the probe class from, as the JVM's class+load log says. */
    private String probeSource() throws IOException {
        return Files.readAllLines(classLog).stream()
                .filter(l -> l.contains(LauncherProbe.class.getName() + " source:"))
                .findFirst()
                .orElseThrow();
    }

    private void dumpArchive() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:ArchiveClassesAtExit=" + jsa,
                        "-Xlog:cds=off",
                        "-Xlog:cds+dynamic=off",
                        "-jar",
                        jar.toString())
                .redirectErrorStream(true)
                .start();
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(p.waitFor()).isZero();
        assertThat(jsa).isRegularFile();
    }

    @Test
    void theArchiveOfThisJarIsUsedAndOutputIsUnchanged() throws Exception {
        Run without = launch(Map.of());
        assertThat(without.out()).isEqualTo("probe a b\n");
        assertThat(probeSource()).doesNotContain("shared objects file");

        dumpArchive();
        Run with = launch(Map.of());
        assertThat(with).isEqualTo(without);
        assertThat(probeSource()).contains("shared objects file (top)");

        Run optedOut = launch(Map.of("VIGIL_CDS", "0"));
        assertThat(optedOut).isEqualTo(without);
        assertThat(probeSource()).doesNotContain("shared objects file");
    }

    @Test
    void anArchiveOfAnEarlierJarIsIgnoredSilently() throws Exception {
        dumpArchive();
        writeProbeJar(jar, 4096);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        Run r = launch(Map.of());
        assertThat(r).isEqualTo(new Run(0, "probe a b\n", ""));
        assertThat(probeSource()).doesNotContain("shared objects file");
    }

    @Test
    void aFileThatIsNotAnArchiveIsIgnoredSilently() throws Exception {
        Files.write(jsa, "not a class-data sharing archive\n".repeat(500).getBytes(StandardCharsets.US_ASCII));
        Run r = launch(Map.of());
        assertThat(r).isEqualTo(new Run(0, "probe a b\n", ""));
        assertThat(probeSource()).doesNotContain("shared objects file");
    }
}
