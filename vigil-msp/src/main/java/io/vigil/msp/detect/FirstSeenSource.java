package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.msp.activity.Access;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code msp-first-seen-source} (C04): an MSP identity (any organisation, its MSP account included) acts
 * in an organisation from a source it has never used there, after a learning period that starts at its
 * first activity anywhere. Sources are remembered per identity and organisation: a technician's own
 * workstation is an everyday source inside the MSP and a new one in a tenant that the technician always
 * reached through the jump host. Sources the register allows for it are expected and never fire.
 */
public final class FirstSeenSource implements MspDetector {
    static final MspRule RULE = new MspRule(
            "msp-first-seen-source",
            "MSP identity acting from a source never seen for it",
            Level.MEDIUM,
            "C04",
            List.of("attack.initial-access", "attack.t1078"));

    @Override
    public MspRule rule() {
        return RULE;
    }

    @Override
    public void run(DetectionContext ctx, List<Detection> out) {
        Map<String, Instant> firstSeen = new HashMap<>();
        Map<String, Set<String>> sources = new HashMap<>();
        for (Access a : ctx.facts().accesses) {
            String key = a.who().key();
            String source = a.source();
            if (key == null || source == null) {
                continue;
            }
            Instant first = firstSeen.computeIfAbsent(key, k -> a.time());
            String seenKey = key + "|" + a.tenant();
            if (!sources.computeIfAbsent(seenKey, k -> new HashSet<>()).add(source)) {
                continue;
            }
            if (a.time().isBefore(first.plus(ctx.settings().firstSeenLearning()))) {
                continue;
            }
            if (DetectionContext.sourceAllowed(a.who(), a.sourceIp(), a.sourceHost())) {
                continue;
            }
            String explanation = AccessText.who(a) + " " + AccessText.verb(a) + " " + AccessText.host(a)
                    + AccessText.from(a) + ", a source never seen for it in " + a.tenant() + " since "
                    + TimeText.utc(first)
                    + " (learning " + TimeText.duration(ctx.settings().firstSeenLearning()) + ")";
            Map<String, Object> msp = new LinkedHashMap<>();
            msp.put("account", a.account().toString());
            msp.put("source", source);
            msp.put("known_sources", sources.get(seenKey).size() - 1);
            msp.put("learning_since", TimeText.utc(first));
            out.add(RULE.detection(a.event(), a.tenant(), key, explanation, msp));
        }
    }
}
