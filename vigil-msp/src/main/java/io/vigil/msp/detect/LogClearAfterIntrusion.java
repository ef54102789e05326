package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.msp.activity.Fact;
import io.vigil.msp.activity.Intrusion;
import io.vigil.msp.activity.LogClear;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code msp-log-clear-after-intrusion}: Security 1102 or System 104 on a host that had a single-event
 * detection of level high or above (other than a log-clear rule on a log clear) within T before. The
 * host must be the same organisation's (unattributed hosts: the same input file).
 */
public final class LogClearAfterIntrusion implements MspDetector {
    static final MspRule RULE = new MspRule(
            "msp-log-clear-after-intrusion",
            "Log cleared on a host after an intrusion detection",
            Level.HIGH,
            null,
            List.of("attack.defense-evasion", "attack.t1070.001"));

    @Override
    public MspRule rule() {
        return RULE;
    }

    @Override
    public void run(DetectionContext ctx, List<Detection> out) {
        Duration window = ctx.settings().logClearWindow();
        for (LogClear c : ctx.facts().clears) {
            Intrusion found = null;
            for (Intrusion i : ctx.facts().intrusions) {
                if (Fact.ORDER.compare(i, c) >= 0) {
                    break;
                }
                if (i.time().isBefore(c.time().minus(window))
                        || i.hostKey() == null
                        || !i.hostKey().equals(c.hostKey())) {
                    continue;
                }
                boolean sameOrg = c.tenant() != null
                        ? c.tenant().equals(i.tenant())
                        : i.tenant() == null
                                && Objects.equals(
                                        i.provenance().path(), c.provenance().path());
                if (sameOrg) {
                    found = i;
                }
            }
            if (found == null) {
                continue;
            }
            String what = "Security".equals(c.event().get("Channel"))
                    ? "The Security log (1102)"
                    : "An event log (System 104)";
            String by = c.actor() == null ? "" : " by " + c.actor().account();
            String explanation = what + " was cleared on " + c.host() + by + " "
                    + TimeText.duration(Duration.between(found.time(), c.time())) + " after '" + found.title()
                    + "' (" + found.level().label() + ") on the same host";
            Map<String, Object> msp = new LinkedHashMap<>();
            msp.put("host", c.host());
            msp.put("intrusion_rule", found.ruleId());
            msp.put("intrusion_level", found.level().label());
            msp.put("intrusion_time", TimeText.utc(found.time()));
            out.add(RULE.detection(c.event(), c.tenant(), null, explanation, msp));
        }
    }
}
