package io.vigil.ioc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the matcher core ({@code io.vigil.ioc}) free of I/O and JSON so it runs unchanged in the CLI,
 * a service or a stream processor, and keeps feed text away from backtracking regular expressions in
 * the whole module.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.vigil.ioc");
    }

    @Test
    void matcherCoreDoesNoIo() {
        noClasses()
                .that()
                .resideInAPackage("io.vigil.ioc")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.io..",
                        "java.nio.file..",
                        "java.nio.channels..",
                        "com.fasterxml..",
                        "io.vigil.ioc.load..",
                        "io.vigil.ioc.bundle..")
                .check(classes);
    }

    @Test
    void noBacktrackingRegexAnywhere() {
        noClasses()
                .that()
                .resideInAPackage("io.vigil.ioc..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.util.regex..")
                .orShould()
                .callMethod(String.class, "split", String.class)
                .orShould()
                .callMethod(String.class, "split", String.class, int.class)
                .orShould()
                .callMethod(String.class, "matches", String.class)
                .orShould()
                .callMethod(String.class, "replaceAll", String.class, String.class)
                .orShould()
                .callMethod(String.class, "replaceFirst", String.class, String.class)
                .check(classes);
    }
}
