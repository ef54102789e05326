package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.msp.activity.Access;
import io.vigil.msp.activity.AccessKind;
import io.vigil.msp.activity.FieldText;
import io.vigil.msp.activity.Intrusion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code msp-compromised-source}: a host that had a single-event detection of level high or above is,
 * within T afterwards, the source of a logon into some organisation's host (4624, 4768, 4776, RDP): the
 * logon's {@code WorkstationName} is the host's name, or its {@code IpAddress} is one of the host's
 * addresses learned from the events ({@link io.vigil.msp.activity.HostAddresses}). Inside the compromised
 * host's own organisation, logons by the host's own console users (accounts with a type 2/11 logon on it)
 * are not judged: a workstation's user authenticating to their DC and file server is what the host does
 * every day, and the intrusion is already an alert of its own. Any other account coming from the host,
 * and any logon crossing into another organisation (MSP to tenant, tenant to MSP, tenant to tenant), is
 * the intrusion spreading. During sanctioned maintenance (window and ticket, allowed source) it is
 * written at level low with {@code original_level}: the ticketed change is what the logon is for, and
 * the analyst still sees that it came from a host with an open intrusion. Fires once per compromised
 * host and target host. VPN sessions are not judged
 * (their source is a public address).
 */
public final class CompromisedSource implements MspDetector {
    static final MspRule RULE = new MspRule(
            "msp-compromised-source",
            "Logon from a host with an intrusion detection",
            Level.CRITICAL,
            null,
            List.of("attack.lateral-movement", "attack.t1199", "attack.t1078"));

    @Override
    public MspRule rule() {
        return RULE;
    }

    @Override
    public void run(DetectionContext ctx, List<Detection> out) {
        List<Intrusion> intrusions = ctx.facts().intrusions;
        Duration window = ctx.settings().compromisedSourceWindow();
        Map<String, Intrusion> latest = new HashMap<>();
        Map<String, Set<String>> addresses = new HashMap<>();
        Set<String> fired = new HashSet<>();
        Map<String, Set<String>> consoleUsers = new HashMap<>();
        for (Access a : ctx.facts().accesses) {
            if (a.kind() == AccessKind.LOGON && (a.logonType() == 2 || a.logonType() == 11) && a.hostKey() != null) {
                consoleUsers
                        .computeIfAbsent(a.tenant() + ":" + a.hostKey(), k -> new HashSet<>())
                        .add(a.account().user().toLowerCase(Locale.ROOT));
            }
        }
        int next = 0;
        for (Access a : ctx.facts().accesses) {
            while (next < intrusions.size() && !intrusions.get(next).time().isAfter(a.time())) {
                Intrusion i = intrusions.get(next++);
                if (i.hostKey() != null) {
                    latest.put(i.tenant() + ":" + i.hostKey(), i);
                }
            }
            if (a.kind() == AccessKind.VPN || a.source() == null || latest.isEmpty()) {
                continue;
            }
            String sourceName = FieldText.shortHost(a.sourceHost());
            List<String> keys = new ArrayList<>(latest.keySet());
            keys.sort(null);
            for (String key : keys) {
                Intrusion i = latest.get(key);
                if (i.time().isBefore(a.time().minus(window))
                        || (i.hostKey().equals(a.hostKey()) && java.util.Objects.equals(i.tenant(), a.tenant()))) {
                    continue;
                }
                if (java.util.Objects.equals(i.tenant(), a.tenant())
                        && consoleUsers
                                .getOrDefault(i.tenant() + ":" + i.hostKey(), Set.of())
                                .contains(a.account().user().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                Set<String> ips = addresses.computeIfAbsent(
                        i.hostKey(), h -> ctx.facts().addresses.addressesOf(h));
                boolean byName = i.hostKey().equals(sourceName);
                boolean byAddress = a.sourceIp() != null && ips.contains(a.sourceIp());
                if (!byName && !byAddress) {
                    continue;
                }
                if (!fired.add(key + ">" + a.tenant() + ":" + a.hostKey())) {
                    continue;
                }
                Duration after = Duration.between(i.time(), a.time());
                String explanation = a.source() + " is " + i.host() + " ("
                        + (i.tenant() == null ? "unattributed" : i.tenant())
                        + "), which had '" + i.title() + "' (" + i.level().label() + ") " + TimeText.duration(after)
                        + " before " + AccessText.who(a) + " " + AccessText.verb(a) + " " + AccessText.host(a)
                        + (a.tenant() == null ? "" : " (" + a.tenant() + ")");
                Map<String, Object> msp = new LinkedHashMap<>();
                msp.put("source_host", i.host());
                msp.put("source_tenant", i.tenant());
                msp.put("matched_by", byName ? "workstation name" : "address " + a.sourceIp());
                msp.put("intrusion_rule", i.ruleId());
                msp.put("intrusion_level", i.level().label());
                msp.put("intrusion_time", TimeText.utc(i.time()));
                msp.put("target_host", a.host());
                String sanction = ctx.maintenance(a.tenant(), a.who(), a.sourceIp(), a.sourceHost(), a.time());
                if (sanction == null) {
                    out.add(RULE.detection(a.event(), a.tenant(), a.who().key(), explanation, msp));
                } else {
                    out.add(RULE.lowered(
                            a.event(),
                            a.tenant(),
                            a.who().key(),
                            explanation + "; sanctioned maintenance " + sanction,
                            msp));
                }
            }
        }
    }
}
