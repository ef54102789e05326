package io.vigil.engine;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.diag.SourceLocation;
import io.vigil.sigma.RuleSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads rule files for the Sigma engine: {@code --rules} arguments (files, or directory trees whose
 * {@code .yml}/{@code .yaml} files are taken in sorted order) and the built-in pack bundled in the jar
 * ({@code builtin}). Unreadable files become diagnostics; the rest load.
 */
public final class RuleFiles {
    /** The argument that names the bundled rule pack. */
    public static final String BUILTIN = "builtin";

    private static final String BUILTIN_DIR = "/io/vigil/engine/rules/builtin/";

    private RuleFiles() {}

    public static List<RuleSource> read(List<String> arguments, DiagnosticSink diagnostics) {
        List<RuleSource> out = new ArrayList<>();
        for (String arg : arguments) {
            if (arg.equals(BUILTIN)) {
                out.addAll(builtin());
                continue;
            }
            Path p = Path.of(arg);
            if (Files.isDirectory(p)) {
                List<Path> files = ruleFilesUnder(p, arg, diagnostics);
                // Thousands of small files: read them in parallel, then report and add in sorted order.
                Object[] results = new Object[files.size()];
                IntStream.range(0, files.size()).parallel().forEach(i -> {
                    List<Object> one = new ArrayList<>(1);
                    read(files.get(i), joined(arg, p.relativize(files.get(i))), one::add, one);
                    results[i] = one.get(0);
                });
                for (Object r : results) {
                    if (r instanceof RuleSource src) {
                        out.add(src);
                    } else {
                        diagnostics.report((Diagnostic) r);
                    }
                }
            } else if (Files.isRegularFile(p)) {
                read(p, arg, diagnostics, out);
            } else {
                diagnostics.report(Diagnostic.error(
                        "rules-not-found", "no such rule file or directory", SourceLocation.file(arg)));
            }
        }
        return out;
    }

    private static String joined(String arg, Path relative) {
        String rel = relative.toString().replace('\\', '/');
        return arg.endsWith("/") ? arg + rel : arg + "/" + rel;
    }

    private static List<Path> ruleFilesUnder(Path dir, String arg, DiagnosticSink diagnostics) {
        List<Path> found = new ArrayList<>();
        try {
            // walkFileTree hands over the attributes it already read: no second stat per file.
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    String n = f.getFileName().toString();
                    if ((n.endsWith(".yml") || n.endsWith(".yaml"))
                            && (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(f))) {
                        found.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            diagnostics.report(
                    Diagnostic.error("rules-unreadable", String.valueOf(e.getMessage()), SourceLocation.file(arg)));
            return List.of();
        }
        found.sort(null);
        return found;
    }

    private static void read(Path file, String display, DiagnosticSink diagnostics, List<? super RuleSource> out) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            out.add(new RuleSource(display, decode(bytes)));
        } catch (CharacterCodingException e) {
            diagnostics.report(
                    Diagnostic.error("rules-encoding", "rule file is not valid UTF-8", SourceLocation.file(display)));
        } catch (IOException e) {
            diagnostics.report(
                    Diagnostic.error("rules-unreadable", String.valueOf(e.getMessage()), SourceLocation.file(display)));
        }
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        int start =
                bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF
                        ? 3
                        : 0;
        // The String constructor is the fast path (no intermediate char buffer) but replaces malformed
        // input with U+FFFD; only a text that contains U+FFFD needs the strict decoder's verdict.
        String text = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes, start, bytes.length - start))
                .toString();
    }

    /** The bundled MSP/APT rule pack, listed in {@code index.txt} beside the rules. */
    public static List<RuleSource> builtin() {
        List<RuleSource> out = new ArrayList<>();
        for (String name : resource("index.txt").split("\n")) {
            String n = name.trim();
            if (!n.isEmpty() && !n.startsWith("#")) {
                out.add(new RuleSource("builtin:" + n, resource(n)));
            }
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = RuleFiles.class.getResourceAsStream(BUILTIN_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("built-in rule pack is missing " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
