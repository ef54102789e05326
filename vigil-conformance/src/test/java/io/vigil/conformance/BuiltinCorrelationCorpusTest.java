package io.vigil.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.diag.Diagnostic;
import io.vigil.core.sink.DetectionSink;
import io.vigil.engine.Hunt;
import io.vigil.engine.HuntProgress;
import io.vigil.engine.HuntSummary;
import io.vigil.engine.RuleFiles;
import io.vigil.engine.RuleLoading;
import io.vigil.sigma.LoadResult;
import io.vigil.sigma.compile.Placeholders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in correlations (brute force, password spray, new account added to a privileged group,
 * discovery burst) run through the real hunt path ({@link Hunt} with the pack's correlation plan, as
 * {@code vigil hunt} runs it) on every EVTX-ATTACK-SAMPLES file and every OTRF recording, one file per
 * hunt so that no pattern is assembled across unrelated recordings. Each correlation must fire exactly
 * on the files where the attack was recorded, with the group values and counts written below, and no
 * correlation may fire on any other file of the two corpora; the named benign files, which hold the
 * building-block events without the pattern, are checked to be read and silent one by one.
 */
class BuiltinCorrelationCorpusTest {
    private static final String EVTX = "corpus/evtx/EVTX-ATTACK-SAMPLES/";
    private static final String OTRF = "corpus/json/OTRF-Security-Datasets/";

    private static final String SPRAY = "Password Spray From One Source";
    private static final String NEW_ADMIN_SYSMON =
            "New Local Account Added To The Administrators Group - Sysmon Registry";
    private static final String DISCOVERY = "Burst Of Discovery Commands In One Logon Session";

    /** Corpus file → the correlation detections expected from it, as title | group | count | window. */
    private static final Map<String, List<String>> FIRES = new TreeMap<>(Map.of(
            EVTX + "Credential Access/kerberos_pwd_spray_4771.evtx",
                    List.of(SPRAY + " | {source=172.16.66.1} | 5"
                            + " | 2020-07-22T20:29:36.4148271Z..2020-07-22T20:29:36.4149843Z"),
            EVTX + "Persistence/sysmon_local_account_creation_and_added_admingroup_12_13.evtx",
                    List.of(
                            NEW_ADMIN_SYSMON + " | {Computer=LAPTOP-JU4M3I0E} | 2"
                                    + " | 2020-09-04T10:03:04.4894535Z..2020-09-04T10:45:30.6506324Z",
                            NEW_ADMIN_SYSMON + " | {Computer=LAPTOP-JU4M3I0E} | 2"
                                    + " | 2020-09-04T10:45:33.8028587Z..2020-09-04T11:02:16.0849319Z"),
            EVTX + "Lateral Movement/powercat_revShell_sysmon_1_3.evtx",
                    List.of(DISCOVERY + " | {Computer=IEWIN7, logon_id=0x13529} | 3"
                            + " | 2019-06-20T08:07:42.3318108Z..2019-06-20T08:07:58.8161858Z"),
            EVTX + "AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx",
                    List.of(DISCOVERY + " | {Computer=MSEDGEWIN10, logon_id=0x50951} | 3"
                            + " | 2019-07-19T14:51:09.8454153Z..2019-07-19T14:53:42.3018443Z")));

    /**
     * Files that hold building-block events of a correlation without the attack pattern: a single
     * failed logon, explicit-credential logons to few accounts, accounts created without a group change
     * or a group change without a new account, discovery commands too few or too far apart.
     */
    private static final List<String> SILENT = List.of(
            EVTX + "Credential Access/CA_4624_4625_LogonType2_LogonProc_chrome.evtx",
            EVTX + "Credential Access/remote_sam_registry_access_via_backup_operator_priv.evtx",
            EVTX + "Credential Access/MSSQL_multiple_failed_logon_EventID_18456.evtx",
            EVTX + "Lateral Movement/LM_WMIC_4648_rpcss.evtx",
            EVTX + "Lateral Movement/LM_ScheduledTask_ATSVC_target_host.evtx",
            EVTX + "Command and Control/DE_RDP_Tunnel_5156.evtx",
            EVTX + "Privilege Escalation/Runas_4624_4648_Webshell_CreateProcessAsUserA.evtx",
            EVTX + "Defense Evasion/DE_Fake_ComputerAccount_4720.evtx",
            EVTX + "Persistence/Network_Service_Guest_added_to_admins_4732.evtx",
            EVTX + "Persistence/persistence_hidden_local_account_sysmon.evtx",
            EVTX + "Privilege Escalation/samaccount_spoofing_CVE-2021-42287_CVE-2021-42278_DC_securitylogs.evtx",
            EVTX + "Credential Access/babyshark_mimikatz_powershell.evtx",
            EVTX + "Defense Evasion/Sysmon 7 dllhijack_cdpsshims_CDPSvc.evtx",
            EVTX + "Lateral Movement/LM_wmiexec_impacket_sysmon_whoami.evtx",
            OTRF + "discovery/host/empire_shell_net_localgroup_administrators_2020-09-21191843.json",
            OTRF + "discovery/host/cmd_seatbelt_group_user_2020-11-0216391814.json",
            OTRF + "credential_access/host/empire_shell_rubeus_asktgt_ptt_2020-09-21223848.json");

    private static Path root;
    private static LoadResult pack;

    @BeforeAll
    static void loadPack() {
        root = SharedCorpus.root();
        pack = RuleLoading.load(List.of(RuleFiles.BUILTIN), Placeholders.NONE);
        assertThat(pack.diagnostics())
                .as("diagnostics loading the built-in pack")
                .isEmpty();
        assertThat(pack.correlations().isEmpty())
                .as("the pack has correlations")
                .isFalse();
    }

    @Test
    void correlationsFireOnTheRecordedAttacks() throws IOException {
        for (Map.Entry<String, List<String>> e : FIRES.entrySet()) {
            assertThat(correlationsIn(e.getKey()))
                    .as("correlations in %s", e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void correlationsStaySilentOnFilesWithTheBuildingBlocksOnly() throws IOException {
        for (String file : SILENT) {
            assertThat(correlationsIn(file)).as("correlations in %s", file).isEmpty();
        }
    }

    @Test
    void noCorrelationFiresOnAnyOtherCorpusFile() throws IOException {
        Map<String, List<String>> fired = new TreeMap<>();
        int files = 0;
        for (String dir : List.of(EVTX, OTRF)) {
            for (String file : corpusFiles(dir)) {
                files++;
                List<String> found = correlationsIn(file);
                if (!found.isEmpty()) {
                    fired.put(file, found);
                }
            }
        }
        System.out.printf("Built-in correlations over %d corpus files: %s%n", files, fired);
        assertThat(files).as("EVTX and OTRF files hunted").isGreaterThan(300);
        assertThat(fired).isEqualTo(FIRES);
    }

    /** Hunts one corpus file with the built-in pack; its correlation detections as title | group | count | window. */
    private static List<String> correlationsIn(String file) throws IOException {
        Path path = root.resolve(file);
        assertThat(path).as("corpus file").isRegularFile();
        List<Detection> detections = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        DetectionSink sink = new DetectionSink() {
            @Override
            public void accept(Detection d) {
                detections.add(d);
            }

            @Override
            public void close() {}
        };
        HuntSummary summary = new Hunt(
                        pack.rules(), pack.correlations(), Level.INFORMATIONAL, sink, problems::add, HuntProgress.NONE)
                .run(List.of(path.toString()));
        assertThat(summary.filesRead()).as("read %s (%s)", file, problems).isEqualTo(1);
        assertThat(summary.eventsRead()).as("events in %s", file).isPositive();
        List<String> out = new ArrayList<>();
        for (Detection d : detections) {
            if (d.extra().get("correlation") instanceof Map<?, ?> c) {
                Map<?, ?> w = (Map<?, ?>) c.get("window");
                out.add(d.rule().title() + " | " + c.get("group") + " | " + c.get("count") + " | " + w.get("start")
                        + ".." + w.get("end"));
            }
        }
        return out;
    }

    private static List<String> corpusFiles(String dir) throws IOException {
        Path base = root.resolve(dir);
        assertThat(base).as("corpus folder").isDirectory();
        try (Stream<Path> walk = Files.walk(base)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".evtx") || (n.endsWith(".json") && !n.equals("files.json"));
                    })
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
