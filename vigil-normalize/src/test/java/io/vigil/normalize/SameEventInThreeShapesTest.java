package io.vigil.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One Windows event written by hand as evtx_dump, flat collector and Winlogbeat JSON must look the same. */
class SameEventInThreeShapesTest {
    private static final Normalizer NORMALIZER = Normalizer.standard();

    static final String SYSMON_EVTX_DUMP = """
            {"Event": {
              "#attributes": {"xmlns": "http://schemas.microsoft.com/win/2004/08/events/event"},
              "System": {
                "Provider": {"#attributes": {"Name": "Microsoft-Windows-Sysmon", "Guid": "5770385F-C22A-43E0-BF4C-06F5698FFBD9"}},
                "EventID": 1, "Version": 5, "Level": 4, "Task": 1, "Opcode": 0,
                "Keywords": "0x8000000000000000",
                "TimeCreated": {"#attributes": {"SystemTime": "2020-10-23T02:05:01.9781234Z"}},
                "EventRecordID": 571146,
                "Correlation": null,
                "Execution": {"#attributes": {"ProcessID": 3544, "ThreadID": 4272}},
                "Channel": "Microsoft-Windows-Sysmon/Operational",
                "Computer": "WORKSTATION5.theshire.local",
                "Security": {"#attributes": {"UserID": "S-1-5-18"}}
              },
              "EventData": {
                "RuleName": "-",
                "UtcTime": "2020-10-23 02:05:01.977",
                "ProcessGuid": "{39e4a257-f1b1-5f8b-a500-000000000700}",
                "ProcessId": 10116,
                "Image": "C:\\\\Windows\\\\System32\\\\cmd.exe",
                "CommandLine": "cmd.exe /c whoami /all",
                "CurrentDirectory": "C:\\\\Users\\\\wardog\\\\",
                "User": "THESHIRE\\\\wardog",
                "LogonId": "0x3e7",
                "IntegrityLevel": "High",
                "Hashes": "SHA1=ABCDEF",
                "ParentImage": "C:\\\\Windows\\\\explorer.exe",
                "ParentCommandLine": "C:\\\\Windows\\\\Explorer.EXE"
              }
            }}
            """;

    static final String SYSMON_FLAT = """
            {"EventID": 1, "Channel": "microsoft-windows-sysmon/operational",
             "SourceName": "Microsoft-Windows-Sysmon", "ProviderGuid": "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}",
             "Hostname": "WORKSTATION5.theshire.local", "Task": "1", "Level": "4", "Version": 5,
             "Keywords": -9223372036854775808, "RecordNumber": 571146,
             "ExecutionProcessID": 3544, "ThreadID": 4272, "UserID": "S-1-5-18",
             "@timestamp": "2020-10-23T02:05:01.978Z", "TimeCreated": "2020-10-23T02:05:01.9781234Z",
             "Message": "Process Create: ...",
             "RuleName": "-", "UtcTime": "2020-10-23 02:05:01.977",
             "ProcessGuid": "{39e4a257-f1b1-5f8b-a500-000000000700}", "ProcessId": "10116",
             "Image": "C:\\\\Windows\\\\System32\\\\cmd.exe", "CommandLine": "cmd.exe /c whoami /all",
             "CurrentDirectory": "C:\\\\Users\\\\wardog\\\\", "User": "THESHIRE\\\\wardog",
             "LogonId": "0x3e7", "IntegrityLevel": "High", "Hashes": "SHA1=ABCDEF",
             "ParentImage": "C:\\\\Windows\\\\explorer.exe", "ParentCommandLine": "C:\\\\Windows\\\\Explorer.EXE"}
            """;

    static final String SYSMON_ECS = """
            {"@timestamp": "2020-10-23T02:05:01.9781234Z",
             "event": {"code": "1", "provider": "Microsoft-Windows-Sysmon", "kind": "event"},
             "host": {"name": "workstation5"},
             "winlog": {
               "channel": "Microsoft-Windows-Sysmon/Operational", "event_id": "1",
               "provider_name": "Microsoft-Windows-Sysmon", "provider_guid": "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}",
               "computer_name": "WORKSTATION5.theshire.local", "record_id": "571146", "version": 5,
               "process": {"pid": 3544, "thread": {"id": 4272}},
               "user": {"identifier": "S-1-5-18", "name": "SYSTEM"},
               "event_data": {
                 "RuleName": "-", "UtcTime": "2020-10-23 02:05:01.977",
                 "ProcessGuid": "{39e4a257-f1b1-5f8b-a500-000000000700}", "ProcessId": "10116",
                 "Image": "C:\\\\Windows\\\\System32\\\\cmd.exe", "CommandLine": "cmd.exe /c whoami /all",
                 "CurrentDirectory": "C:\\\\Users\\\\wardog\\\\", "User": "THESHIRE\\\\wardog",
                 "LogonId": "0x3e7", "IntegrityLevel": "High", "Hashes": "SHA1=ABCDEF",
                 "ParentImage": "C:\\\\Windows\\\\explorer.exe", "ParentCommandLine": "C:\\\\Windows\\\\Explorer.EXE"
               }
             }}
            """;

    static final String LOGON_EVTX_DUMP = """
            {"Event": {
              "System": {
                "Provider": {"#attributes": {"Name": "Microsoft-Windows-Security-Auditing", "Guid": "54849625-5478-4994-A5BA-3E3B0328C30D"}},
                "EventID": 4624, "Version": 2, "Level": 0, "Task": 12544, "Opcode": 0,
                "Keywords": "0x8020000000000000",
                "TimeCreated": {"#attributes": {"SystemTime": "2020-10-23T02:05:02.123Z"}},
                "EventRecordID": 1102964,
                "Correlation": {"#attributes": {"ActivityID": "17E565D6-3A73-0000-30BA-DC81FF5DD601"}},
                "Execution": {"#attributes": {"ProcessID": 668, "ThreadID": 5552}},
                "Channel": "Security", "Computer": "MORDORDC.theshire.local", "Security": null
              },
              "EventData": {
                "SubjectUserSid": "S-1-5-18", "SubjectUserName": "MORDORDC$", "SubjectDomainName": "THESHIRE",
                "SubjectLogonId": "0x3e7", "TargetUserSid": "S-1-5-21-1-2-3-1104", "TargetUserName": "pgustavo",
                "TargetDomainName": "THESHIRE", "TargetLogonId": "0xc61d9", "LogonType": 3,
                "LogonProcessName": "Kerberos", "AuthenticationPackageName": "Kerberos",
                "WorkstationName": "-", "IpAddress": "172.18.39.5", "IpPort": "49842", "ElevatedToken": "%%1842"
              }
            }}
            """;

    static final String LOGON_FLAT = """
            {"EventID": 4624, "Channel": "security", "SourceName": "Microsoft-Windows-Security-Auditing",
             "ProviderGuid": "{54849625-5478-4994-A5BA-3E3B0328C30D}", "Hostname": "MORDORDC.theshire.local",
             "Task": 12544, "Keywords": -9214364837600034816, "RecordNumber": 1102964,
             "OpcodeValue": 0, "Opcode": "Info", "Version": 2, "ActivityID": "{17E565D6-3A73-0000-30BA-DC81FF5DD601}",
             "ExecutionProcessID": 668, "ThreadID": 5552, "EventType": "AUDIT_SUCCESS",
             "EventTime": "2020-10-22 22:05:02", "@timestamp": "2020-10-23T02:05:02.123Z",
             "SubjectUserSid": "S-1-5-18", "SubjectUserName": "MORDORDC$", "SubjectDomainName": "THESHIRE",
             "SubjectLogonId": "0x3e7", "TargetUserSid": "S-1-5-21-1-2-3-1104", "TargetUserName": "pgustavo",
             "TargetDomainName": "THESHIRE", "TargetLogonId": "0xc61d9", "LogonType": "3",
             "LogonProcessName": "Kerberos", "AuthenticationPackageName": "Kerberos",
             "WorkstationName": "-", "IpAddress": "172.18.39.5", "IpPort": "49842", "ElevatedToken": "%%1842"}
            """;

    static final String LOGON_ECS_DOTTED = """
            {"@timestamp": "2020-10-23T02:05:02.123Z", "event.code": "4624",
             "winlog.channel": "Security", "winlog.event_id": 4624,
             "winlog.provider_name": "Microsoft-Windows-Security-Auditing",
             "winlog.provider_guid": "{54849625-5478-4994-a5ba-3e3b0328c30d}",
             "winlog.computer_name": "MORDORDC.theshire.local", "winlog.record_id": 1102964,
             "winlog.activity_id": "{17E565D6-3A73-0000-30BA-DC81FF5DD601}",
             "winlog.process.pid": 668, "winlog.process.thread.id": 5552,
             "winlog.keywords": ["Audit Success"], "winlog.opcode": "Info", "winlog.task": "Logon",
             "winlog.event_data.SubjectUserSid": "S-1-5-18", "winlog.event_data.SubjectUserName": "MORDORDC$",
             "winlog.event_data.SubjectDomainName": "THESHIRE", "winlog.event_data.SubjectLogonId": "0x3e7",
             "winlog.event_data.TargetUserSid": "S-1-5-21-1-2-3-1104", "winlog.event_data.TargetUserName": "pgustavo",
             "winlog.event_data.TargetDomainName": "THESHIRE", "winlog.event_data.TargetLogonId": "0xc61d9",
             "winlog.event_data.LogonType": "3", "winlog.event_data.LogonProcessName": "Kerberos",
             "winlog.event_data.AuthenticationPackageName": "Kerberos", "winlog.event_data.WorkstationName": "-",
             "winlog.event_data.IpAddress": "172.18.39.5", "winlog.event_data.IpPort": "49842",
             "winlog.event_data.ElevatedToken": "%%1842"}
            """;

    private static final List<String> HEADER = List.of(
            "EventID",
            "Channel",
            "Provider_Name",
            "Provider_Guid",
            "Computer",
            "EventRecordID",
            "ExecutionProcessID",
            "ExecutionThreadID");

    private static Event normalize(String json) {
        return NORMALIZER.normalize(JsonTrees.parse(json), Provenance.line("test.json", 1));
    }

    /** Numbers and numeric text compare equal in Sigma matching, so they do here. */
    private static Map<String, String> sigmaView(Event event, List<String> names) {
        Map<String, String> view = new LinkedHashMap<>();
        for (String name : names) {
            assertThat(event.has(name)).as("field %s in %s", name, event).isTrue();
            view.put(name, String.valueOf(event.get(name)));
        }
        return view;
    }

    private static List<String> with(List<String> header, String... data) {
        return java.util.stream.Stream.concat(header.stream(), java.util.Arrays.stream(data))
                .toList();
    }

    @Test
    void sysmonProcessCreationLooksTheSameInEveryShape() {
        Event dump = normalize(SYSMON_EVTX_DUMP);
        Event flat = normalize(SYSMON_FLAT);
        Event ecs = normalize(SYSMON_ECS);
        List<String> names = with(
                HEADER,
                "UserID",
                "Image",
                "CommandLine",
                "ParentImage",
                "ParentCommandLine",
                "User",
                "IntegrityLevel",
                "Hashes",
                "ProcessId",
                "ProcessGuid",
                "CurrentDirectory",
                "LogonId");

        assertThat(sigmaView(flat, names)).isEqualTo(sigmaView(dump, names));
        assertThat(sigmaView(ecs, names)).isEqualTo(sigmaView(dump, names));
        for (Event event : List.of(dump, flat, ecs)) {
            assertThat(event.get("EventID")).isEqualTo(1L);
            assertThat(event.get("Channel")).isEqualTo("Microsoft-Windows-Sysmon/Operational");
            assertThat(event.get("Provider_Guid")).isEqualTo("5770385F-C22A-43E0-BF4C-06F5698FFBD9");
            assertThat(event.get("EventRecordID")).isEqualTo(571146L);
            assertThat(event.get("Image")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
            assertThat(event.timestamp()).isEqualTo(Instant.parse("2020-10-23T02:05:01.9781234Z"));
        }
        assertThat(dump.get("ProcessId")).isEqualTo(10116L);
        assertThat(flat.get("ProcessId")).isEqualTo("10116");
        assertThat(dump.get("Keywords")).isEqualTo(flat.get("Keywords")).isEqualTo("0x8000000000000000");
    }

    @Test
    void securityLogonLooksTheSameInEveryShape() {
        Event dump = normalize(LOGON_EVTX_DUMP);
        Event flat = normalize(LOGON_FLAT);
        Event ecs = normalize(LOGON_ECS_DOTTED);
        List<String> names = with(
                HEADER,
                "ActivityID",
                "TargetUserName",
                "TargetUserSid",
                "TargetDomainName",
                "LogonType",
                "LogonProcessName",
                "AuthenticationPackageName",
                "IpAddress",
                "IpPort",
                "SubjectUserName",
                "ElevatedToken",
                "WorkstationName");

        assertThat(sigmaView(flat, names)).isEqualTo(sigmaView(dump, names));
        assertThat(sigmaView(ecs, names)).isEqualTo(sigmaView(dump, names));
        for (Event event : List.of(dump, flat, ecs)) {
            assertThat(event.get("EventID")).isEqualTo(4624L);
            assertThat(event.get("Channel")).isEqualTo("Security");
            assertThat(event.timestamp()).isEqualTo(Instant.parse("2020-10-23T02:05:02.123Z"));
        }
        assertThat(flat.get("Keywords")).isEqualTo(dump.get("Keywords")).isEqualTo("0x8020000000000000");
        assertThat(flat.get("Opcode")).isEqualTo(dump.get("Opcode")).isEqualTo(0L);
        assertThat(flat.get("OpcodeName")).isEqualTo("Info");
    }

    @Test
    void ecsNestedAndDottedKeysAreTheSame() {
        Map<String, Object> nested = JsonTrees.parse(SYSMON_ECS);
        Map<String, Object> dotted = new LinkedHashMap<>();
        TreeFlattener.flatten(nested).forEach(dotted::put);

        Event fromNested = NORMALIZER.normalize(nested, Provenance.line("a", 1));
        Event fromDotted = NORMALIZER.normalize(dotted, Provenance.line("a", 1));

        assertThat(RecordShape.detect(dotted)).isEqualTo(RecordShape.ECS);
        assertThat(fromDotted.fields()).isEqualTo(fromNested.fields());
        assertThat(fromDotted.fields())
                .containsEntry("host.name", "workstation5")
                .containsEntry("event.kind", "event");
    }
}
