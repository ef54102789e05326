package io.vigil.msp.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.msp.register.Organisation;
import io.vigil.msp.register.Register;
import io.vigil.msp.register.RegisterParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathAttributionTest {
    private static final Path ROOT = Path.of("/cases/eng").toAbsolutePath();

    private static Attribution attribution(String acmePaths) {
        Register r = new RegisterParser().parse("reg.yml", """
                        version: 1
                        msp:
                          name: MSPCORP
                          domains: [MSPCORP]
                        tenants:
                          - id: acme
                            domains: [ACME]
                            paths: %s
                          - id: betaco
                            domains: [BETACO]
                            paths: ["betaco/**"]
                        """.formatted(acmePaths), ROOT.toString());
        return new Attribution(r, List.of());
    }

    private static String tenant(Attribution a, String path) {
        return a.organisationOfPath(path).map(Organisation::id).orElse(null);
    }

    @Test
    void folderGlobsMatchBelowTheRootWhateverTheirSpelling() {
        for (String spelling : List.of("[\"acme/**\"]", "[\"./acme/**\"]", "[\"/acme/**\"]")) {
            Attribution a = attribution(spelling);
            assertThat(tenant(a, ROOT.resolve("acme/dc01/security.jsonl").toString()))
                    .as(spelling)
                    .isEqualTo("acme");
            assertThat(tenant(a, ROOT.resolve("betaco/dc01.jsonl").toString())).isEqualTo("betaco");
            assertThat(tenant(a, ROOT.resolve("other/dc01.jsonl").toString())).isNull();
        }
    }

    @Test
    void zipMembersAreAttributedByTheirFoldersInsideTheArchive() {
        Attribution a = attribution("[\"acme/**\"]");
        assertThat(tenant(a, ROOT.resolve("upload.zip") + "!/acme/dc01.evtx")).isEqualTo("acme");
        assertThat(tenant(a, ROOT.resolve("acme/upload.zip") + "!/dc01.evtx")).isEqualTo("acme");
        assertThat(tenant(a, ROOT.resolve("upload.zip") + "!/misc/dc01.evtx")).isNull();
    }
}
