package io.vigil.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the MSP register a hunt uses: the one given with {@code --register}, else a {@code register.yml}
 * at the root of a directory argument (an engagement folder carries its own context). When several
 * directory arguments hold one, the first argument's wins and the others are reported by the caller.
 */
public final class RegisterLocation {
    /** The file name looked for at the root of directory arguments. */
    public static final String FILE_NAME = "register.yml";

    private RegisterLocation() {}

    /** The explicit register if given, else the first {@value #FILE_NAME} at the root of a directory input. */
    public static Optional<Path> find(Path explicit, List<String> inputs) {
        if (explicit != null) {
            return Optional.of(explicit);
        }
        return found(inputs).stream().findFirst();
    }

    /**
     * The arguments that name existing directories, in order; text that is no path at all (a NUL, a
     * wildcard on Windows) is left to input discovery, which reports it.
     */
    public static List<Path> directories(List<String> inputs) {
        List<Path> out = new java.util.ArrayList<>();
        for (String input : inputs) {
            try {
                Path p = Path.of(input);
                if (Files.isDirectory(p)) {
                    out.add(p);
                }
            } catch (java.nio.file.InvalidPathException e) {
                // not a path: discovery reports it as an input that cannot be found
            }
        }
        return out;
    }

    /** Every {@value #FILE_NAME} at the root of a directory argument, in argument order. */
    public static List<Path> found(List<String> inputs) {
        return directories(inputs).stream()
                .map(d -> d.resolve(FILE_NAME))
                .filter(Files::isRegularFile)
                .toList();
    }
}
