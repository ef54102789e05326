package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.msp.activity.Artifact;
import io.vigil.msp.activity.ArtifactIndex;
import io.vigil.msp.activity.Fact;
import io.vigil.msp.activity.FieldText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code msp-cross-tenant-artifact}: a file hash (Sysmon {@code Hashes}: SHA256, else SHA1, else MD5;
 * never IMPHASH) or script-block hash (SHA-256 of {@code ScriptBlockText}) first seen in one organisation
 * appears in another. Fires at the first occurrence in each further organisation.
 *
 * <p>To stay quiet about software every customer runs, a crossing counts only when an occurrence in the
 * first or the new organisation was suspicious: its event carried a single-event detection, or Sysmon
 * reported the image unsigned, or, for a script block, it ran on a host where an MSP access detection of
 * level high or above (unsanctioned source, concurrency, compromised source, ...) fired in the hour
 * before: the payload ran in a session the register already flags. That last test is for script text
 * only: Sysmon 1 carries no signature, and the stock Windows binaries a flagged session starts
 * ({@code net.exe}, {@code wsmprovhost.exe}) are the same file in every organisation. Images Sysmon
 * reports signed are never recorded. The access
 * detectors therefore run before this one ({@code MspAnalysis.detectors()}).
 */
public final class CrossTenantArtifact implements MspDetector {
    static final MspRule RULE = new MspRule(
            "msp-cross-tenant-artifact",
            "Same file or script seen in two organisations",
            Level.HIGH,
            null,
            List.of("attack.lateral-movement", "attack.t1570", "attack.execution"));

    @Override
    public MspRule rule() {
        return RULE;
    }

    private static final Duration FLAGGED_BEFORE = Duration.ofHours(1);

    @Override
    public void run(DetectionContext ctx, List<Detection> out) {
        Map<String, List<Instant>> flagged = new HashMap<>();
        for (Detection d : out) {
            String host = FieldText.shortHost(FieldText.text(d.event(), "Computer"));
            Object tenant = d.extra().get("tenant");
            if (d.level().compareTo(Level.HIGH) >= 0 && host != null && tenant != null && d.timestamp() != null) {
                flagged.computeIfAbsent(tenant + ":" + host, k -> new ArrayList<>())
                        .add(d.timestamp());
            }
        }
        for (Map<String, ArtifactIndex.Seen> byTenant : ctx.facts().artifacts.crossing()) {
            List<ArtifactIndex.Seen> seen = new ArrayList<>(byTenant.values());
            seen.sort((x, y) -> Fact.ORDER.compare(x.first(), y.first()));
            ArtifactIndex.Seen origin = seen.get(0);
            for (ArtifactIndex.Seen s : seen.subList(1, seen.size())) {
                if (!origin.suspicious()
                        && !s.suspicious()
                        && !flagged(flagged, origin.first())
                        && !flagged(flagged, s.first())) {
                    continue;
                }
                var first = origin.first();
                var here = s.first();
                String explanation = (here.kind().equals("script") ? "Script block " : "File ") + here.hash()
                        + " first seen in " + first.tenant() + " on " + first.host() + " at "
                        + TimeText.utc(first.time())
                        + " appears in " + here.tenant() + " on " + here.host();
                Map<String, Object> msp = new LinkedHashMap<>();
                msp.put("kind", here.kind());
                msp.put("hash", here.hash());
                msp.put("first_tenant", first.tenant());
                msp.put("first_host", first.host());
                msp.put("first_time", TimeText.utc(first.time()));
                out.add(RULE.detection(here.event(), here.tenant(), null, explanation, msp));
            }
        }
    }

    private static boolean flagged(Map<String, List<Instant>> flagged, Artifact a) {
        if (!a.kind().equals("script")) {
            return false;
        }
        String host = FieldText.shortHost(a.host());
        for (Instant t : flagged.getOrDefault(a.tenant() + ":" + host, List.of())) {
            if (!t.isAfter(a.time()) && !t.isBefore(a.time().minus(FLAGGED_BEFORE))) {
                return true;
            }
        }
        return false;
    }
}
