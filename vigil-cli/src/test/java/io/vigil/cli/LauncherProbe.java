package io.vigil.cli;

/**
 * The main class of the small jar {@link LauncherArchiveTest} puts where {@code ./vigil} looks for
 * vigil.jar: prints its arguments, so that any byte the JVM adds to standard output shows.
 */
public final class LauncherProbe {
    private LauncherProbe() {}

    public static void main(String[] args) {
        System.out.println("probe " + String.join(" ", args));
    }
}
