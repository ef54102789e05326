package io.vigil.scenario;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Weeks of benign activity for every host and identity: machine-account and user logons with their Kerberos
 * tickets, service and RMM logons, ordinary processes and traffic, MSP technicians working in their shifts
 * (BETACO in its business hours, ACME only inside its Saturday window) and daily egress flows. None of it
 * is labelled: everything here is implicitly benign.
 */
final class Baseline {
    private static final String BROWSER = "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe";
    private static final String OUTLOOK = "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE";
    private static final String EXPLORER = "C:\\Windows\\explorer.exe";
    private static final String USERINIT = "C:\\Windows\\System32\\userinit.exe";
    private static final String SVCHOST = "C:\\Windows\\System32\\svchost.exe";
    private static final String SERVICES = "C:\\Windows\\System32\\services.exe";
    private static final String BACKUP = "C:\\Program Files\\Veeam\\Endpoint Backup\\Veeam.EndPoint.Service.exe";
    private static final String RMM_AGENT = "C:\\Program Files\\MSPCORP RMM\\rmmagent.exe";
    private static final List<String> ACME_USERS = List.of(
            "jmiller",
            "sgarcia",
            "dpatel",
            "lwong",
            "mrossi",
            "kbrown",
            "tjohnson",
            "aschmidt",
            "rlopez",
            "ncohen",
            "pdubois",
            "ejones",
            "hkim",
            "bsmith",
            "cmartin",
            "fmoreau",
            "gsilva",
            "ivanov",
            "jlee",
            "kdavis",
            "lwilson",
            "mthomas",
            "nclark",
            "oyoung",
            "phall",
            "qallen",
            "rking",
            "swright",
            "tscott",
            "ugreen",
            "vbaker",
            "wadams",
            "xnelson",
            "ycarter",
            "zmitchell",
            "aperez");

    private final Scenario s;

    Baseline(Scenario s) {
        this.s = s;
    }

    void generate() {
        for (LocalDate day = LocalDate.of(2026, 11, 2);
                day.isBefore(LocalDate.of(2026, 11, 20));
                day = day.plusDays(1)) {
            for (String org : List.of("msp", "acme", "betaco")) {
                machineAccounts(org, day);
                servers(org, day);
            }
            acmeUsers(day);
            betacoUsers(day);
            technicians(day);
            flows(day);
        }
    }

    private Instant time(LocalDate day, ZoneId zone, int hourFrom, int hourTo) {
        int minutes = hourFrom * 60 + s.random.nextInt((hourTo - hourFrom) * 60);
        return Scenario.at(day, zone, 0, 0)
                .plusSeconds(minutes * 60L + s.random.nextInt(60))
                .plusMillis(s.random.nextInt(1000));
    }

    private Host dc(String org) {
        return s.host(org, org.equals("msp") ? "MSP-DC01" : "DC01");
    }

    private static boolean isServer(Host h) {
        return !h.name().contains("WS");
    }

    private void machineAccounts(String org, LocalDate day) {
        Host dc = dc(org);
        for (Host h : s.hosts(org)) {
            if (h == dc) {
                continue;
            }
            Account machine = new Account(
                    h.domain(),
                    h.machineAccount(),
                    sidOf(org) + "-" + (3000 + Math.abs(h.name().hashCode() % 900)));
            for (int i = 0; i < 3; i++) {
                Instant t = time(day, ZoneOffset.UTC, 0, 24);
                s.ticket(dc, t, machine, dc.machineAccount(), h.ip(), null);
                String id = s.logon(
                        dc, t.plusMillis(30 + s.random.nextInt(200)), machine, 3, h.ip(), "-", "Kerberos", null);
                s.logoff(dc, t.plusSeconds(1 + s.random.nextInt(20)), machine, id, 3);
            }
        }
    }

    private static String sidOf(String org) {
        return org.equals("msp") ? Scenario.MSP_SID : org.equals("acme") ? Scenario.ACME_SID : Scenario.BETACO_SID;
    }

    private static ZoneId zone(String org) {
        return org.equals("msp") ? ZoneOffset.UTC : org.equals("acme") ? Scenario.NEW_YORK : Scenario.TOKYO;
    }

    private void servers(String org, LocalDate day) {
        Account backup = org.equals("msp") ? s.mspBackup : org.equals("acme") ? s.acmeBackup : s.betaBackup;
        List<Host> servers = s.hosts(org).stream().filter(Baseline::isServer).toList();
        int slot = 0;
        for (Host h : servers) {
            // nightly backup: service logon, privileges, agent process, logoff
            Instant t = Scenario.at(day, zone(org), 1, 0).plusSeconds(s.random.nextInt(3000));
            String id = s.logon(h, t, backup, 5, "-", "-", "Negotiate", null);
            s.privileges(h, t.plusMillis(2), backup, id, null);
            s.process(
                    h,
                    t.plusSeconds(2),
                    backup,
                    id,
                    BACKUP,
                    "\"" + BACKUP + "\" -job nightly",
                    SERVICES,
                    "C:\\Windows\\system32\\services.exe",
                    null);
            s.logoff(h, t.plusSeconds(1800 + s.random.nextInt(2400)), backup, id, 5);
            // housekeeping processes and update traffic
            for (int i = 0; i < 3; i++) {
                Instant p = time(day, ZoneOffset.UTC, 0, 24);
                s.process(
                        h,
                        p,
                        Scenario.SYSTEM_ACCOUNT,
                        "0x3e7",
                        SVCHOST,
                        i == 0
                                ? "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule"
                                : i == 1
                                        ? "C:\\Windows\\system32\\svchost.exe -k NetworkService -p -s Dnscache"
                                        : "C:\\Windows\\system32\\svchost.exe -k wusvcs -p -s WaaSMedicSvc",
                        SERVICES,
                        "C:\\Windows\\system32\\services.exe",
                        null);
            }
            Instant u = time(day, ZoneOffset.UTC, 0, 24);
            s.dns(h, u, SVCHOST, "settings-win.data.microsoft.com", "198.18.7.21", null);
            s.connection(
                    h,
                    u.plusMillis(150),
                    SVCHOST,
                    "NT AUTHORITY\\NETWORK SERVICE",
                    "198.18.7.21",
                    443,
                    "settings-win.data.microsoft.com",
                    null);
            // the RMM server checks in once a day, each server in its own hour so no fan-out appears
            if (!org.equals("msp") || !h.name().equals("MSP-RMM01")) {
                Instant r =
                        Scenario.at(day, ZoneOffset.UTC, (3 + slot * 4) % 24, 0).plusSeconds(s.random.nextInt(3000));
                String rid = s.logon(h, r, s.svcRmm, 3, "10.10.0.40", "MSP-RMM01", "NTLM", null);
                s.logoff(h, r.plusSeconds(3 + s.random.nextInt(30)), s.svcRmm, rid, 3);
                slot++;
            }
            for (int i = 0; i < 2; i++) {
                s.connection(
                        h,
                        time(day, ZoneOffset.UTC, 0, 24),
                        RMM_AGENT,
                        "NT AUTHORITY\\SYSTEM",
                        "10.10.0.40",
                        8443,
                        "msp-rmm01.mspcorp.local",
                        null);
            }
            if (s.random.nextInt(4) == 0) {
                s.serviceState(h, time(day, ZoneOffset.UTC, 0, 24), "Windows Update", "running", null);
            }
        }
    }

    private void acmeUsers(LocalDate day) {
        if (weekend(day)) {
            return;
        }
        Host dc = dc("acme");
        Host fs = s.host("acme", "FS01");
        List<Host> workstations =
                s.hosts("acme").stream().filter(h -> !isServer(h)).toList();
        for (int i = 0; i < workstations.size(); i++) {
            Host ws = workstations.get(i);
            Account user = new Account("ACME", ACME_USERS.get(i), Scenario.ACME_SID + "-" + (1400 + i));
            userDay(ws, dc, fs, user, time(day, Scenario.NEW_YORK, 8, 9), 8 * 3600 + s.random.nextInt(3600));
        }
    }

    private void userDay(Host ws, Host dc, Host fs, Account user, Instant start, int seconds) {
        s.tgt(dc, start.minusSeconds(2), user, ws.ip(), null);
        s.ticket(dc, start.minusSeconds(1), user, ws.machineAccount(), ws.ip(), null);
        String id = s.logon(ws, start, user, 2, "127.0.0.1", ws.name(), "Kerberos", null);
        s.process(
                ws,
                start.plusSeconds(3),
                user,
                id,
                USERINIT,
                "C:\\Windows\\system32\\userinit.exe",
                "C:\\Windows\\System32\\winlogon.exe",
                "winlogon.exe",
                null);
        s.process(
                ws,
                start.plusSeconds(5),
                user,
                id,
                EXPLORER,
                "C:\\Windows\\Explorer.EXE",
                USERINIT,
                "C:\\Windows\\system32\\userinit.exe",
                null);
        s.process(
                ws,
                start.plusSeconds(60 + s.random.nextInt(600)),
                user,
                id,
                OUTLOOK,
                "\"" + OUTLOOK + "\"",
                EXPLORER,
                "C:\\Windows\\Explorer.EXE",
                null);
        Instant web = start.plusSeconds(300 + s.random.nextInt(3600));
        s.process(ws, web, user, id, BROWSER, "\"" + BROWSER + "\"", EXPLORER, "C:\\Windows\\Explorer.EXE", null);
        for (int k = 0; k < 2; k++) {
            Instant q = web.plusSeconds(10 + s.random.nextInt(20000));
            String[] site = k == 0
                    ? new String[] {"outlook.office365.com", "198.18.40.12"}
                    : new String[] {"www.google.com", "198.18.90.4"};
            s.dns(ws, q, BROWSER, site[0], site[1], null);
            s.connection(ws, q.plusMillis(80), BROWSER, user.toString(), site[1], 443, site[0], null);
        }
        if (fs != null) {
            Instant m = start.plusSeconds(120 + s.random.nextInt(1200));
            s.ticket(dc, m.minusMillis(400), user, fs.machineAccount(), ws.ip(), null);
            String fid = s.logon(fs, m, user, 3, ws.ip(), ws.name(), "Kerberos", null);
            s.logoff(fs, m.plusSeconds(seconds - 600L), user, fid, 3);
        }
        s.logoff(ws, start.plusSeconds(seconds), user, id, 2);
    }

    private void betacoUsers(LocalDate day) {
        if (weekend(day)) {
            return;
        }
        Host dc = dc("betaco");
        Host fs = s.host("betaco", "FS01");
        for (int i = 0; i < 18; i++) {
            Account user = new Account(
                    "BETACO", String.format(Locale.ROOT, "user%02d", i + 1), Scenario.BETACO_SID + "-" + (1700 + i));
            String ip = "10.30.10." + (20 + i);
            Instant t = time(day, Scenario.TOKYO, 8, 10);
            s.tgt(dc, t, user, ip, null);
            s.ticket(dc, t.plusMillis(200), user, "FS01$", ip, null);
            String id = s.logon(
                    fs, t.plusMillis(400), user, 3, ip, String.format(Locale.ROOT, "BWS%02d", i + 1), "Kerberos", null);
            s.logoff(fs, time(day, Scenario.TOKYO, 17, 19), user, id, 3);
        }
    }

    private static boolean weekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private void technicians(LocalDate day) {
        Host mspDc = dc("msp");
        Host jump = s.host("msp", "MSP-JMP01");
        if (!weekend(day)) {
            // t.nguyen: office day on MSP-WS17, MSP-internal admin work through the jump host
            Host ws17 = s.host("msp", "MSP-WS17");
            Instant start = time(day, ZoneOffset.UTC, 8, 9).plusSeconds(1800);
            officeDay(ws17, mspDc, jump, s.tNguyen, start, 8 * 3600 + 1800, 0);
            // a.kowalski: early shift, BETACO afternoon work from the jump host with the shared account
            Host ws21 = s.host("msp", "MSP-WS21");
            Instant early = time(day, ZoneOffset.UTC, 5, 6).plusSeconds(1800);
            // (the BETACO work happens inside her jump-host session: nobody works from an empty jump host)
            Instant seated = officeDay(ws21, mspDc, jump, s.aKowalski, early, 8 * 3600 + 1800, 5400);
            tenantWork(
                    "betaco",
                    s.betaMspAdmin,
                    jump.ip(),
                    "MSP-JMP01",
                    seated.plusSeconds(120 + s.random.nextInt(600)),
                    2);
            // r.osei: remote APAC shift over the MSP VPN, BETACO work straight from the VPN pool
            Instant night = time(day, ZoneOffset.UTC, 0, 1);
            s.vpn(
                    "msp",
                    night,
                    night.plusSeconds(8 * 3600),
                    ZoneOffset.UTC,
                    "MSPCORP\\r.osei",
                    "192.0.2.30",
                    "10.10.200.30",
                    "success",
                    null);
            s.tgt(mspDc, night.plusSeconds(40), s.rOsei, "10.10.200.30", null);
            tenantWork("betaco", s.betaROsei, "10.10.200.30", "RO-LAPTOP", night.plusSeconds(900), 3);
            if (day.getDayOfWeek() == DayOfWeek.TUESDAY || day.getDayOfWeek() == DayOfWeek.THURSDAY) {
                Instant gw = night.plusSeconds(4 * 3600);
                s.vpn(
                        "betaco",
                        gw,
                        gw.plusSeconds(3600 + s.random.nextInt(3600)),
                        Scenario.TOKYO,
                        "msp-rosei@betaco.local",
                        "198.51.100.10",
                        "10.30.250." + (10 + s.random.nextInt(40)),
                        "success",
                        null);
            }
            if (day.getDayOfWeek() == DayOfWeek.FRIDAY) {
                // t.nguyen checks mail from home on Friday evening
                Instant home = time(day, ZoneOffset.UTC, 19, 20);
                s.vpn(
                        "msp",
                        home,
                        home.plusSeconds(1800 + s.random.nextInt(1800)),
                        ZoneOffset.UTC,
                        "MSPCORP\\t.nguyen",
                        "192.0.2.17",
                        "10.10.200.17",
                        "success",
                        null);
                s.tgt(mspDc, home.plusSeconds(30), s.tNguyen, "10.10.200.17", null);
            }
        }
        if (day.equals(LocalDate.of(2026, 11, 7))) {
            // routine ACME patching inside the Saturday window (20:00-23:00 New York)
            Instant w = Scenario.at(day, Scenario.NEW_YORK, 20, 10);
            s.vpn(
                    "msp",
                    w.minusSeconds(600),
                    w.plusSeconds(9000),
                    ZoneOffset.UTC,
                    "MSPCORP\\a.kowalski",
                    "192.0.2.21",
                    "10.10.200.21",
                    "success",
                    null);
            String id =
                    s.logon(jump, w.minusSeconds(300), s.aKowalski, 10, "10.10.200.21", "AK-LAPTOP", "Negotiate", null);
            s.privileges(jump, w.minusSeconds(300), s.aKowalski, id, null);
            tenantWork("acme", s.acmeAKowalski, jump.ip(), "MSP-JMP01", w, 4);
            s.logoff(jump, w.plusSeconds(8900), s.aKowalski, id, 10);
        }
    }

    /**
     * A technician's office day with one RDP session to the jump host lasting at least {@code minJumpSeconds};
     * returns when that session started.
     */
    private Instant officeDay(
            Host ws, Host dc, Host jump, Account who, Instant start, int seconds, int minJumpSeconds) {
        userDay(ws, dc, null, who, start, seconds);
        Instant rdp = start.plusSeconds(1800 + s.random.nextInt(3600));
        s.process(
                ws,
                rdp.minusSeconds(2),
                who,
                "0x0",
                "C:\\Windows\\System32\\mstsc.exe",
                "\"C:\\Windows\\system32\\mstsc.exe\" /v:MSP-JMP01",
                EXPLORER,
                "C:\\Windows\\Explorer.EXE",
                null);
        s.ticket(dc, rdp.minusSeconds(1), who, "MSP-JMP01$", ws.ip(), null);
        String id = s.logon(jump, rdp, who, 10, ws.ip(), ws.name(), "Negotiate", null);
        s.privileges(jump, rdp.plusMillis(3), who, id, null);
        s.logoff(jump, rdp.plusSeconds(minJumpSeconds + 1800 + s.random.nextInt(5400)), who, id, 10);
        return rdp;
    }

    /** An MSP technician's sanctioned session in a tenant: Kerberos on the DC, RDP to a few servers, admin tools. */
    private void tenantWork(
            String org, Account account, String sourceIp, String workstation, Instant start, int hostCount) {
        Host dc = dc(org);
        List<Host> servers =
                s.hosts(org).stream().filter(h -> isServer(h) && h != dc).toList();
        s.tgt(dc, start, account, sourceIp, null);
        Instant t = start.plusSeconds(20);
        for (int i = 0; i < hostCount; i++) {
            Host h = servers.get(s.random.nextInt(servers.size()));
            s.ticket(dc, t, account, h.machineAccount(), sourceIp, null);
            String id = s.logon(h, t.plusMillis(300), account, 10, sourceIp, workstation, "Kerberos", null);
            s.privileges(h, t.plusMillis(305), account, id, null);
            String tool = i % 2 == 0
                    ? "C:\\Windows\\System32\\mmc.exe"
                    : "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
            String cmd = i % 2 == 0
                    ? "\"C:\\Windows\\system32\\mmc.exe\" \"C:\\Windows\\system32\\services.msc\""
                    : "powershell.exe -NoProfile -Command \"Get-Service | Where-Object Status -eq Stopped\"";
            s.process(h, t.plusSeconds(40), account, id, tool, cmd, EXPLORER, "C:\\Windows\\Explorer.EXE", null);
            s.logoff(h, t.plusSeconds(1200 + s.random.nextInt(1800)), account, id, 10);
            t = t.plusSeconds(600 + s.random.nextInt(900));
        }
    }

    private void flows(LocalDate day) {
        for (Host h : s.hosts("msp")) {
            for (int hour = 0; hour < 24; hour++) {
                boolean busy = hour >= 7 && hour < 18;
                if (!isServer(h) && !busy) {
                    continue;
                }
                Instant t = Scenario.at(day, ZoneOffset.UTC, hour, 0).plusSeconds(s.random.nextInt(3600));
                long bytes = (long)
                        (h.name().equals("MSP-JMP01")
                                ? 2_500_000 + s.random.nextInt(6_000_000)
                                : 400_000 + s.random.nextInt(12_000_000));
                String dst = "198.18." + (7 + s.random.nextInt(3) * 33) + "." + (10 + s.random.nextInt(200));
                s.flow(t, h.ip(), dst, 443, bytes, 5 + s.random.nextInt(900), null);
            }
        }
    }
}
