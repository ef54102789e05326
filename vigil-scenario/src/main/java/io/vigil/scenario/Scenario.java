package io.vigil.scenario;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The cast of the scenario (organisations, hosts, accounts, files) and the builders for the Windows events
 * every part of it emits, so that baseline and storylines produce events with the same fields and the same
 * conventions. All randomness comes from one seeded generator consumed in a fixed order.
 */
final class Scenario {
    static final Instant START = Instant.parse("2026-11-02T00:00:00Z");
    static final Instant END = Instant.parse("2026-11-20T00:00:00Z");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    static final String SECURITY = "Security";
    static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";
    static final String SYSTEM = "System";
    static final String APPLICATION = "Application";
    static final String POWERSHELL = "Microsoft-Windows-PowerShell/Operational";
    static final String RCM = "Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational";
    static final String LSM = "Microsoft-Windows-TerminalServices-LocalSessionManager/Operational";

    static final String MSP_SID = "S-1-5-21-1844237615-2180372143-1153240867";
    static final String ACME_SID = "S-1-5-21-3623811015-3361044348-30300820";
    static final String BETACO_SID = "S-1-5-21-2811334190-1529021187-4077212630";

    final SplittableRandom random;
    private long sequence;
    final Map<String, OutputFile> files = new LinkedHashMap<>();
    final Map<String, Host> hosts = new LinkedHashMap<>();
    final Map<String, Long> firstRecordIds = new LinkedHashMap<>();
    final List<PlannedGap> gaps = new ArrayList<>();

    // accounts
    final Account tNguyen = new Account("MSPCORP", "t.nguyen", MSP_SID + "-1187");
    final Account aKowalski = new Account("MSPCORP", "a.kowalski", MSP_SID + "-1203");
    final Account rOsei = new Account("MSPCORP", "r.osei", MSP_SID + "-1219");
    final Account svcRmm = new Account("MSPCORP", "svc-rmm", MSP_SID + "-1301");
    final Account mspBackup = new Account("MSPCORP", "svc-backup", MSP_SID + "-1302");
    final Account acmeTNguyen = new Account("ACME", "msp-tnguyen", ACME_SID + "-2104");
    final Account acmeAKowalski = new Account("ACME", "msp-akowalski", ACME_SID + "-2105");
    final Account acmeBackup = new Account("ACME", "svc-backup", ACME_SID + "-1605");
    final Account acmeAdmin = new Account("ACME", "it-admin", ACME_SID + "-1120");
    final Account betaMspAdmin = new Account("BETACO", "msp_admin", BETACO_SID + "-1450");
    final Account betaROsei = new Account("BETACO", "msp-rosei", BETACO_SID + "-1451");
    final Account betaBackup = new Account("BETACO", "svc-backup", BETACO_SID + "-1610");
    static final Account SYSTEM_ACCOUNT = new Account("NT AUTHORITY", "SYSTEM", "S-1-5-18");

    Scenario(long seed) {
        this.random = new SplittableRandom(seed);
        castHosts();
        castFiles();
    }

    // ---------------------------------------------------------------- cast

    private void castHosts() {
        msp("MSP-DC01", "10.10.0.10");
        msp("MSP-JMP01", "10.10.0.21");
        msp("MSP-RMM01", "10.10.0.40");
        msp("MSP-WS17", "10.10.5.17");
        msp("MSP-WS21", "10.10.5.21");
        msp("MSP-WS30", "10.10.5.30");
        acme("DC01", "10.20.0.10");
        acme("FS01", "10.20.1.11");
        acme("FS02", "10.20.1.12");
        acme("APP01", "10.20.2.21");
        acme("APP03", "10.20.2.23");
        for (int n = 10; n <= 45; n++) {
            acme("WS" + n, "10.20.10." + n);
        }
        betaco("DC01", "10.30.0.10");
        betaco("FS01", "10.30.1.11");
        betaco("SRV02", "10.30.1.22");
        betaco("SRV03", "10.30.1.23");
        betaco("APP01", "10.30.2.21");
    }

    private long skew() {
        // most clocks are a few seconds off; some drift by one to two minutes
        long magnitude = random.nextInt(10) < 7 ? 1_000 + random.nextInt(14_000) : 30_000 + random.nextInt(90_000);
        return random.nextBoolean() ? magnitude : -magnitude;
    }

    private void msp(String name, String ip) {
        add(new Host("msp", name, name + ".mspcorp.local", ip, "MSPCORP", skew()));
    }

    private void acme(String name, String ip) {
        add(new Host("acme", name, name.toLowerCase(Locale.ROOT) + ".acme.local", ip, "ACME", skew()));
    }

    private void betaco(String name, String ip) {
        add(new Host("betaco", name, name, ip, "BETACO", skew()));
    }

    private void add(Host h) {
        hosts.put(h.org() + "/" + h.name(), h);
        for (String channel : List.of(SECURITY, SYSMON, SYSTEM, APPLICATION, POWERSHELL, RCM, LSM)) {
            firstRecordIds.put(h.org() + "|" + h.name() + "|" + channel, 1_000L + random.nextInt(900_000));
        }
    }

    Host host(String org, String name) {
        Host h = hosts.get(org + "/" + name);
        if (h == null) {
            throw new IllegalArgumentException("no host " + org + "/" + name);
        }
        return h;
    }

    List<Host> hosts(String org) {
        return hosts.values().stream().filter(h -> h.org().equals(org)).toList();
    }

    private void castFiles() {
        file("mspcorp/security.jsonl.gz", EventShape.FLAT);
        file("mspcorp/sysmon.ndjson.gz", EventShape.ECS);
        file("mspcorp/system.jsonl.gz", EventShape.FLAT);
        file("mspcorp/vpn.jsonl.gz", null);
        file("mspcorp/flows.jsonl.gz", null);
        file("acme/security.json.gz", EventShape.EVTX_DUMP);
        file("acme/sysmon.ndjson.gz", EventShape.ECS);
        file("acme/system.jsonl.gz", EventShape.FLAT);
        file("acme/terminalservices.jsonl.gz", EventShape.FLAT);
        file("acme/powershell.jsonl.gz", EventShape.FLAT);
        file("acme/vpn.jsonl.gz", null);
        file("betaco/security.jsonl.gz", EventShape.FLAT);
        file("betaco/sysmon.ndjson.gz", EventShape.ECS);
        file("betaco/system.jsonl.gz", EventShape.FLAT);
        file("betaco/application.jsonl.gz", EventShape.FLAT);
        file("betaco/powershell.jsonl.gz", EventShape.FLAT);
        file("betaco/vpn.jsonl.gz", null);
    }

    private void file(String path, EventShape shape) {
        files.put(path, new OutputFile(path, shape));
    }

    private static String folder(String org) {
        return org.equals("msp") ? "mspcorp" : org;
    }

    private OutputFile fileFor(Host h, String channel) {
        String base = switch (channel) {
            case SECURITY -> h.org().equals("acme") ? "security.json.gz" : "security.jsonl.gz";
            case SYSMON -> "sysmon.ndjson.gz";
            case SYSTEM -> "system.jsonl.gz";
            case APPLICATION -> "application.jsonl.gz";
            case POWERSHELL -> "powershell.jsonl.gz";
            case RCM, LSM -> "terminalservices.jsonl.gz";
            default -> throw new IllegalArgumentException(channel);
        };
        OutputFile f = files.get(folder(h.org()) + "/" + base);
        if (f == null) {
            throw new IllegalArgumentException("no " + channel + " file for " + h.org());
        }
        return f;
    }

    // ---------------------------------------------------------------- generic builders

    WinEvent event(Host h, String channel, int id, Instant t) {
        String provider = switch (channel) {
            case SECURITY -> id == 1102 ? "Microsoft-Windows-Eventlog" : "Microsoft-Windows-Security-Auditing";
            case SYSMON -> "Microsoft-Windows-Sysmon";
            case POWERSHELL -> "Microsoft-Windows-PowerShell";
            case RCM -> "Microsoft-Windows-TerminalServices-RemoteConnectionManager";
            case LSM -> "Microsoft-Windows-TerminalServices-LocalSessionManager";
            case APPLICATION -> "ESENT";
            default -> id == 104 ? "Microsoft-Windows-Eventlog" : "Service Control Manager";
        };
        WinEvent e = new WinEvent(h, channel, provider, id, t, sequence++);
        fileFor(h, channel).events.add(e);
        return e;
    }

    NetRecord record(String path, Instant t) {
        NetRecord r = new NetRecord(t, sequence++);
        files.get(path).records.add(r);
        return r;
    }

    String logonId() {
        return "0x" + Long.toHexString(0x100000L + random.nextLong(0x7ffffffL));
    }

    String guid() {
        return String.format(
                Locale.ROOT,
                "{%08X-%04X-%04X-%04X-%012X}",
                random.nextLong(1L << 32),
                random.nextInt(1 << 16),
                random.nextInt(1 << 16),
                random.nextInt(1 << 16),
                random.nextLong(1L << 48));
    }

    static String utc(Instant t) {
        return EventShape.MILLIS.format(t);
    }

    static String sysmonTime(Instant t) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                .withZone(ZoneOffset.UTC)
                .format(t);
    }

    static String withOffset(Instant t, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone).withNano(0));
    }

    /** Stable fake file hashes: derived from the name so that one binary has one hash everywhere. */
    static String hashes(String image) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256")
                    .digest(image.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            byte[] md5 = MessageDigest.getInstance("MD5")
                    .digest(image.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            HexFormat hex = HexFormat.of().withUpperCase();
            return "MD5=" + hex.formatHex(md5) + ",SHA256=" + hex.formatHex(sha) + ",IMPHASH="
                    + hex.formatHex(md5).substring(0, 16) + hex.formatHex(sha).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Instant at(LocalDate day, ZoneId zone, int hour, int minute) {
        return day.atTime(hour, minute).atZone(zone).toInstant();
    }

    // ---------------------------------------------------------------- Security

    /** 4624; returns the new logon id. */
    String logon(Host h, Instant t, Account who, int type, String ip, String workstation, String auth, Label l) {
        String id = logonId();
        boolean network = type == 3;
        event(h, SECURITY, 4624, t)
                .put("SubjectUserSid", network ? "S-1-0-0" : "S-1-5-18")
                .put("SubjectUserName", network ? "-" : h.machineAccount())
                .put("SubjectDomainName", network ? "-" : h.domain())
                .put("SubjectLogonId", network ? "0x0" : "0x3e7")
                .put("TargetUserSid", who.sid())
                .put("TargetUserName", who.user())
                .put("TargetDomainName", who.domain())
                .put("TargetLogonId", id)
                .put("LogonType", Integer.toString(type))
                .put(
                        "LogonProcessName",
                        auth.equals("NTLM") ? "NtLmSsp " : type == 5 ? "Advapi  " : type == 3 ? "Kerberos" : "User32 ")
                .put("AuthenticationPackageName", auth)
                .put("WorkstationName", workstation)
                .put("LogonGuid", auth.equals("Kerberos") ? guid() : "{00000000-0000-0000-0000-000000000000}")
                .put("LmPackageName", auth.equals("NTLM") ? "NTLM V2" : "-")
                .put("KeyLength", auth.equals("NTLM") ? "128" : "0")
                .put("ProcessId", network ? "0x0" : type == 5 ? "0x2a8" : "0x3f4")
                .put(
                        "ProcessName",
                        network
                                ? "-"
                                : type == 5
                                        ? "C:\\Windows\\System32\\services.exe"
                                        : "C:\\Windows\\System32\\svchost.exe")
                .put("IpAddress", ip)
                .put(
                        "IpPort",
                        ip.equals("-") || ip.equals("127.0.0.1")
                                ? "0"
                                : Integer.toString(49152 + random.nextInt(16000)))
                .put("ImpersonationLevel", "%%1833")
                .put("ElevatedToken", "%%1842")
                .label(l);
        return id;
    }

    void privileges(Host h, Instant t, Account who, String logonId, Label l) {
        event(h, SECURITY, 4672, t)
                .put("SubjectUserSid", who.sid())
                .put("SubjectUserName", who.user())
                .put("SubjectDomainName", who.domain())
                .put("SubjectLogonId", logonId)
                .put(
                        "PrivilegeList",
                        "SeSecurityPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeRestorePrivilege\n\t\t\tSeTakeOwnershipPrivilege\n\t\t\tSeDebugPrivilege\n\t\t\tSeSystemEnvironmentPrivilege\n\t\t\tSeLoadDriverPrivilege\n\t\t\tSeImpersonatePrivilege")
                .label(l);
    }

    void logoff(Host h, Instant t, Account who, String logonId, int type) {
        event(h, SECURITY, 4634, t)
                .put("TargetUserSid", who.sid())
                .put("TargetUserName", who.user())
                .put("TargetDomainName", who.domain())
                .put("TargetLogonId", logonId)
                .put("LogonType", Integer.toString(type));
    }

    static String realm(Account who) {
        return who.domain() + ".LOCAL";
    }

    void tgt(Host dc, Instant t, Account who, String ip, Label l) {
        event(dc, SECURITY, 4768, t)
                .put("TargetUserName", who.user())
                .put("TargetDomainName", realm(who))
                .put("TargetSid", who.sid())
                .put("ServiceName", "krbtgt")
                .put(
                        "ServiceSid",
                        dc.domain().equals("ACME")
                                ? ACME_SID + "-502"
                                : dc.domain().equals("BETACO") ? BETACO_SID + "-502" : MSP_SID + "-502")
                .put("TicketOptions", "0x40810010")
                .put("Status", "0x0")
                .put("TicketEncryptionType", "0x12")
                .put("PreAuthType", "2")
                .put("IpAddress", "::ffff:" + ip)
                .put("IpPort", Integer.toString(49152 + random.nextInt(16000)))
                .put("CertIssuerName", "")
                .put("CertSerialNumber", "")
                .put("CertThumbprint", "")
                .label(l);
    }

    void ticket(Host dc, Instant t, Account who, String service, String ip, Label l) {
        event(dc, SECURITY, 4769, t)
                .put("TargetUserName", who.user() + "@" + realm(who))
                .put("TargetDomainName", realm(who))
                .put("ServiceName", service)
                .put(
                        "ServiceSid",
                        dc.domain().equals("ACME")
                                ? ACME_SID + "-1" + random.nextInt(900, 999)
                                : dc.domain().equals("BETACO")
                                        ? BETACO_SID + "-1" + random.nextInt(900, 999)
                                        : MSP_SID + "-1" + random.nextInt(900, 999))
                .put("TicketOptions", "0x40810000")
                .put("TicketEncryptionType", "0x12")
                .put("IpAddress", "::ffff:" + ip)
                .put("IpPort", Integer.toString(49152 + random.nextInt(16000)))
                .put("Status", "0x0")
                .put("LogonGuid", guid())
                .put("TransmittedServices", "-")
                .label(l);
    }

    void share(
            Host h,
            Instant t,
            Account who,
            String logonId,
            String ip,
            String share,
            String relative,
            String access,
            Label l) {
        event(h, SECURITY, 5145, t)
                .put("SubjectUserSid", who.sid())
                .put("SubjectUserName", who.user())
                .put("SubjectDomainName", who.domain())
                .put("SubjectLogonId", logonId)
                .put("ObjectType", "File")
                .put("IpAddress", ip)
                .put("IpPort", Integer.toString(49152 + random.nextInt(16000)))
                .put("ShareName", "\\\\*\\" + share)
                .put(
                        "ShareLocalPath",
                        share.equals("IPC$")
                                ? ""
                                : share.equals("ADMIN$")
                                        ? "\\??\\C:\\Windows"
                                        : share.equals("C$") ? "\\??\\C:\\" : "\\??\\D:\\Shares\\" + share)
                .put("RelativeTargetName", relative)
                .put("AccessMask", access.equals("WriteData") ? "0x2" : "0x1")
                .put("AccessList", access.equals("WriteData") ? "%%4417\n\t\t\t\t" : "%%4416\n\t\t\t\t")
                .put("AccessReason", "-")
                .label(l);
    }

    // ---------------------------------------------------------------- processes

    /** A process start as Security 4688 and Sysmon 1 (both carry the label). */
    void process(
            Host h,
            Instant t,
            Account who,
            String logonId,
            String image,
            String commandLine,
            String parentImage,
            String parentCommandLine,
            Label l) {
        long pid = 1000 + random.nextInt(14000);
        long parentPid = 500 + random.nextInt(9000);
        boolean system = who == SYSTEM_ACCOUNT;
        event(h, SECURITY, 4688, t)
                .put("SubjectUserSid", system ? "S-1-5-18" : who.sid())
                .put("SubjectUserName", system ? h.machineAccount() : who.user())
                .put("SubjectDomainName", system ? h.domain() : who.domain())
                .put("SubjectLogonId", system ? "0x3e7" : logonId)
                .put("NewProcessId", "0x" + Long.toHexString(pid))
                .put("NewProcessName", image)
                .put("TokenElevationType", "%%1936")
                .put("ProcessId", "0x" + Long.toHexString(parentPid))
                .put("CommandLine", commandLine)
                .put("TargetUserSid", "S-1-0-0")
                .put("TargetUserName", "-")
                .put("TargetDomainName", "-")
                .put("TargetLogonId", "0x0")
                .put("ParentProcessName", parentImage)
                .put("MandatoryLabel", system ? "S-1-16-16384" : "S-1-16-12288")
                .label(l);
        Instant st = t.minusMillis(3 + random.nextInt(40));
        event(h, SYSMON, 1, st)
                .put("RuleName", "-")
                .put("UtcTime", sysmonTime(st.plusMillis(h.skewMillis())))
                .put("ProcessGuid", guid())
                .put("ProcessId", pid)
                .put("Image", image)
                .put("OriginalFileName", originalName(image))
                .put("CommandLine", commandLine)
                .put("CurrentDirectory", system ? "C:\\Windows\\system32\\" : "C:\\Users\\" + who.user() + "\\")
                .put("User", system ? "NT AUTHORITY\\SYSTEM" : who.toString())
                .put("LogonGuid", guid())
                .put("LogonId", system ? "0x3e7" : logonId)
                .put("TerminalSessionId", system ? 0L : 2L)
                .put("IntegrityLevel", system ? "System" : "High")
                .put("Hashes", hashes(image))
                .put("ParentProcessGuid", guid())
                .put("ParentProcessId", parentPid)
                .put("ParentImage", parentImage)
                .put("ParentCommandLine", parentCommandLine)
                .put("ParentUser", system ? "NT AUTHORITY\\SYSTEM" : who.toString())
                .label(l);
    }

    private static String originalName(String image) {
        String name = image.substring(image.lastIndexOf('\\') + 1);
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "certutil.exe" -> "CertUtil.exe";
            case "winword.exe" -> "WinWord.exe";
            case "net.exe" -> "net.exe";
            case "rar.exe" -> "Rar.exe";
            case "7z.exe" -> "7z.exe";
            default -> name;
        };
    }

    WinEvent connection(
            Host h, Instant t, String image, String user, String dstIp, int dstPort, String dstHost, Label l) {
        return event(h, SYSMON, 3, t)
                .put("RuleName", "-")
                .put("UtcTime", sysmonTime(t.plusMillis(h.skewMillis())))
                .put("ProcessGuid", guid())
                .put("ProcessId", (long) (1000 + random.nextInt(14000)))
                .put("Image", image)
                .put("User", user)
                .put("Protocol", "tcp")
                .put("Initiated", "true")
                .put("SourceIsIpv6", "false")
                .put("SourceIp", h.ip())
                .put("SourcePort", (long) (49152 + random.nextInt(16000)))
                .put("DestinationIsIpv6", "false")
                .put("DestinationIp", dstIp)
                .put("DestinationHostname", dstHost)
                .put("DestinationPort", (long) dstPort)
                .label(l);
    }

    WinEvent dns(Host h, Instant t, String image, String query, String answer, Label l) {
        return event(h, SYSMON, 22, t)
                .put("RuleName", "-")
                .put("UtcTime", sysmonTime(t.plusMillis(h.skewMillis())))
                .put("ProcessGuid", guid())
                .put("ProcessId", (long) (1000 + random.nextInt(14000)))
                .put("QueryName", query)
                .put("QueryStatus", "0")
                .put("QueryResults", "::ffff:" + answer + ";")
                .put("Image", image)
                .label(l);
    }

    WinEvent serviceInstall(Host h, Instant t, String name, String imagePath, String account, Label l) {
        return event(h, SYSTEM, 7045, t)
                .put("ServiceName", name)
                .put("ImagePath", imagePath)
                .put("ServiceType", "user mode service")
                .put("StartType", "demand start")
                .put("AccountName", account)
                .label(l);
    }

    WinEvent serviceState(Host h, Instant t, String name, String state, Label l) {
        return event(h, SYSTEM, 7036, t)
                .put("param1", name)
                .put("param2", state)
                .label(l);
    }

    /** The tenant's VPN/RD gateway log path for an organisation. */
    static String vpnPath(String org) {
        return folder(org) + "/vpn.jsonl.gz";
    }

    NetRecord vpn(
            String org,
            Instant start,
            Instant end,
            ZoneId zone,
            String user,
            String src,
            String assigned,
            String mfa,
            Label l) {
        return record(vpnPath(org), start)
                .put("log_type", "vpn_session")
                .put("start", withOffset(start, zone))
                .put("end", withOffset(end, zone))
                .put("user", user)
                .put("src_ip", src)
                .put("assigned_ip", assigned)
                .put("bytes_in", (long) (2_000_000 + random.nextInt(80_000_000)))
                .put("bytes_out", (long) (500_000 + random.nextInt(20_000_000)))
                .put("mfa", mfa)
                .put("gateway", org.equals("msp") ? "msp-vpn01" : org.equals("acme") ? "acme-asa01" : "betaco-rdgw01")
                .label(l);
    }

    NetRecord flow(Instant t, String src, String dst, int port, long bytes, int duration, Label l) {
        return record("mspcorp/flows.jsonl.gz", t)
                .put("log_type", "flow")
                .put("time", utc(t))
                .put("src_ip", src)
                .put("dst_ip", dst)
                .put("dst_port", (long) port)
                .put("bytes", bytes)
                .put("duration_s", (long) duration)
                .put("sensor", "msp-fw01")
                .label(l);
    }
}
