package io.vigil.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the matching core (event model and Sigma engine) free of CLI, I/O, JSON and server libraries,
 * so that the same classes run in the CLI, a service and a stream processor; and keeps rule text away
 * from the backtracking java.util.regex engine.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.vigil");
    }

    @Test
    void coreAndSigmaDoNotDependOnOuterLayers() {
        noClasses()
                .that()
                .resideInAnyPackage("io.vigil.core..", "io.vigil.sigma..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.vigil.cli..",
                        "io.vigil.engine..",
                        "io.vigil.source..",
                        "io.vigil.sink..",
                        "io.vigil.normalize..",
                        "picocli..",
                        "com.fasterxml..",
                        "java.net..",
                        "java.sql..")
                .check(classes);
    }

    @Test
    void sigmaDoesNoFileIo() {
        noClasses()
                .that()
                .resideInAnyPackage("io.vigil.core.event..", "io.vigil.core.detect..", "io.vigil.sigma..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.nio.file..", "java.nio.channels..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.io.File")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.io.FileInputStream")
                .check(classes);
    }

    @Test
    void sigmaNeverUsesBacktrackingRegex() {
        noClasses()
                .that()
                .resideInAnyPackage("io.vigil.sigma..")
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

    @Test
    void sourcesDoNotKnowAboutRulesOrOutput() {
        noClasses()
                .that()
                .resideInAnyPackage("io.vigil.source..", "io.vigil.normalize..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.vigil.sigma..", "io.vigil.sink..", "io.vigil.engine..", "io.vigil.cli..")
                .check(classes);
    }
}
