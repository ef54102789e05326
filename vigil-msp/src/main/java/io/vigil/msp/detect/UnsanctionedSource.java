package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.msp.activity.Access;
import io.vigil.msp.activity.AccessKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code msp-unsanctioned-source} (C04): an MSP identity gets into a customer tenant, or opens a VPN
 * session anywhere, from a source (IpAddress, WorkstationName, 4776 Workstation, 1149 address, VPN
 * {@code src_ip}) that none of its candidate identities may act from. The technician's own MSP account on
 * MSP hosts is not judged: their workstation is not a register source. Once per identity, source and
 * tenant within the repeat hold.
 */
public final class UnsanctionedSource implements MspDetector {
    static final MspRule RULE = new MspRule(
            "msp-unsanctioned-source",
            "MSP identity acting from a source outside the register",
            Level.HIGH,
            "C04",
            List.of("attack.initial-access", "attack.t1078", "attack.t1199"));

    @Override
    public MspRule rule() {
        return RULE;
    }

    @Override
    public void run(DetectionContext ctx, List<Detection> out) {
        Repeats repeats = new Repeats(ctx.settings().repeatSuppression());
        for (Access a : ctx.facts().accesses) {
            if (!a.who().isMsp() || a.source() == null) {
                continue;
            }
            if (ctx.customer(a.tenant()) == null && a.kind() != AccessKind.VPN) {
                continue;
            }
            if (DetectionContext.sourceAllowed(a.who(), a.sourceIp(), a.sourceHost())) {
                continue;
            }
            if (!repeats.first(a.who().key() + "|" + a.source() + "|" + a.tenant(), a.time())) {
                continue;
            }
            String allowed = DetectionContext.allowedSources(a.who());
            String explanation = AccessText.who(a) + " " + AccessText.verb(a) + " " + AccessText.host(a)
                    + AccessText.from(a) + ", not an allowed source (" + allowed + ")";
            Map<String, Object> msp = new LinkedHashMap<>();
            msp.put("account", a.account().toString());
            msp.put("host", a.host());
            msp.put("source", a.source());
            msp.put("source_host", a.sourceHost());
            msp.put("allowed", allowed);
            out.add(RULE.detection(a.event(), a.tenant(), a.who().key(), explanation, msp));
        }
    }
}
