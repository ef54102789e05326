package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.msp.activity.Access;
import io.vigil.msp.activity.AccessKind;
import io.vigil.msp.register.Organisation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code msp-unsanctioned-source} (C04): an MSP identity gets into a customer tenant (a logon or a VPN
 * session there) from a source (IpAddress, WorkstationName, 4776 Workstation, 1149 address, VPN
 * {@code src_ip}) that none of its candidate identities may act from. Inside the MSP the register sources
 * do not apply: the MSP's own VPN is where remote technicians come in from the internet (new home
 * addresses are {@code msp-first-seen-source}'s business) and their workstations are not register
 * sources. There only one thing is judged: an MSP account logging on to an MSP host from a customer
 * tenant's network, the trust relationship run backwards (a customer host pushing data into the MSP).
 * Once per identity, source and tenant within the repeat hold.
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
            if (ctx.customer(a.tenant()) == null) {
                if (a.kind() == AccessKind.VPN || !fromCustomer(ctx, a)) {
                    continue;
                }
            } else if (DetectionContext.sourceAllowed(a.who(), a.sourceIp(), a.sourceHost())) {
                continue;
            }
            if (!repeats.first(a.who().key() + "|" + a.source() + "|" + a.tenant(), a.time())) {
                continue;
            }
            String allowed = ctx.customer(a.tenant()) == null
                    ? "MSP accounts on MSP hosts come from the MSP's networks, not a customer's"
                    : DetectionContext.allowedSources(a.who());
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

    /** True when an access to an MSP host comes from an address inside a customer tenant's networks. */
    private static boolean fromCustomer(DetectionContext ctx, Access a) {
        if (a.sourceIp() == null) {
            return false;
        }
        for (Organisation o : ctx.register().tenants()) {
            if (o.ownsAddress(a.sourceIp())) {
                return true;
            }
        }
        return false;
    }
}
