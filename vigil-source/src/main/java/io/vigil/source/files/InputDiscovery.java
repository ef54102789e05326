package io.vigil.source.files;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.diag.SourceLocation;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Expands the path arguments of a run into the ordered list of inputs to read, so that every reader
 * sees the same inputs in the same, reproducible order.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>Arguments are handled in the order given. A file argument is always read: {@code .zip} is
 *       expanded, {@code .evtx} is an EVTX input, anything else is tried as JSON because the user asked
 *       for it by name.
 *   <li>A directory is walked recursively; at each level entries are sorted by name ({@link
 *       String#compareTo}). Files named {@code .json .jsonl .ndjson} (optionally followed by {@code
 *       .gz}) and {@code .evtx} are accepted, {@code .zip} archives are expanded, everything else is
 *       skipped and counted by extension. Symbolic links are followed; a link back to an enclosing
 *       directory is reported as a warning and not entered again.
 *   <li>Members of a zip archive are taken in archive order by the same name rules; nested archives are
 *       skipped and counted.
 *   <li>An argument that does not exist ({@code input-not-found}) or cannot be read ({@code
 *       input-unreadable}), and an archive that breaks {@link ArchiveLimits} ({@code archive-limit}),
 *       are reported as ERROR diagnostics and counted in {@link DiscoveryResult#errorCount()}; the
 *       remaining arguments are still expanded.
 * </ul>
 *
 * Not thread-safe; use one instance per run.
 */
public final class InputDiscovery {
    private final DiagnosticSink sink;
    private final ArchiveLimits archiveLimits;
    private final List<InputFile> inputs = new ArrayList<>();
    private final Map<String, Integer> skipped = new HashMap<>();
    private int errors;

    public InputDiscovery(DiagnosticSink sink) {
        this(sink, ArchiveLimits.DEFAULTS);
    }

    public InputDiscovery(DiagnosticSink sink, ArchiveLimits archiveLimits) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.archiveLimits = Objects.requireNonNull(archiveLimits, "archiveLimits");
    }

    /** Expands {@code arguments}; the result covers only this call. */
    public DiscoveryResult discover(List<String> arguments) {
        inputs.clear();
        skipped.clear();
        errors = 0;
        for (String argument : arguments) {
            discoverArgument(argument);
        }
        return new DiscoveryResult(inputs, skipped, errors);
    }

    private void discoverArgument(String argument) {
        Path path;
        try {
            path = Path.of(argument);
        } catch (InvalidPathException e) {
            error("input-not-found", argument, "not a valid path: " + e.getReason());
            return;
        }
        if (!Files.exists(path)) {
            error("input-not-found", argument, "no such file or directory");
            return;
        }
        if (!Files.isReadable(path)) {
            error("input-unreadable", argument, "permission denied");
            return;
        }
        if (Files.isDirectory(path)) {
            Set<Path> enclosing = new HashSet<>();
            walk(directoryPrefix(argument), path, enclosing);
            return;
        }
        String name = fileName(path, argument);
        if (InputNames.isZip(name)) {
            expandZip(argument, path);
        } else if (InputNames.kindOf(name) == InputFile.Kind.EVTX) {
            inputs.add(new InputFile(argument, path, null, InputFile.Kind.EVTX));
        } else if (InputNames.kindOf(name) == InputFile.Kind.CSV) {
            inputs.add(new InputFile(argument, path, null, InputFile.Kind.CSV));
        } else {
            inputs.add(new InputFile(argument, path, null, InputFile.Kind.JSON));
        }
    }

    /** {@code logs}, {@code logs/} and {@code logs//} all give {@code logs/}, so joins have one slash. */
    private static String directoryPrefix(String argument) {
        int end = argument.length();
        while (end > 0 && isSeparator(argument.charAt(end - 1))) {
            end--;
        }
        if (end == 0) {
            // the argument is the root directory itself
            return argument.isEmpty() ? "" : argument.substring(0, 1);
        }
        return argument.substring(0, end) + "/";
    }

    private static boolean isSeparator(char c) {
        return c == '/' || c == File.separatorChar;
    }

    private static String fileName(Path path, String fallback) {
        Path name = path.getFileName();
        return name == null ? fallback : name.toString();
    }

    private void walk(String displayPrefix, Path directory, Set<Path> enclosing) {
        Path real;
        try {
            real = directory.toRealPath();
        } catch (IOException e) {
            error("input-unreadable", displayPrefix, "cannot resolve directory: " + e.getMessage());
            return;
        }
        if (!enclosing.add(real)) {
            sink.report(Diagnostic.warning(
                    "directory-cycle",
                    "symbolic link leads back to an enclosing directory; not entered again",
                    SourceLocation.file(displayPrefix)));
            return;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(entries::add);
        } catch (IOException | DirectoryIteratorException e) {
            error("input-unreadable", displayPrefix, "cannot list directory: " + e.getMessage());
            enclosing.remove(real);
            return;
        }
        entries.sort((a, b) -> fileName(a, "").compareTo(fileName(b, "")));
        for (Path entry : entries) {
            String name = fileName(entry, "");
            String display = displayPrefix + name;
            if (Files.isDirectory(entry)) {
                if (Files.isReadable(entry)) {
                    walk(display + "/", entry, enclosing);
                } else {
                    error("input-unreadable", display, "permission denied");
                }
            } else if (Files.isRegularFile(entry)) {
                discoverFileInDirectory(display, entry, name);
            }
            // sockets, devices and dangling links are not inputs and not worth a count
        }
        enclosing.remove(real);
    }

    private void discoverFileInDirectory(String display, Path file, String name) {
        boolean zip = InputNames.isZip(name);
        InputFile.Kind kind = InputNames.kindOf(name);
        if (!zip && kind == null) {
            skip(name);
            return;
        }
        if (!Files.isReadable(file)) {
            error("input-unreadable", display, "permission denied");
            return;
        }
        if (zip) {
            expandZip(display, file);
        } else {
            inputs.add(new InputFile(display, file, null, kind));
        }
    }

    private void expandZip(String display, Path archive) {
        try (ZipFile zip = new ZipFile(archive.toFile(), StandardCharsets.UTF_8)) {
            if (zip.size() > archiveLimits.maxEntries()) {
                error(
                        "archive-limit",
                        display,
                        "archive has " + zip.size() + " entries, more than the limit of " + archiveLimits.maxEntries()
                                + "; not read");
                return;
            }
            long declared = 0;
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.isDirectory()) {
                    continue;
                }
                String member = entry.getName();
                String leaf = member.substring(member.lastIndexOf('/') + 1);
                InputFile.Kind kind = InputNames.kindOf(leaf);
                if (kind == null) {
                    skip(leaf);
                    continue;
                }
                declared += Math.max(0, entry.getSize());
                if (declared > archiveLimits.maxExpandedBytes()) {
                    error(
                            "archive-limit",
                            display,
                            "members expand to more than " + archiveLimits.maxExpandedBytes() + " bytes; members from "
                                    + member + " on are not read");
                    return;
                }
                inputs.add(new InputFile(display + "!/" + member, archive, member, kind));
            }
        } catch (IOException | IllegalArgumentException e) {
            // ZipFile reports undecodable entry names as IllegalArgumentException
            error("input-unreadable", display, "cannot read zip archive: " + e.getMessage());
        }
    }

    private void skip(String name) {
        skipped.merge(InputNames.skipKey(name), 1, Integer::sum);
    }

    private void error(String code, String display, String message) {
        errors++;
        sink.report(Diagnostic.error(code, message, SourceLocation.file(display)));
    }
}
