package io.vigil.ioc.bundle;

import io.vigil.core.detect.Level;
import io.vigil.ioc.bundle.BundleEntry.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds Vigil's built-in STIX 2.1 bundle ({@code apt10-msp.stix2.json}) from the public facts in
 * {@code ../shared/intel}: the signature-base APT10 / Cloud Hopper / TA17-117A lists (hashes, C2
 * domains, imphashes, file-name regexes, host and network artefacts) and the ATT&CK menuPass subset
 * (software ids, report citations and dates). The output is deterministic: objects sorted by kind and
 * value, ids are version 5 UUIDs of type and value, dates come from the sources.
 *
 * <p>Run: {@code mvn -B -q -o -pl vigil-ioc compile exec:java@builtin-bundle} (see docs/ioc.md), or
 * {@code java -cp … io.vigil.ioc.bundle.BuiltinBundleGenerator <intel-dir> <output-file>}. It prints
 * indicator counts by kind and every source row it could not express.
 */
public final class BuiltinBundleGenerator {
    /** Families whose names are looked for in list comments and YARA rule names (ATT&CK ids from the subset). */
    private static final String[] FAMILIES = {
        "RedLeaves", "PlugX", "ChChes", "UPPERCUT", "QuasarRAT", "Ecipekac", "P8RAT", "SodaMaster", "FYAnti", "Impacket"
    };

    private final Reports reports;
    private final AttackFacts attack;
    private final Map<String, BundleEntry> entries = new TreeMap<>();
    private final List<String> skipped = new ArrayList<>();

    private BuiltinBundleGenerator(AttackFacts attack) {
        this.attack = attack;
        this.reports = new Reports(attack);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: BuiltinBundleGenerator <shared/intel directory> <output .stix2.json>");
            System.exit(2);
        }
        Result r = generate(Path.of(args[0]));
        Path out = Path.of(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, r.json(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out + " (" + r.json().length() + " characters)");
        r.counts().forEach((kind, n) -> System.out.printf(Locale.ROOT, "  %-16s %5d%n", kind, n));
        System.out.println("not expressed (" + r.skipped().size() + "):");
        r.skipped().forEach(s -> System.out.println("  " + s));
    }

    /** The bundle text, indicator counts by kind, and the source rows left out with the reason. */
    public record Result(String json, Map<String, Integer> counts, List<String> skipped) {}

    /** Generates the bundle from {@code intelDir} (the {@code shared/intel} directory). */
    public static Result generate(Path intelDir) {
        Path sb = intelDir.resolve("signature-base-apt10");
        SourceFacts source = SourceFacts.read(intelDir.resolve("SOURCE.md"));
        BuiltinBundleGenerator g = new BuiltinBundleGenerator(
                AttackFacts.read(intelDir.resolve("mitre-attack/menupass-g0045-subset.stix2.json")));
        g.hashes(CsvTable.read(sb.resolve("apt10_hashes.csv")));
        g.yaraMetaHashes(CsvTable.read(sb.resolve("apt10_yara_meta_hashes.csv")));
        g.imphashes(CsvTable.read(sb.resolve("apt10_imphashes.csv")));
        g.otxDomains(CsvTable.read(sb.resolve("apt10_c2.csv")));
        g.cloudHopperDomains(CsvTable.read(sb.resolve("apt10_cloudhopper_c2_from_yara.csv")));
        g.fileNames(CsvTable.read(sb.resolve("apt10_filename_regex.csv")));
        g.artifacts(CsvTable.read(sb.resolve("apt10_host_network_artifacts.csv")));
        g.foldPathQualifiedNames();
        List<BundleEntry> sorted = new ArrayList<>(g.entries.values());
        sorted.sort(BundleEntry.ORDER);
        for (BundleEntry e : sorted) {
            if (e.validFrom == null) {
                // no report names the row (the Dec 2018 imphash rule): date it with the campaign
                e.validFrom = g.reports.cloudHopper.date();
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (BundleEntry e : sorted) {
            counts.merge(e.kind.title, 1, Integer::sum);
        }
        String json = BundleWriter.write(sorted, source);
        return new Result(json, counts, List.copyOf(g.skipped));
    }

    private void hashes(List<CsvTable.Row> rows) {
        for (CsvTable.Row r : rows) {
            String comment = r.get("comment");
            Report report = reports.byText(comment);
            if (report == null) {
                throw new IllegalStateException(r.file() + ":" + r.line() + ": no report for '" + comment + "'");
            }
            boolean apt10 = report != reports.elfin;
            int confidence = report == reports.securelist ? 70 : 30;
            Level level = report == reports.securelist ? Level.MEDIUM : Level.LOW;
            BundleEntry e = hash(r.get("hash_type"), r.get("hash"));
            attribute(e, comment, apt10);
            if (!apt10) {
                e.labels.add("apt33");
            }
            e.add(report, confidence, level, true, comment);
            e.lines.add(line(r));
        }
    }

    private void yaraMetaHashes(List<CsvTable.Row> rows) {
        for (CsvTable.Row r : rows) {
            Report report = reports.byUrl(r.get("rule_reference"));
            String rule = r.get("yara_rule");
            BundleEntry e = hash(r.get("hash_type"), r.get("hash"));
            boolean tool = report == reports.impacket;
            attribute(e, tool ? rule + " Impacket" : rule, true);
            if (tool) {
                e.labels.add("hacktool");
            }
            e.add(
                    report,
                    tool ? 50 : 80,
                    tool ? Level.MEDIUM : Level.HIGH,
                    true,
                    "sample hash of YARA rule " + rule + " (" + r.get("meta_field") + ")");
            e.lines.add(line(r));
        }
    }

    private void imphashes(List<CsvTable.Row> rows) {
        for (CsvTable.Row r : rows) {
            String rule = r.get("yara_rule");
            BundleEntry e = entry(
                    Kind.IMPHASH,
                    r.get("imphash"),
                    "[file:extensions.'windows-pebinary-ext'.imphash = '" + lower(r.get("imphash")) + "']");
            attribute(e, rule, true);
            Report report = r.get("source_file").contains("redleaves") ? reports.hogfish : null;
            e.add(report, 60, Level.MEDIUM, true, "pe.imphash() of YARA rule " + rule);
            e.lines.add(line(r));
        }
    }

    private void otxDomains(List<CsvTable.Row> rows) {
        for (CsvTable.Row r : rows) {
            BundleEntry e = domain(r.get("indicator"));
            attribute(e, "", true);
            e.add(reports.otx, 30, Level.LOW, true, "AlienVault OTX APT10 list (community-sourced, unvetted)");
            e.lines.add(line(r));
        }
    }

    private void cloudHopperDomains(List<CsvTable.Row> rows) {
        for (CsvTable.Row r : rows) {
            BundleEntry e = domain(r.get("indicator"));
            attribute(e, "", true);
            e.add(
                    reports.cloudHopper,
                    20,
                    Level.LOW,
                    true,
                    "Cloud Hopper C2 string of YARA rule " + r.get("yara_rule")
                            + " (disabled upstream as outdated, prone to false positives)");
            e.lines.add(line(r));
        }
    }

    private void fileNames(List<CsvTable.Row> rows) {
        for (CsvTable.Row r : rows) {
            String regex = r.get("path_regex");
            FileNameRegex.Translation t = FileNameRegex.translate(regex);
            String where = r.file() + ":" + r.line() + " " + regex.trim();
            if (t == null) {
                skipped.add(where + " (regex with classes or alternation; the matcher does no regex on paths)");
                continue;
            }
            if (!r.get("false_positive_regex").isEmpty()) {
                skipped.add(where + " (has a false-positive regex)");
                continue;
            }
            int score = Integer.parseInt(r.get("score"));
            Report report = reports.byText(r.get("section"));
            BundleEntry e = fileName(t.directory(), t.name());
            attribute(e, (report == reports.hogfish ? "RedLeaves " : "") + t.name(), true);
            reportLabel(e, report);
            e.add(
                    report,
                    score,
                    score >= 80 ? Level.MEDIUM : Level.LOW,
                    true,
                    "signature-base file-name regex " + regex.trim() + " (score " + score + ")");
            e.lines.add(line(r));
        }
    }

    private void artifacts(List<CsvTable.Row> rows) {
        for (CsvTable.Row r : rows) {
            String artifact = r.get("artifact");
            String type = r.get("artifact_type");
            String note = type.replace('_', ' ') + " (" + r.get("family") + "), seen in " + r.get("observable_in")
                    + "; source: " + r.get("source");
            Report report = reports.byText(r.get("source"));
            BundleEntry e;
            switch (type) {
                case "mutex" -> e = entry(Kind.MUTEX, artifact, "[mutex:name = '" + stixString(artifact) + "']");
                case "named_pipe" -> {
                    String name = artifact.startsWith("\\") ? artifact.substring(1) : artifact;
                    e = entry(
                            Kind.NAMED_PIPE,
                            artifact,
                            "[file:name = '" + stixString(name) + "' AND file:parent_directory_ref.path = '"
                                    + stixString("\\\\.\\pipe") + "']");
                }
                case "file_name", "internal_dll_name" -> e = fileName("", artifact);
                case "tcp_port" -> e = entry(Kind.PORT, artifact, "[network-traffic:dst_port = " + artifact + "]");
                case "domain_set" -> {
                    StringBuilder p = new StringBuilder();
                    int start = 0;
                    while (start <= artifact.length()) {
                        int bar = artifact.indexOf('|', start);
                        int end = bar < 0 ? artifact.length() : bar;
                        p.append(p.length() == 0 ? "" : " OR ")
                                .append("[domain-name:value = '")
                                .append(stixString(
                                        artifact.substring(start, end).trim()))
                                .append("']");
                        start = end + 1;
                    }
                    e = entry(Kind.DOMAIN_SET, artifact, p.toString());
                }
                default -> {
                    skipped.add(r.file() + ":" + r.line() + " " + type + " '" + artifact + "' (" + whyNot(type) + ")");
                    continue;
                }
            }
            attribute(e, r.get("family"), true);
            reportLabel(e, report);
            attackIds(e, r.get("source"));
            switch (type) {
                case "mutex", "named_pipe" -> e.add(report, 80, Level.HIGH, true, note);
                case "file_name" -> e.add(report, 70, Level.MEDIUM, true, note);
                case "internal_dll_name" -> e.add(report, 60, Level.MEDIUM, true, note);
                default ->
                    e.add(report, 10, Level.LOW, false, note + "; context only (legitimate traffic uses it too)");
            }
        }
    }

    private static String whyNot(String artifactType) {
        return switch (artifactType) {
            case "service_display_name" -> "no service-name indicator type; a Sigma rule on 7045 ServiceName fits";
            case "rc4_key", "xor_key" -> "payload content, not in event logs";
            case "http_user_agent" -> "HTTP header, not in Windows event logs";
            case "command_line_pattern" -> "wildcard command-line pattern; SigmaHQ's APT10 Cloud Hopper rule covers it";
            default -> "no indicator type for it";
        };
    }

    /**
     * A path-qualified file name ({@code Temp\obedience.exe}) adds nothing when the bare name is an
     * indicator too: it would only double every detection. Its references move to the bare name.
     */
    private void foldPathQualifiedNames() {
        for (BundleEntry e : new ArrayList<>(entries.values())) {
            if (e.kind != Kind.FILENAME || e.key.indexOf('\\') < 0) {
                continue;
            }
            BundleEntry bare = entries.get(Kind.FILENAME + ":" + e.key.substring(e.key.lastIndexOf('\\') + 1));
            if (bare == null) {
                continue;
            }
            bare.notes.addAll(e.notes);
            bare.labels.addAll(e.labels);
            bare.attackIds.addAll(e.attackIds);
            bare.lines.addAll(e.lines);
            for (Report r : e.reports) {
                bare.add(r, e.confidence, e.level, e.detect, null);
            }
            entries.remove(Kind.FILENAME + ":" + e.key);
        }
    }

    private BundleEntry hash(String type, String value) {
        String v = lower(value);
        return switch (type) {
            case "md5" -> entry(Kind.MD5, v, "[file:hashes.MD5 = '" + v + "']");
            case "sha1" -> entry(Kind.SHA1, v, "[file:hashes.'SHA-1' = '" + v + "']");
            case "sha256" -> entry(Kind.SHA256, v, "[file:hashes.'SHA-256' = '" + v + "']");
            default -> throw new IllegalStateException("unknown hash type " + type);
        };
    }

    private BundleEntry domain(String value) {
        String v = lower(value);
        return entry(Kind.DOMAIN, v, "[domain-name:value = '" + stixString(v) + "']");
    }

    private BundleEntry fileName(String directory, String name) {
        String key = lower(directory.isEmpty() ? name : directory + "\\" + name);
        String pattern = "[file:name = '" + stixString(name) + "'"
                + (directory.isEmpty()
                        ? ""
                        : " AND file:parent_directory_ref.path LIKE '" + stixString("%\\" + directory) + "'")
                + "]";
        return entry(Kind.FILENAME, key, pattern, directory.isEmpty() ? name : directory + "\\" + name);
    }

    private BundleEntry entry(Kind kind, String value, String pattern) {
        return entry(kind, lower(value), pattern, value);
    }

    private BundleEntry entry(Kind kind, String key, String pattern, String value) {
        return entries.computeIfAbsent(kind + ":" + key, k -> new BundleEntry(kind, key, value, pattern));
    }

    /** Group and family labels and ATT&CK ids for a row whose text names its families. */
    private void attribute(BundleEntry e, String text, boolean apt10) {
        if (apt10) {
            e.labels.add("apt10");
            e.labels.add("menupass");
            e.attackIds.add(attack.groupId);
        }
        String key = AttackFacts.key(text);
        for (String family : FAMILIES) {
            if (key.contains(AttackFacts.key(family))) {
                e.labels.add(family.toLowerCase(Locale.ROOT));
                String id = attack.softwareIds.get(AttackFacts.key(family));
                if (id != null) {
                    e.attackIds.add(id);
                }
                if (e.family == null) {
                    e.family = family;
                }
            }
        }
    }

    private static void reportLabel(BundleEntry e, Report report) {
        if (report == null) {
            return;
        }
        String name = report.sourceName().toLowerCase(Locale.ROOT);
        if (name.contains("cloud hopper")) {
            e.labels.add("operation-cloud-hopper");
        } else if (name.contains("ta17-117a")) {
            e.labels.add("ta17-117a");
        } else if (name.contains("hogfish")) {
            e.labels.add("hogfish");
        }
    }

    /** ATT&CK ids (G0045, S0153, T1571, T1027.013) mentioned in a source note. */
    private static void attackIds(BundleEntry e, String text) {
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            String token = text.substring(start, i);
            if (token.length() >= 5
                    && "GST".indexOf(token.charAt(0)) >= 0
                    && isDigits(token.substring(1, 5))
                    && (token.length() == 5
                            || token.length() == 9 && token.charAt(5) == '.' && isDigits(token.substring(6)))) {
                e.attackIds.add(token);
            }
            i++;
        }
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static BundleEntry.SourceLine line(CsvTable.Row r) {
        return new BundleEntry.SourceLine(r.get("source_file"), Integer.parseInt(r.get("source_line")));
    }

    private static String lower(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }

    /** Escapes a value for a single-quoted STIX pattern string. */
    static String stixString(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }

    /** The signature-base snapshot the lists were taken from (commit and date), read from SOURCE.md. */
    record SourceFacts(String commit, LocalDate date) {
        static SourceFacts read(Path sourceMd) {
            String text;
            try {
                text = Files.readString(sourceMd, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + sourceMd, e);
            }
            String marker = "Snapshot commit: `";
            int at = text.indexOf(marker);
            if (at < 0) {
                throw new IllegalStateException(sourceMd + " names no snapshot commit");
            }
            int end = text.indexOf('`', at + marker.length());
            String commit = text.substring(at + marker.length(), end);
            int open = text.indexOf('(', end);
            LocalDate date = LocalDate.parse(text.substring(open + 1, open + 11));
            return new SourceFacts(commit, date);
        }
    }
}
