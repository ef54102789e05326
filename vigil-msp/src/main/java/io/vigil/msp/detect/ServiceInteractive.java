package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.msp.activity.Access;
import io.vigil.msp.activity.AccessKind;
import io.vigil.msp.register.ServiceAccount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code msp-service-interactive} (C14): a register service or RMM account logs on interactively: 4624
 * with logon type 2, 10 or 11, or an RDP authentication / session (1149, LocalSessionManager 21/25).
 * Nothing sanctions it. Once per account and host within the repeat hold.
 */
public final class ServiceInteractive implements MspDetector {
    static final MspRule RULE = new MspRule(
            "msp-service-interactive",
            "Service or RMM account logged on interactively",
            Level.HIGH,
            "C14",
            List.of("attack.t1078", "attack.t1078.002", "attack.lateral-movement"));

    @Override
    public MspRule rule() {
        return RULE;
    }

    @Override
    public void run(DetectionContext ctx, List<Detection> out) {
        Repeats repeats = new Repeats(ctx.settings().repeatSuppression());
        for (Access a : ctx.facts().accesses) {
            boolean interactive = a.kind() == AccessKind.RDP
                    || a.kind() == AccessKind.RDP_RECONNECT
                    || a.kind() == AccessKind.RDP_SESSION
                    || (a.kind() == AccessKind.LOGON
                            && (a.logonType() == 2 || a.logonType() == 10 || a.logonType() == 11));
            if (!interactive) {
                continue;
            }
            Optional<ServiceAccount> svc = ctx.register().serviceAccount(a.account());
            if (svc.isEmpty() || !repeats.first(a.account() + "|" + a.tenant() + "|" + a.hostKey(), a.time())) {
                continue;
            }
            String kind = svc.get().kind().name().toLowerCase(Locale.ROOT);
            String how =
                    a.kind() == AccessKind.LOGON ? "logged on with type " + a.logonType() + " to" : AccessText.verb(a);
            String explanation = kind + " account " + a.account() + " " + how + " " + AccessText.host(a)
                    + AccessText.from(a) + "; it must never log on interactively";
            Map<String, Object> msp = new LinkedHashMap<>();
            msp.put("account", a.account().toString());
            msp.put("account_kind", kind);
            msp.put("logon_type", a.logonType());
            msp.put("host", a.host());
            msp.put("source", a.source());
            out.add(RULE.detection(a.event(), a.tenant(), a.who().key(), explanation, msp));
        }
    }
}
