package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.Severity;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.sigma.compile.CompiledRule;
import io.vigil.sigma.compile.Placeholders;
import io.vigil.sigma.logsource.LogSourceMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: rules from YAML strings, events from key/value pairs, a small log-source table. */
final class SigmaFixture {
    /**
     * A test table: {@code product: test} admits every event (no gate), process_creation is Sysmon 1 or
     * Security 4688 (with renames), and {@code service: security} is the Security channel.
     */
    static final LogSourceMap MAP = LogSourceMap.parse("""
            logsources:
              - match: {product: test}
                sources:
                  - channel: "*"
              - match: {product: windows, category: process_creation}
                sources:
                  - channel: Microsoft-Windows-Sysmon/Operational
                    event_ids: [1]
                  - channel: Security
                    event_ids: [4688]
                    fields:
                      Image: NewProcessName
                      ParentImage: ParentProcessName
              - match: {product: windows, service: security}
                sources:
                  - channel: Security
            """);

    private SigmaFixture() {}

    /** A complete rule document with logsource {@code product: test} around a detection section. */
    static String ruleYaml(String id, String detection) {
        return "title: rule " + id + "\nid: " + id + "\nlogsource:\n  product: test\ndetection:\n" + detection.indent(2)
                + "level: high\n";
    }

    static LoadResult load(RuleSource... sources) {
        return load(Placeholders.NONE, sources);
    }

    static LoadResult load(Placeholders placeholders, RuleSource... sources) {
        return SigmaRules.load(List.of(sources), placeholders, MAP);
    }

    static RuleSource src(String path, String text) {
        return new RuleSource(path, text);
    }

    /** Compiles one detection section (logsource product: test) and insists it loads cleanly. */
    static CompiledRule compile(String detection) {
        return compile(Placeholders.NONE, detection);
    }

    static CompiledRule compile(Placeholders placeholders, String detection) {
        LoadResult r = load(placeholders, src("rule.yml", ruleYaml("r1", detection)));
        assertThat(errors(r)).as("diagnostics of\n%s", detection).isEmpty();
        assertThat(r.rules().rules()).hasSize(1);
        return r.rules().rules().get(0);
    }

    /** The single error diagnostic of compiling a detection section that must be rejected. */
    static Diagnostic rejection(String detection) {
        LoadResult r = load(src("rule.yml", ruleYaml("r1", detection)));
        assertThat(r.rules().rules()).as("rules loaded from\n%s", detection).isEmpty();
        assertThat(errors(r)).hasSize(1);
        return errors(r).get(0);
    }

    static List<Diagnostic> errors(LoadResult r) {
        return r.diagnostics().stream()
                .filter(d -> d.severity() == Severity.ERROR)
                .toList();
    }

    static List<Diagnostic> warnings(LoadResult r) {
        return r.diagnostics().stream()
                .filter(d -> d.severity() == Severity.WARNING)
                .toList();
    }

    /** An event from alternating names and values; values may be null (present but empty). */
    static Event event(Object... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of arguments");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Event.of(m, Instant.parse("2024-03-05T14:30:00Z"), Provenance.line("events.jsonl", 1));
    }

    /** Ids of the rules that fire on the event, in load order. */
    static List<String> fired(LoadResult r, Event e) {
        List<String> ids = new ArrayList<>();
        r.rules().match(e, c -> ids.add(c.ref().id()));
        return ids;
    }

    /** "path:line:column" of a diagnostic. */
    static String where(Diagnostic d) {
        return d.location().toString();
    }
}
