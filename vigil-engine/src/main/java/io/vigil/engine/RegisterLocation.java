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

    /** Every {@value #FILE_NAME} at the root of a directory argument, in argument order. */
    public static List<Path> found(List<String> inputs) {
        return inputs.stream()
                .map(Path::of)
                .filter(Files::isDirectory)
                .map(d -> d.resolve(FILE_NAME))
                .filter(Files::isRegularFile)
                .toList();
    }
}
