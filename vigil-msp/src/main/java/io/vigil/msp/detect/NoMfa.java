package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.msp.activity.Access;
import io.vigil.msp.activity.AccessKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code msp-no-mfa} (C06): a VPN session of an MSP identity whose {@code mfa} is present and not {@code
 * success} ({@code none}, {@code failed}, {@code bypassed}). A record without {@code mfa} says nothing and
 * is not judged. Nothing sanctions it.
 */
public final class NoMfa implements MspDetector {
    static final MspRule RULE = new MspRule(
            "msp-no-mfa",
            "MSP VPN session without MFA",
            Level.HIGH,
            "C06",
            List.of("attack.initial-access", "attack.t1133", "attack.t1078"));

    @Override
    public MspRule rule() {
        return RULE;
    }

    @Override
    public void run(DetectionContext ctx, List<Detection> out) {
        for (Access a : ctx.facts().accesses) {
            if (a.kind() != AccessKind.VPN
                    || !a.who().isMsp()
                    || a.mfa() == null
                    || a.mfa().equalsIgnoreCase("success")) {
                continue;
            }
            String explanation = "VPN session of " + AccessText.who(a) + AccessText.from(a) + " at "
                    + TimeText.utc(a.time()) + " with mfa=" + a.mfa();
            Map<String, Object> msp = new LinkedHashMap<>();
            msp.put("account", a.account().toString());
            msp.put("src_ip", a.sourceIp());
            msp.put("assigned_ip", a.assignedIp());
            msp.put("mfa", a.mfa());
            msp.put("gateway", a.host());
            out.add(RULE.detection(a.event(), a.tenant(), a.who().key(), explanation, msp));
        }
    }
}
