package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.msp.activity.Access;
import io.vigil.msp.register.Identity;
import io.vigil.msp.register.Organisation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code msp-outside-window} (C03): an MSP identity gets into a customer tenant (4624, 4768, 4776, 1149,
 * LocalSessionManager 21/25, VPN session) outside every maintenance window, judged in the tenant's zone,
 * with no ticket covering it, or outside the technician's own working hours when the register gives
 * them. Fires once per identity, tenant and host within the repeat hold.
 */
public final class OutsideWindow implements MspDetector {
    static final MspRule RULE = new MspRule(
            "msp-outside-window",
            "MSP identity active outside the tenant's maintenance window",
            Level.MEDIUM,
            "C03",
            List.of("attack.initial-access", "attack.t1078", "attack.t1199"));

    @Override
    public MspRule rule() {
        return RULE;
    }

    @Override
    public void run(DetectionContext ctx, List<Detection> out) {
        Repeats repeats = new Repeats(ctx.settings().repeatSuppression());
        for (Access a : ctx.facts().accesses) {
            Organisation org = ctx.customer(a.tenant());
            if (org == null || !a.who().isMsp()) {
                continue;
            }
            Identity own = a.who().resolved();
            boolean outsideOwnHours = own != null && own.outsideOwnHours(a.time());
            if (org.inWindow(a.time()) && !outsideOwnHours) {
                continue;
            }
            if (ctx.ticket(a.tenant(), a.who(), a.time()).isPresent()) {
                continue;
            }
            if (!repeats.first(a.who().key() + "|" + a.tenant() + "|" + a.hostKey(), a.time())) {
                continue;
            }
            String outside = org.inWindow(a.time())
                    ? "outside " + own.id() + "'s working hours (" + TimeText.local(a.time(), own.zone()) + ")"
                    : "outside " + org.name() + "'s window " + TimeText.windows(org)
                            + (outsideOwnHours ? " and " + own.id() + "'s working hours" : "");
            String explanation = AccessText.who(a) + " " + AccessText.verb(a) + " " + AccessText.host(a)
                    + AccessText.from(a) + " at " + TimeText.local(a.time(), org.zone()) + ", " + outside
                    + ", no ticket";
            Map<String, Object> msp = new LinkedHashMap<>();
            msp.put("access", a.kind().name().toLowerCase(java.util.Locale.ROOT));
            msp.put("account", a.account().toString());
            msp.put("host", a.host());
            msp.put("source", a.source());
            msp.put("local_time", TimeText.local(a.time(), org.zone()));
            msp.put("windows", TimeText.windows(org));
            msp.put("outside_own_hours", outsideOwnHours);
            out.add(RULE.detection(a.event(), a.tenant(), a.who().key(), explanation, msp));
        }
    }
}
