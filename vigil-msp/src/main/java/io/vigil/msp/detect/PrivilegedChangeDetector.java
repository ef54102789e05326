package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.msp.activity.PrivilegedChange;
import io.vigil.msp.register.Organisation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code msp-privileged-change} (C11): an MSP identity creates an account (4720), changes one (4738) or
 * adds a member to a group (4728, 4732, 4756) in a customer tenant outside every maintenance window and
 * without a ticket. Every such change fires: they are rare and each one matters.
 */
public final class PrivilegedChangeDetector implements MspDetector {
    static final MspRule RULE = new MspRule(
            "msp-privileged-change",
            "Account or group change by an MSP identity without window or ticket",
            Level.HIGH,
            "C11",
            List.of("attack.persistence", "attack.t1098", "attack.t1136"));

    @Override
    public MspRule rule() {
        return RULE;
    }

    @Override
    public void run(DetectionContext ctx, List<Detection> out) {
        for (PrivilegedChange c : ctx.facts().changes) {
            Organisation org = ctx.customer(c.tenant());
            if (org == null || !c.who().isMsp() || org.inWindow(c.time())) {
                continue;
            }
            if (ctx.ticket(c.tenant(), c.who(), c.time()).isPresent()) {
                continue;
            }
            String what = switch ((int) c.eventId()) {
                case 4720 -> "created account " + c.target();
                case 4738 -> "changed account " + c.target();
                default -> "added " + c.target() + " to group " + c.group();
            };
            String explanation = c.who().key() + " (" + c.actor().account() + ") " + what + " on " + c.host()
                    + " at " + TimeText.local(c.time(), org.zone()) + ", outside " + org.name() + "'s window "
                    + TimeText.windows(org) + ", no ticket";
            Map<String, Object> msp = new LinkedHashMap<>();
            msp.put("event_id", c.eventId());
            msp.put("actor", c.actor().account().toString());
            msp.put("target", c.target());
            if (c.group() != null) {
                msp.put("group", c.group());
            }
            msp.put("local_time", TimeText.local(c.time(), org.zone()));
            out.add(RULE.detection(c.event(), c.tenant(), c.who().key(), explanation, msp));
        }
    }
}
