package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.msp.MspAnalysis;
import io.vigil.msp.MspSettings;
import io.vigil.msp.attribute.Attribution;
import io.vigil.msp.register.AccountName;
import io.vigil.msp.register.HostGlob;
import io.vigil.msp.register.Identity;
import io.vigil.msp.register.MaintenanceWindow;
import io.vigil.msp.register.NamedHost;
import io.vigil.msp.register.NetworkRange;
import io.vigil.msp.register.Organisation;
import io.vigil.msp.register.Register;
import io.vigil.msp.register.ServiceAccount;
import io.vigil.msp.register.Ticket;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-made register (the Cloud Hopper cast: MSPCORP, ACME in New York, BETACO in Tokyo, both with a
 * DC01) and small builders for events and single-event detections, shared by the MSP tests.
 */
public final class Scenario {
    public static final String ROOT = "/hunt";
    public static final NamedHost JUMP = new NamedHost("MSP-JMP01", "10.10.0.21");
    public static final NamedHost RMM = new NamedHost("MSP-RMM01", "10.10.0.40");

    private final List<Event> events = new ArrayList<>();
    private final Map<Event, List<Detection>> detections = new LinkedHashMap<>();
    private long line;

    public static Register register() {
        Organisation msp = new Organisation(
                "msp",
                "MSPCORP",
                true,
                List.of("mspcorp", "mspcorp.local"),
                List.of(),
                List.of(NetworkRange.parse("10.10.0.0/16")),
                List.of(new HostGlob("*.mspcorp.local"), new HostGlob("MSP-*")),
                List.of("mspcorp/**"),
                ZoneId.of("UTC"),
                List.of(),
                List.of(),
                List.of(JUMP),
                List.of(NetworkRange.parse("198.51.100.10/32"), NetworkRange.parse("10.10.200.0/24")),
                List.of(RMM));
        Organisation acme = new Organisation(
                "acme",
                "ACME",
                false,
                List.of("acme", "acme.local"),
                List.of(),
                List.of(NetworkRange.parse("10.20.0.0/16")),
                List.of(new HostGlob("*.acme.local")),
                List.of("acme/**"),
                ZoneId.of("America/New_York"),
                List.of(new MaintenanceWindow(
                        EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(20, 0), LocalTime.of(23, 0))),
                List.of("psexec"),
                List.of(),
                List.of(),
                List.of());
        Organisation betaco = new Organisation(
                "betaco",
                "BETACO",
                false,
                List.of("betaco", "betaco.local"),
                List.of(),
                List.of(NetworkRange.parse("10.30.0.0/16")),
                List.of(new HostGlob("*.betaco.local")),
                List.of("betaco/**"),
                ZoneId.of("Asia/Tokyo"),
                List.of(new MaintenanceWindow(
                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0))),
                List.of("rdp"),
                List.of(),
                List.of(),
                List.of());
        List<NamedHost> hosts = List.of(JUMP);
        List<NetworkRange> ranges =
                List.of(NetworkRange.parse("198.51.100.10/32"), NetworkRange.parse("10.10.200.0/24"));
        Identity tom = new Identity(
                "t.nguyen",
                "Tom Nguyen",
                AccountName.parse("MSPCORP\\t.nguyen"),
                Map.of(
                        "acme", List.of(AccountName.parse("ACME\\msp-tnguyen")),
                        "betaco", List.of(AccountName.parse("BETACO\\msp_admin"))),
                hosts,
                ranges);
        Identity anna = new Identity(
                "a.kowalski",
                "Anna Kowalski",
                AccountName.parse("MSPCORP\\a.kowalski"),
                Map.of(
                        "acme", List.of(AccountName.parse("ACME\\msp-akowalski")),
                        "betaco", List.of(AccountName.parse("BETACO\\msp_admin"))),
                hosts,
                ranges);
        // Richard keeps office hours of his own (weekdays 08:00-18:00 London), stricter than ACME's window
        Identity richard = new Identity(
                "r.osei",
                "Richard Osei",
                AccountName.parse("MSPCORP\\r.osei"),
                Map.of("acme", List.of(AccountName.parse("ACME\\msp-rosei"))),
                hosts,
                ranges,
                List.of(new MaintenanceWindow(
                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(18, 0))),
                ZoneId.of("Europe/London"));
        return new Register(
                "register.yml",
                ROOT,
                msp,
                List.of(acme, betaco),
                List.of(tom, anna, richard),
                List.of(
                        new ServiceAccount(AccountName.parse("ACME\\svc-backup"), ServiceAccount.Kind.SERVICE),
                        new ServiceAccount(AccountName.parse("MSPCORP\\svc-rmm"), ServiceAccount.Kind.RMM)),
                List.of(new Ticket(
                        "CHG-2041",
                        "acme",
                        "t.nguyen",
                        OffsetDateTime.parse("2026-11-14T20:00:00-05:00").toInstant(),
                        OffsetDateTime.parse("2026-11-14T23:30:00-05:00").toInstant())));
    }

    public static Attribution attribution() {
        return new Attribution(register(), List.of(Path.of(ROOT)));
    }

    public static MspAnalysis analysis(MspSettings settings) {
        return new MspAnalysis(attribution(), settings);
    }

    /** A Windows event: {@code path} relative to the hunt root, then field name/value pairs. */
    public Event windows(String path, String time, String channel, long eventId, String computer, Object... kv) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("EventID", eventId);
        f.put("Channel", channel);
        f.put("Computer", computer);
        for (int i = 0; i < kv.length; i += 2) {
            f.put((String) kv[i], kv[i + 1]);
        }
        return add(f, time, path);
    }

    /** A 4624 logon. */
    public Event logon(
            String path, String time, String computer, String account, Object logonType, String ip, String ws) {
        AccountName a = AccountName.parse(account);
        return windows(
                path,
                time,
                "Security",
                4624,
                computer,
                "TargetUserName",
                a.user(),
                "TargetDomainName",
                a.domain().toUpperCase(java.util.Locale.ROOT),
                "LogonType",
                logonType,
                "IpAddress",
                ip == null ? "-" : ip,
                "WorkstationName",
                ws == null ? "-" : ws,
                "TargetLogonId",
                "0x" + Long.toHexString(line + 1000));
    }

    /** A VPN session record as the normaliser gives it (event time = start). */
    public Event vpn(String path, String start, String end, String user, String src, String assigned, String mfa) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("log_type", "vpn_session");
        f.put("start", start);
        f.put("end", end);
        f.put("user", user);
        f.put("src_ip", src);
        f.put("assigned_ip", assigned);
        f.put("mfa", mfa);
        f.put("gateway", "vpn-gw01");
        return add(f, start, path);
    }

    /** A flow record. */
    public Event flow(String path, String time, String src, String dst, long bytes) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("log_type", "flow");
        f.put("time", time);
        f.put("src_ip", src);
        f.put("dst_ip", dst);
        f.put("dst_port", 443L);
        f.put("bytes", bytes);
        f.put("duration_s", 60L);
        return add(f, time, path);
    }

    private Event add(Map<String, Object> f, String time, String path) {
        Event e = Event.of(f, instant(time), Provenance.line(ROOT + "/" + path, ++line));
        events.add(e);
        return e;
    }

    /** Gives {@code e} a single-event detection of {@code level} (as Sigma would). */
    public Scenario detected(Event e, Level level) {
        detections
                .computeIfAbsent(e, k -> new ArrayList<>())
                .add(new Detection(
                        new RuleRef(
                                "sigma-" + level.label(),
                                "Sigma " + level.label(),
                                level,
                                "test",
                                "tester",
                                List.of(),
                                "rules/x.yml"),
                        e));
        return this;
    }

    public static Instant instant(String time) {
        return OffsetDateTime.parse(time).toInstant();
    }

    public List<Event> events() {
        return events;
    }

    public List<Detection> detectionsOf(Event e) {
        return detections.getOrDefault(e, List.of());
    }

    /** Runs the events, in the given order, through a fresh analysis; returns the MSP detections. */
    public List<Detection> run(MspSettings settings, List<Event> order) {
        MspAnalysis analysis = analysis(settings);
        for (Event e : order) {
            analysis.accept(e, detectionsOf(e));
        }
        List<Detection> out = new ArrayList<>();
        analysis.finish(out::add);
        return out;
    }

    public List<Detection> run() {
        return run(MspSettings.defaults(), events);
    }

    /** The MSP detections of one rule id. */
    public List<Detection> run(String ruleId) {
        return run().stream().filter(d -> d.rule().id().equals(ruleId)).toList();
    }
}
