package io.vigil.msp.activity;

import io.vigil.core.event.Event;
import io.vigil.msp.attribute.Attribution;
import io.vigil.msp.register.AccountName;
import io.vigil.msp.register.NamedHost;
import io.vigil.msp.register.Organisation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Turns one event into the compact facts the MSP detectors need (see docs/msp-detections.md, "Facts"),
 * adding them to a {@link Facts}. Events without an event time give no facts.
 */
public final class FactExtractor {
    private static final String RCM = "Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational";
    private static final String LSM = "Microsoft-Windows-TerminalServices-LocalSessionManager/Operational";
    private static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";
    private static final String POWERSHELL = "Microsoft-Windows-PowerShell/Operational";

    private final Attribution attribution;
    private final Facts facts;

    public FactExtractor(Attribution attribution, Facts facts) {
        this.attribution = attribution;
        this.facts = facts;
        for (NamedHost h : attribution.register().msp().jumpHosts()) {
            facts.addresses.learn(h.name(), h.ip());
        }
        for (NamedHost h : attribution.register().msp().rmmServers()) {
            facts.addresses.learn(h.name(), h.ip());
        }
    }

    /**
     * Adds the facts of {@code e}, attributed to {@code org} (null when unattributed).
     *
     * @param detected the event carried at least one single-event detection
     */
    public void extract(Event e, Organisation org, boolean detected) {
        Instant t = e.timestamp();
        if (t == null) {
            return;
        }
        String tenant = org == null ? null : org.id();
        String computer = FieldText.text(e, "Computer");
        String channel = FieldText.text(e, "Channel");
        long id = FieldText.number(e, "EventID", -1);
        if (tenant != null && computer != null) {
            facts.hours.add(tenant, computer, t, e.provenance());
        }
        if (computer != null && channel != null) {
            long rec = FieldText.number(e, "EventRecordID", e.provenance().record());
            if (rec >= 0) {
                String scope = tenant != null ? tenant : "?" + e.provenance().path();
                facts.records.add(
                        new RecordStreams.Key(scope, FieldText.shortHost(computer), channel.toLowerCase(Locale.ROOT)),
                        tenant,
                        computer,
                        rec,
                        t,
                        e);
            }
        }
        String logType = FieldText.text(e, "log_type");
        if ("vpn_session".equals(logType) || (logType == null && e.has("user") && e.has("assigned_ip"))) {
            vpn(e, t, tenant);
            return;
        }
        if ("flow".equals(logType) || (logType == null && e.has("dst_ip") && e.has("bytes"))) {
            flow(e, t);
            return;
        }
        if (channel == null) {
            return;
        }
        switch (channel) {
            case "Security" -> security(e, id, t, tenant, computer, detected);
            case "System" -> system(e, id, t, tenant, computer);
            case RCM -> {
                if (id == 1149) {
                    access(AccessKind.RDP, e, t, tenant, computer, -1, null);
                }
            }
            case LSM -> {
                if (id == 21 || id == 25) {
                    access(AccessKind.RDP_SESSION, e, t, tenant, computer, -1, null);
                }
            }
            case SYSMON -> sysmon(e, id, t, tenant, computer, detected);
            case POWERSHELL -> {
                if (id == 4104 && tenant != null) {
                    String text = FieldText.text(e, "ScriptBlockText");
                    if (text != null) {
                        facts.artifacts.add(
                                new Artifact(t, tenant, computer, "script", "SHA256=" + sha256(text), detected, e));
                    }
                }
            }
            default -> {}
        }
    }

    private void security(Event e, long id, Instant t, String tenant, String computer, boolean detected) {
        if (id == 4624 || id == 4625) {
            facts.addresses.learn(FieldText.text(e, "WorkstationName"), FieldText.text(e, "IpAddress"));
        }
        if (id == 4624) {
            int type = (int) FieldText.number(e, "LogonType", -1);
            access(AccessKind.LOGON, e, t, tenant, computer, type, FieldText.text(e, "TargetLogonId"));
        } else if (id == 4768 || id == 4776) {
            long status = FieldText.number(e, "Status", 0);
            if (status == 0) {
                access(id == 4768 ? AccessKind.KERBEROS : AccessKind.NTLM, e, t, tenant, computer, -1, null);
            }
        } else if (id == 4778) {
            access(AccessKind.RDP_RECONNECT, e, t, tenant, computer, 7, FieldText.text(e, "LogonID"));
        } else if (id == 4779) {
            String logonId = FieldText.text(e, "LogonID");
            if (logonId != null && computer != null) {
                facts.logoffs.add(new Logoff(t, tenant, FieldText.shortHost(computer), logonId, e.provenance()));
            }
        } else if (id == 4634 || id == 4647) {
            int type = (int) FieldText.number(e, "LogonType", id == 4647 ? 2 : -1);
            String logonId = FieldText.text(e, "TargetLogonId");
            if ((type == 2 || type == 10 || type == 11) && logonId != null && computer != null) {
                facts.logoffs.add(new Logoff(t, tenant, FieldText.shortHost(computer), logonId, e.provenance()));
            }
        } else if (id == 4720 || id == 4728 || id == 4732 || id == 4756 || id == 4738) {
            Actor actor = Actor.of(e);
            if (actor != null) {
                boolean membership = id != 4720 && id != 4738;
                String target = membership
                        ? first(FieldText.text(e, "MemberName"), FieldText.text(e, "MemberSid"))
                        : FieldText.text(e, "TargetUserName");
                String group = membership ? FieldText.text(e, "TargetUserName") : null;
                facts.changes.add(new PrivilegedChange(t, tenant, computer, id, actor, who(actor), target, group, e));
            }
        } else if (id == 1102) {
            facts.clears.add(new LogClear(t, tenant, computer, Actor.of(e), e));
        } else if (id == 4698) {
            Actor actor = Actor.of(e);
            facts.remoteExecs.add(new RemoteExec(t, tenant, computer, "task", actor, who(actor), e));
        } else if (id == 4688 && endsWith(FieldText.text(e, "ParentProcessName"), "\\wmiprvse.exe")) {
            Actor actor = Actor.of(e);
            facts.remoteExecs.add(new RemoteExec(t, tenant, computer, "wmi", actor, who(actor), e));
        }
    }

    private void system(Event e, long id, Instant t, String tenant, String computer) {
        if (id == 104) {
            facts.clears.add(new LogClear(t, tenant, computer, Actor.of(e), e));
        } else if (id == 7045) {
            String name = FieldText.text(e, "ServiceName");
            String image = FieldText.text(e, "ImagePath");
            if ((name != null && name.equalsIgnoreCase("PSEXESVC"))
                    || (image != null && image.toLowerCase(Locale.ROOT).contains("psexesvc"))) {
                facts.remoteExecs.add(new RemoteExec(t, tenant, computer, "psexec", null, ActorIdentity.NONE, e));
            }
        }
    }

    private void sysmon(Event e, long id, Instant t, String tenant, String computer, boolean detected) {
        if (id == 3) {
            Object initiated = e.get("Initiated");
            boolean out = initiated instanceof Boolean b ? b : "true".equalsIgnoreCase(String.valueOf(initiated));
            facts.addresses.learn(computer, FieldText.text(e, out ? "SourceIp" : "DestinationIp"));
            facts.addresses.learn(FieldText.text(e, "SourceHostname"), FieldText.text(e, "SourceIp"));
        }
        if (id == 1 && endsWith(FieldText.text(e, "ParentImage"), "\\wmiprvse.exe")) {
            Actor actor = Actor.of(e);
            facts.remoteExecs.add(new RemoteExec(t, tenant, computer, "wmi", actor, who(actor), e));
        }
        String hashes = FieldText.text(e, "Hashes");
        if (hashes != null && tenant != null) {
            String signed = FieldText.text(e, "Signed");
            if ("true".equalsIgnoreCase(signed) || stockWindowsBinary(e)) {
                return;
            }
            String hash = strongestHash(hashes);
            if (hash != null) {
                boolean suspicious = detected || "false".equalsIgnoreCase(signed);
                facts.artifacts.add(new Artifact(t, tenant, computer, "file", hash, suspicious, e));
            }
        }
    }

    /**
     * A process image in System32/SysWOW64 whose {@code OriginalFileName} is its own file name: the
     * operating system's binary, the same file in every organisation. Sysmon 1 carries no signature, and a
     * detection on its command line (net group, cmd /c) says nothing about the file. A renamed or
     * masquerading copy (another OriginalFileName, or none) is still recorded.
     */
    private static boolean stockWindowsBinary(Event e) {
        String image = FieldText.text(e, "Image");
        String original = FieldText.text(e, "OriginalFileName");
        if (image == null || original == null) {
            return false;
        }
        String lower = image.toLowerCase(java.util.Locale.ROOT);
        boolean system = lower.startsWith("c:\\windows\\system32\\") || lower.startsWith("c:\\windows\\syswow64\\");
        return system && lower.endsWith("\\" + original.toLowerCase(java.util.Locale.ROOT));
    }

    private void vpn(Event e, Instant t, String tenant) {
        String user = FieldText.text(e, "user");
        if (user == null) {
            return;
        }
        AccountName account = AccountName.parse(user);
        String src = FieldText.usableIp(FieldText.text(e, "src_ip"));
        facts.accesses.add(new Access(
                AccessKind.VPN,
                t,
                FieldText.instant(e, "end"),
                tenant,
                FieldText.text(e, "gateway"),
                account,
                ActorIdentity.of(attribution.identitiesOf(account), src, null),
                src,
                null,
                -1,
                null,
                FieldText.text(e, "mfa"),
                FieldText.usableIp(FieldText.text(e, "assigned_ip")),
                e));
    }

    private void flow(Event e, Instant t) {
        String src = FieldText.usableIp(FieldText.text(e, "src_ip"));
        String dst = FieldText.usableIp(FieldText.text(e, "dst_ip"));
        long bytes = FieldText.number(e, "bytes", -1);
        if (src == null || dst == null || bytes < 0) {
            return;
        }
        Organisation msp = attribution.register().msp();
        if (msp.ownsAddress(src) || msp.ownsAddress(dst)) {
            facts.flows.add(new Flow(t, src, dst, bytes, e));
        }
    }

    private void access(AccessKind kind, Event e, Instant t, String tenant, String computer, int type, String logonId) {
        Actor actor = Actor.of(e);
        if (actor == null) {
            return;
        }
        facts.accesses.add(new Access(
                kind,
                t,
                null,
                tenant,
                computer,
                actor.account(),
                who(actor),
                actor.sourceIp(),
                actor.sourceHost(),
                type,
                logonId,
                null,
                null,
                e));
    }

    /** The MSP identities of an actor, resolved by its source. */
    public ActorIdentity who(Actor actor) {
        if (actor == null) {
            return ActorIdentity.NONE;
        }
        return ActorIdentity.of(attribution.identitiesOf(actor.account()), actor.sourceIp(), actor.sourceHost());
    }

    /** {@code SHA256=...}, else SHA1, else MD5 from a Sysmon {@code Hashes} value; IMPHASH is never used. */
    static String strongestHash(String hashes) {
        String best = null;
        int bestRank = 0;
        int start = 0;
        while (start < hashes.length()) {
            int comma = hashes.indexOf(',', start);
            String part = (comma < 0 ? hashes.substring(start) : hashes.substring(start, comma)).trim();
            start = comma < 0 ? hashes.length() : comma + 1;
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String algo = part.substring(0, eq).toUpperCase(Locale.ROOT);
            String value = part.substring(eq + 1).toLowerCase(Locale.ROOT);
            int rank = switch (algo) {
                case "SHA256" -> 3;
                case "SHA1" -> 2;
                case "MD5" -> 1;
                default -> 0;
            };
            if (rank > bestRank && !value.isEmpty()) {
                best = algo + "=" + value;
                bestRank = rank;
            }
        }
        return best;
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
        }
    }

    private static boolean endsWith(String s, String suffix) {
        return s != null && s.toLowerCase(Locale.ROOT).endsWith(suffix);
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
