package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.engine.cache.ParseCache;
import io.vigil.sigma.LoadResult;
import io.vigil.sigma.compile.Placeholders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule cache changes how fast rules load, never what loads: the same rules, detections,
 * diagnostics and counts with and without it, and a changed rule file, a damaged cache file or other
 * placeholders are all seen.
 */
class RuleCacheTest {
    private static final String PROC = """
            title: mimikatz on the command line
            id: r-proc
            status: test
            logsource:
              product: windows
              category: process_creation
            detection:
              sel:
                CommandLine|contains: mimikatz
              condition: sel
            level: high
            """;

    private static final String FILTER = """
            title: admins may
            id: f-admin
            logsource:
              product: windows
              category: process_creation
            filter:
              rules:
                - r-proc
              sel:
                User: admin
              condition: sel
            """;

    // Two documents: a rule without a level (a warning) and a correlation over the process rule.
    private static final String MULTI = """
            title: base64 in a logon
            id: r-logon
            logsource:
              product: windows
              service: security
            detection:
              sel:
                EventID: 4624
                TargetUserName|base64offset|contains: evil
              condition: sel
            ---
            title: mimikatz twice
            id: c-twice
            correlation:
              type: event_count
              rules:
                - r-proc
              group-by:
                - Computer
              timespan: 5m
              condition:
                gte: 2
            level: critical
            """;

    private static final String JUMP = """
            title: logon on a jump server
            id: r-jump
            logsource:
              product: windows
              service: security
            detection:
              sel:
                EventID: 4624
                Computer|expand: '%jump_servers%'
              condition: sel
            level: medium
            """;

    private static final String BROKEN = """
            title: broken
            logsource: {product: windows
            detection:
              sel: {A: 1}
              condition: sel
            """;

    private static final Placeholders JUMP_SERVERS = new Placeholders(Map.of("jump_servers", List.of("JUMP01")));

    @TempDir
    Path tmp;

    private Path rules;
    private Path cacheDir;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void writeRules() throws IOException {
        rules = Files.createDirectories(tmp.resolve("rules"));
        cacheDir = tmp.resolve("cache");
        write("proc.yml", PROC);
        write("filter.yml", FILTER);
        write("multi.yml", MULTI);
        write("jump.yml", JUMP);
        write("sub/broken.yml", BROKEN);
    }

    private void write(String name, String text) throws IOException {
        Path p = rules.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private ParseCache cache() {
        return ParseCache.in(cacheDir, warnings::add);
    }

    private LoadResult load(ParseCache cache, Placeholders placeholders) {
        return RuleLoading.load(List.of(rules.toString()), placeholders, cache);
    }

    private static Event event(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Event.of(m, Instant.parse("2024-03-05T14:30:00Z"), Provenance.line("events.jsonl", 1));
    }

    private static final List<Event> EVENTS = List.of(
            event(
                    "Channel",
                    "Microsoft-Windows-Sysmon/Operational",
                    "EventID",
                    1L,
                    "CommandLine",
                    "x mimikatz y",
                    "User",
                    "bob"),
            event(
                    "Channel",
                    "Microsoft-Windows-Sysmon/Operational",
                    "EventID",
                    1L,
                    "CommandLine",
                    "x mimikatz y",
                    "User",
                    "admin"),
            event(
                    "Channel",
                    "Microsoft-Windows-Sysmon/Operational",
                    "EventID",
                    1L,
                    "CommandLine",
                    "x mimidogz y",
                    "User",
                    "bob"),
            event("Channel", "Security", "EventID", 4624L, "Computer", "JUMP01", "TargetUserName", "ZXZpbA=="),
            event("Channel", "Security", "EventID", 4624L, "Computer", "WS7", "TargetUserName", "bob"));

    /** Everything a load produces that a user can see, as text: rules, detections, diagnostics, counts. */
    private static List<String> observable(LoadResult r) {
        List<String> out = new ArrayList<>();
        r.rules()
                .rules()
                .forEach(c -> out.add("rule " + c.ref().id() + " " + c.ref().path() + " " + c.inactiveReason()));
        for (Event e : EVENTS) {
            List<String> ids = new ArrayList<>();
            r.rules().match(e, c -> ids.add(c.ref().id()));
            out.add("fired " + ids);
        }
        r.diagnostics().forEach(d -> out.add(d + " subject=" + d.subject()));
        out.add("summary " + r.summary());
        out.add("correlations " + r.correlations().specs().size());
        return out;
    }

    private Path onlyCacheFile() throws IOException {
        try (Stream<Path> files = Files.list(cacheDir)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    @Test
    void sameRulesDetectionsAndDiagnosticsWithAndWithoutTheCache() throws IOException {
        List<String> fresh = observable(load(ParseCache.NONE, Placeholders.NONE));
        ParseCache cold = cache();
        List<String> written = observable(load(cold, Placeholders.NONE));
        ParseCache warm = cache();
        List<String> read = observable(load(warm, Placeholders.NONE));

        assertThat(cold.hits()).isZero();
        assertThat(warm.hits()).isEqualTo(5);
        assertThat(written).isEqualTo(fresh);
        assertThat(read).isEqualTo(fresh);
        assertThat(warnings).isEmpty();
        // The set is not trivial: it fires, filters, warns, rejects, and holds a correlation.
        assertThat(fresh).contains("fired [r-proc]", "fired []", "correlations 1");
        assertThat(fresh).anyMatch(l -> l.contains("broken.yml:3:") && l.contains("yaml-syntax"));
        assertThat(fresh).anyMatch(l -> l.contains("unknown-level"));
        assertThat(fresh).anyMatch(l -> l.contains("unresolved-placeholder"));
        assertThat(onlyCacheFile().getFileName().toString()).endsWith(".bin");
    }

    @Test
    void anEditThatKeepsSizeAndMtimeIsSeen() throws IOException {
        load(cache(), Placeholders.NONE);
        Path proc = rules.resolve("proc.yml");
        FileTime mtime = Files.getLastModifiedTime(proc);
        long size = Files.size(proc);
        Files.writeString(proc, PROC.replace("mimikatz", "mimidogz"));
        Files.setLastModifiedTime(proc, mtime);
        assertThat(Files.size(proc)).isEqualTo(size);

        ParseCache warm = cache();
        List<String> read = observable(load(warm, Placeholders.NONE));

        assertThat(warm.hits()).isEqualTo(4);
        assertThat(read).isEqualTo(observable(load(ParseCache.NONE, Placeholders.NONE)));
        // After the two rule lines: event 1 (mimikatz, bob) no longer fires; event 3 (mimidogz, bob) does.
        assertThat(read.subList(2, 5)).containsExactly("fired []", "fired []", "fired [r-proc]");
    }

    @Test
    void otherPlaceholdersCompileTheCachedParseAgain() {
        List<String> without = observable(load(cache(), Placeholders.NONE));
        ParseCache warm = cache();
        List<String> with = observable(load(warm, JUMP_SERVERS));

        assertThat(warm.hits()).isEqualTo(5);
        assertThat(with).isEqualTo(observable(load(ParseCache.NONE, JUMP_SERVERS)));
        assertThat(without).noneMatch(l -> l.startsWith("rule r-jump"));
        assertThat(with).anyMatch(l -> l.startsWith("rule r-jump"));
        assertThat(without).contains("fired [r-logon]");
        assertThat(with).contains("fired [r-jump, r-logon]");
        assertThat(with).noneMatch(l -> l.contains("unresolved-placeholder"));
    }

    @Test
    void aDamagedCacheFileGivesOneWarningAndANormalLoad() throws IOException {
        List<String> fresh = observable(load(ParseCache.NONE, Placeholders.NONE));
        load(cache(), Placeholders.NONE);
        Path file = onlyCacheFile();
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x20;
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 3);
        byte[] foreign = "title: not a cache\n".getBytes(StandardCharsets.UTF_8);
        for (byte[] damaged : List.of(flipped, truncated, foreign, new byte[0])) {
            warnings.clear();
            Files.write(file, damaged);
            ParseCache c = cache();
            assertThat(observable(load(c, Placeholders.NONE))).isEqualTo(fresh);
            assertThat(c.hits()).isZero();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains(file.toString()).doesNotContain("\n");
            // The load rewrote a good file.
            assertThat(Files.readAllBytes(file)).isEqualTo(good);
        }
    }

    @Test
    void anotherBuildsCacheFileIsReplacedWithoutAWarning() throws IOException {
        load(cache(), Placeholders.NONE);
        Path file = onlyCacheFile();
        byte[] good = Files.readAllBytes(file);
        // Header: "vigil-parse-cache\n", then one byte each for the format version, the string id and
        // the length of the build fingerprint, then the fingerprint. Change its first character and
        // re-seal the file with a valid CRC-32: a well-formed file from another build.
        byte[] other = good.clone();
        int at = "vigil-parse-cache\n".length() + 3;
        other[at] = (byte) (other[at] == 'f' ? 'e' : 'f');
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(other, 0, other.length - 8);
        java.nio.ByteBuffer.wrap(other, other.length - 8, 8).putLong(crc.getValue());
        Files.write(file, other);

        ParseCache c = cache();
        assertThat(observable(load(c, Placeholders.NONE)))
                .isEqualTo(observable(load(ParseCache.NONE, Placeholders.NONE)));
        assertThat(c.hits()).isZero();
        assertThat(warnings).isEmpty();
        assertThat(Files.readAllBytes(file)).isEqualTo(good);
    }

    @Test
    void onlyTheMostRecentlyUsedCacheFilesAreKept() throws IOException {
        Files.createDirectories(cacheDir);
        List<Path> others = new ArrayList<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < ParseCache.KEEP + 2; i++) {
            Path f = cacheDir.resolve(String.format("%016x.bin", i + 1));
            Files.writeString(f, "the cache of another list of rule paths");
            Files.setLastModifiedTime(f, FileTime.from(t.plusSeconds(60L * i)));
            others.add(f);
        }
        Path notOurs = Files.writeString(cacheDir.resolve("notes.bin.txt"), "not a cache file");
        load(cache(), Placeholders.NONE);
        List<Path> bins;
        try (Stream<Path> files = Files.list(cacheDir)) {
            bins = files.filter(f -> ParseCache.isCacheFileName(f.getFileName().toString()))
                    .toList();
        }
        assertThat(bins).hasSize(ParseCache.KEEP);
        // the file just written and the KEEP - 1 most recently used of the others
        int dropped = others.size() - (ParseCache.KEEP - 1);
        assertThat(others.subList(0, dropped)).allSatisfy(f -> assertThat(f).doesNotExist());
        assertThat(others.subList(dropped, others.size()))
                .allSatisfy(f -> assertThat(f).exists());
        assertThat(notOurs).exists();

        // A warm load writes nothing but marks its file as used, so a later prune keeps it.
        Path mine = bins.stream().filter(f -> !others.contains(f)).findFirst().orElseThrow();
        byte[] written = Files.readAllBytes(mine);
        Files.setLastModifiedTime(mine, FileTime.from(t));
        ParseCache warm = cache();
        load(warm, Placeholders.NONE);
        assertThat(warm.hits()).isPositive();
        assertThat(Files.readAllBytes(mine)).isEqualTo(written);
        assertThat(Files.getLastModifiedTime(mine).toInstant()).isAfter(t.plusSeconds(3600));
        assertThat(warnings).isEmpty();
    }

    @Test
    void anUnwritableCacheDirectoryMeansNoCache() throws IOException {
        Files.writeString(cacheDir, "a file where the directory should be");
        ParseCache c = cache();
        List<String> first = observable(load(c, Placeholders.NONE));
        ParseCache again = cache();
        assertThat(observable(load(again, Placeholders.NONE))).isEqualTo(first);
        assertThat(again.hits()).isZero();
        assertThat(warnings).isEmpty();
        assertThat(first).isEqualTo(observable(load(ParseCache.NONE, Placeholders.NONE)));
    }

    @Test
    void diagnosticsKeepTheirPositions() {
        load(cache(), Placeholders.NONE);
        List<Diagnostic> warm = load(cache(), Placeholders.NONE).diagnostics();
        assertThat(warm).isEqualTo(load(ParseCache.NONE, Placeholders.NONE).diagnostics());
        assertThat(warm)
                .anyMatch(d -> d.code().equals("yaml-syntax") && d.location().line() == 3);
    }
}
