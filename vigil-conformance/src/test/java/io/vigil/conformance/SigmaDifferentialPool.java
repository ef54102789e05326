package io.vigil.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.event.Event;
import io.vigil.engine.EventStream;
import io.vigil.engine.HuntSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * A fixed, reproducible pool of real events for {@link SigmaDifferentialTest}: read from a few OTRF
 * Security-Datasets recordings through the engine's normal input path, then picked round-robin over
 * (channel, event id) so that rare event kinds are as present as the frequent Sysmon ones.
 */
final class SigmaDifferentialPool {
    private static final List<String> FILES = List.of(
            "credential_access/host/empire_powerdump_sam_access_2020-09-22042230.json",
            "credential_access/host/cmd_sam_copy_esentutl_2020-10-1900290001.json",
            "credential_access/host/psh_lsass_memory_dump_comsvcs_2020-10-18T19500924.json",
            "defense_evasion/host/cmd_mshta_javascript_getobject_sct_2020-10-2202214475.json",
            "defense_evasion/host/psh_cmstp_execution_bypassuac_2020-10-2201543213.json",
            "defense_evasion/host/cmd_netsh_fw_mod_open_ports_2020-10-2100191105.json",
            "lateral_movement/host/schtask_create_2020-12-1907003032.json",
            "discovery/host/empire_shell_samr_EnumDomainUsers_2020-09-21193527.json");

    private SigmaDifferentialPool() {}

    /**
     * {@code size} events: a third of them (at most) among those {@code interesting} accepts (events
     * that some rule fires on, so that matches are compared too), the rest spread over event kinds.
     */
    static List<Event> events(int size, long seed, Predicate<Event> interesting) {
        List<String> paths = new ArrayList<>();
        for (String f : FILES) {
            paths.add(SharedCorpus.root()
                    .resolve("corpus/json/OTRF-Security-Datasets")
                    .resolve(f)
                    .toString());
        }
        Map<String, List<Event>> groups = new LinkedHashMap<>();
        List<Diagnostic> problems = new ArrayList<>();
        new EventStream(problems::add, new HuntSummary())
                .forEach(
                        paths,
                        e -> groups.computeIfAbsent(
                                        String.valueOf(e.get("Channel")).toLowerCase(Locale.ROOT) + "/"
                                                + e.get("EventID"),
                                        k -> new ArrayList<>())
                                .add(e));
        assertThat(groups).as("events read from %s (%s)", paths, problems).isNotEmpty();
        Random rnd = new Random(seed);
        List<List<Event>> shuffled = new ArrayList<>();
        for (List<Event> g : groups.values()) {
            List<Event> copy = new ArrayList<>(g);
            Collections.shuffle(copy, rnd);
            shuffled.add(copy);
        }
        List<Event> all = new ArrayList<>();
        shuffled.forEach(all::addAll);
        Collections.shuffle(all, rnd);
        List<Event> pool = new ArrayList<>();
        for (int i = 0; i < all.size() && pool.size() < size / 3; i++) {
            if (interesting.test(all.get(i))) {
                pool.add(all.get(i));
            }
        }
        for (List<Event> g : shuffled) {
            g.removeAll(pool);
        }
        for (int round = 0; pool.size() < size; round++) {
            boolean any = false;
            for (List<Event> g : shuffled) {
                if (round < g.size() && pool.size() < size) {
                    pool.add(g.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return pool;
    }
}
