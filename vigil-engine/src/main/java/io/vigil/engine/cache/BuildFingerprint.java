package io.vigil.engine.cache;

import io.vigil.core.diag.Diagnostic;
import io.vigil.correlate.CorrelationType;
import io.vigil.engine.RuleLoading;
import io.vigil.sigma.parse.RuleParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Identifies the code that parses rules: a checksum ({@link Checksum64}) of the content of the jars (or
 * class directories) that hold the parser, the AST, the diagnostics and SnakeYAML. In the shipped fat jar that is one hash of the jar, so
 * any rebuild of Vigil invalidates every cache file. Computed once per process.
 */
final class BuildFingerprint {
    private BuildFingerprint() {}

    private static volatile String cached;
    private static volatile boolean computed;

    /** The fingerprint, or null when some of the code was not loaded from a file we can read. */
    static String current() {
        if (!computed) {
            synchronized (BuildFingerprint.class) {
                if (!computed) {
                    cached = compute(List.of(
                            RuleParser.class,
                            BuildFingerprint.class,
                            RuleLoading.class,
                            Diagnostic.class,
                            CorrelationType.class,
                            org.snakeyaml.engine.v2.api.lowlevel.Compose.class));
                    computed = true;
                }
            }
        }
        return cached;
    }

    static String compute(List<Class<?>> classes) {
        Set<Path> locations = new TreeSet<>();
        for (Class<?> c : classes) {
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            URL url = cs == null ? null : cs.getLocation();
            if (url == null) {
                return null;
            }
            try {
                locations.add(Path.of(url.toURI()));
            } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
                return null;
            }
        }
        Checksum64 md = new Checksum64();
        try {
            for (Path p : locations) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> walk = Files.walk(p)) {
                        for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                            md.update(p.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                            hashFile(md, f);
                        }
                    }
                } else {
                    hashFile(md, p);
                }
            }
        } catch (IOException | SecurityException e) {
            return null;
        }
        return md.hex();
    }

    private static void hashFile(Checksum64 md, Path f) throws IOException {
        md.update(Files.readAllBytes(f));
    }
}
