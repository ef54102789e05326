package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.msp.activity.ArtifactIndex;
import io.vigil.msp.activity.Fact;
import java.util.ArrayList;
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
 * reported the image unsigned; images Sysmon reports signed are never recorded.
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

    @Override
    public void run(DetectionContext ctx, List<Detection> out) {
        for (Map<String, ArtifactIndex.Seen> byTenant : ctx.facts().artifacts.crossing()) {
            List<ArtifactIndex.Seen> seen = new ArrayList<>(byTenant.values());
            seen.sort((x, y) -> Fact.ORDER.compare(x.first(), y.first()));
            ArtifactIndex.Seen origin = seen.get(0);
            for (ArtifactIndex.Seen s : seen.subList(1, seen.size())) {
                if (!origin.suspicious() && !s.suspicious()) {
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
}
