package io.vigil.ioc.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.core.detect.Level;
import io.vigil.core.diag.Severity;
import io.vigil.ioc.Diagnostics;
import io.vigil.ioc.Events;
import io.vigil.ioc.IocHit;
import io.vigil.ioc.IocMatcher;
import io.vigil.ioc.IocSet;
import io.vigil.ioc.bundle.BuiltinBundleGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltinBundleTest {
    @Test
    void loadsWithoutErrorsOrWarnings() {
        Diagnostics diags = new Diagnostics();
        IocSet set = FeedLoader.builtin(diags);
        assertThat(diags.at(Severity.ERROR)).isEmpty();
        assertThat(diags.at(Severity.WARNING)).isEmpty();
        // only the context-only indicators (ports, IP-lookup services) are left out, and said so
        assertThat(diags.codes()).containsExactly("ioc-not-for-detection");
        System.out.println("built-in bundle: " + set.size() + " indicators; comparisons by type " + set.countsByType());

        Diagnostics withContext = new Diagnostics();
        IocSet all = FeedLoader.builtin(FeedOptions.defaults().withNonDetection(true), withContext);
        assertThat(withContext.all).isEmpty();
        System.out.println("with context-only indicators: " + all.size() + " indicators; " + all.countsByType());
        assertThat(all.size()).isEqualTo(set.size() + 3);
        assertThat(set.countsByType())
                .containsKeys("md5", "sha1", "sha256", "imphash", "domain", "filename", "named pipe", "mutex");
        assertThat(set.countsByType().get("domain")).isGreaterThan(1500);
    }

    @Test
    void matchesRealisticApt10Events() {
        IocMatcher m = new IocMatcher(FeedLoader.builtin(new Diagnostics()));
        List<IocHit> pipe = m.match(Events.of(
                "EventID",
                17L,
                "Channel",
                "Microsoft-Windows-Sysmon/Operational",
                "PipeName",
                "\\NamePipe_MoreWindows",
                "Image",
                "C:\\Windows\\System32\\svchost.exe"));
        assertThat(pipe).singleElement().satisfies(h -> {
            assertThat(h.rule().level()).isEqualTo(Level.HIGH);
            assertThat(h.rule().tags()).contains("apt10", "attack.g0045", "attack.s0153");
            assertThat(h.rule().author()).contains("signature-base");
            assertThat(h.rule().path()).isEqualTo(FeedLoader.BUILTIN_NAME);
            assertThat(h.iocMember()).containsEntry("type", "named pipe").containsEntry("field", "PipeName");
        });
        assertThat(m.match(
                        Events.of("EventID", 7L, "ImageLoaded", "C:\\Users\\bob\\AppData\\Local\\Temp\\StarBurn.dll")))
                .extracting(h -> h.comparison().value())
                .containsExactly("StarBurn.dll");
        // both the C2 host and its parent domain are indicators: two detections, both low (OTX/Cloud Hopper lists)
        assertThat(m.match(Events.of("EventID", 22L, "QueryName", "002562066559681.r3u8.com")))
                .extracting(h -> h.comparison().value(), h -> h.rule().level())
                .containsExactly(tuple("r3u8.com", Level.LOW), tuple("002562066559681.r3u8.com", Level.LOW));
        assertThat(m.match(Events.of(
                        "EventID",
                        11L,
                        "TargetFilename",
                        "C:\\Users\\bob\\AppData\\Local\\Temp\\winsyslog\\msseces.exe")))
                .hasSize(1);
        assertThat(m.match(Events.of("EventID", 11L, "TargetFilename", "C:\\Windows\\msseces.exe")))
                .isEmpty();
        assertThat(m.match(Events.of("EventID", 3L, "DestinationPort", 995L))).isEmpty();
    }

    @Test
    void theCommittedBundleIsWhatTheGeneratorProducesFromSharedIntel() throws IOException {
        Path intel = Path.of(System.getProperty("vigil.shared", "../../shared"), "intel");
        assumeTrue(Files.isDirectory(intel.resolve("signature-base-apt10")), "../shared/intel is not present");
        BuiltinBundleGenerator.Result r = BuiltinBundleGenerator.generate(intel);
        String committed;
        try (InputStream in = FeedLoader.class.getResourceAsStream(FeedLoader.BUILTIN_RESOURCE)) {
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(r.json()).as("regenerate with the command in docs/ioc.md").isEqualTo(committed);
        assertThat(BuiltinBundleGenerator.generate(intel).json()).isEqualTo(r.json());
        for (Map.Entry<String, Integer> e : r.counts().entrySet()) {
            System.out.println("generator count " + e.getKey() + ": " + e.getValue());
        }
    }
}
