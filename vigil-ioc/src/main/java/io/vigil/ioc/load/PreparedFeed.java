package io.vigil.ioc.load;

import io.vigil.core.detect.Level;
import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.ioc.Comparison;
import io.vigil.ioc.Indicator;
import io.vigil.ioc.IocSet;
import io.vigil.ioc.IocType;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A STIX feed already read by {@link StixLoader} and stored in a compact binary form, so that the
 * built-in bundle loads without parsing 2.7 MB of JSON and STIX patterns on every run. The build
 * writes it from the committed STIX file ({@link #main}, run by vigil-ioc's pom in {@code
 * process-classes}); the STIX file stays the only source, and this form is never committed.
 *
 * <p>It stores each usable indicator as a {@link StatedIndicator} (what the object states, with its
 * location), so loading it applies the feed name and {@link FeedOptions} through the same code as
 * {@link StixLoader} and gives an equal {@link IocSet} and equal diagnostics. Only a feed that loads
 * without any diagnostic (with context-only indicators included) can be prepared; the one option-dependent
 * diagnostic, the tally of {@code x_vigil_detect: false} indicators, is replayed from the stored flag.
 * Writing checks that loading the result equals loading the STIX file, and fails the build otherwise.
 *
 * <p>Layout: a header of six big-endian ints (magic, format version with the string block's encoding
 * in its low byte, length and CRC-32 of the STIX file, length of the string block, number of ints
 * that follow it), every string once as one Latin-1 or UTF-8 block, then big-endian ints: the char length of each string, the validity instants (seconds as two
 * ints, nanoseconds), and the indicators with every string and instant as a table index (-1 for null).
 */
public final class PreparedFeed {
    private static final int MAGIC = 0x5649_4f43; // "VIOC"
    private static final int VERSION = 1;
    private static final int NULL = -1;
    private static final int HEADER = 24;
    // how the string block is encoded: the low byte of the version int
    private static final int UTF8 = 0;
    private static final int LATIN1 = 1;

    private PreparedFeed() {}

    /**
     * Writes the prepared form of a STIX file: {@code PreparedFeed <stix file> <output file>}. Fails
     * (non-zero exit through the exception) when the feed has diagnostics or the result differs.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: PreparedFeed <stix file> <output file>");
        }
        Path stix = Path.of(args[0]);
        byte[] prepared = write(stix.toString(), Files.readAllBytes(stix));
        Path out = Path.of(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, prepared);
    }

    /**
     * The prepared form of STIX {@code content}.
     *
     * @throws IllegalArgumentException when the feed loads with a diagnostic, or (a bug) when loading
     *     the prepared form would not give what {@link StixLoader} gives
     */
    static byte[] write(String feed, byte[] content) {
        List<Diagnostic> found = new ArrayList<>();
        FeedProblems problems = new FeedProblems(feed, found::add);
        List<StatedIndicator> stated = new ArrayList<>();
        FeedOptions all = FeedOptions.defaults().withNonDetection(true);
        StixLoader.read(feed, content, all, problems, s -> {
            stated.add(s);
            s.indicator(feed, all, problems);
        });
        problems.flush();
        if (!found.isEmpty()) {
            throw new IllegalArgumentException("only a STIX feed without diagnostics can be prepared; " + found.size()
                    + ", first: " + found.get(0));
        }
        byte[] prepared = encode(content, stated);
        for (FeedOptions options : List.of(FeedOptions.defaults(), all)) {
            List<Diagnostic> viaStix = new ArrayList<>();
            List<Diagnostic> viaPrepared = new ArrayList<>();
            List<Indicator> expected =
                    StixLoader.load(feed, content, options, viaStix::add).indicators();
            IocSet actual = load(feed, prepared, options, viaPrepared::add);
            if (actual == null || !actual.indicators().equals(expected) || !viaPrepared.equals(viaStix)) {
                throw new IllegalArgumentException("the prepared form of " + feed + " does not load as the STIX file");
            }
        }
        return prepared;
    }

    /** True when {@code prepared} was written from exactly {@code stix} (its length and CRC-32). */
    static boolean preparedFrom(byte[] prepared, byte[] stix) {
        return prepared.length >= HEADER
                && intAt(prepared, 0) == MAGIC
                && intAt(prepared, 4) >>> 8 == VERSION
                && intAt(prepared, 8) == stix.length
                && intAt(prepared, 12) == crc(stix);
    }

    /**
     * Loads a prepared feed as {@link StixLoader} loads the STIX file it was written from; null when
     * {@code prepared} is not this version's format or is damaged (nothing is reported then).
     */
    static IocSet load(String feed, byte[] prepared, FeedOptions options, DiagnosticSink sink) {
        List<StatedIndicator> stated = decode(prepared);
        if (stated == null) {
            return null;
        }
        FeedProblems problems = new FeedProblems(feed, sink);
        IocSet.Builder out = IocSet.builder();
        for (StatedIndicator s : stated) {
            if (!s.detect() && !options.includeNonDetection()) {
                StatedIndicator.notForDetection(problems, problems.at(s.line(), s.column()));
                continue;
            }
            Indicator ind = s.indicator(feed, options, problems);
            if (ind != null) {
                out.add(ind);
            }
        }
        problems.flush();
        return out.build();
    }

    private static byte[] encode(byte[] stix, List<StatedIndicator> stated) {
        Map<String, Integer> strings = new LinkedHashMap<>();
        Map<Instant, Integer> instants = new LinkedHashMap<>();
        List<Integer> body = new ArrayList<>();
        body.add(stated.size());
        for (StatedIndicator s : stated) {
            body.add(s.line());
            body.add(s.column());
            body.add(index(strings, s.id()));
            body.add(index(strings, s.author()));
            body.add(index(strings, s.description()));
            body.add(s.tags().size());
            for (String tag : s.tags()) {
                body.add(index(strings, tag));
            }
            body.add(s.detect() ? 1 : 0);
            body.add(index(strings, s.level() == null ? null : s.level().name()));
            body.add(s.confidence());
            body.add(index(instants, s.validFrom()));
            body.add(index(instants, s.validUntil()));
            body.add(s.clauses().size());
            for (List<Comparison> clause : s.clauses()) {
                body.add(clause.size());
                for (Comparison c : clause) {
                    body.add(index(strings, c.type().name()));
                    body.add(index(strings, c.value()));
                    body.add(index(strings, c.key()));
                }
            }
        }
        List<Integer> ints = new ArrayList<>();
        ints.add(strings.size());
        StringBuilder text = new StringBuilder();
        for (String s : strings.keySet()) {
            ints.add(s.length());
            text.append(s);
        }
        ints.add(instants.size());
        for (Instant t : instants.keySet()) {
            ints.add((int) (t.getEpochSecond() >>> 32));
            ints.add((int) t.getEpochSecond());
            ints.add(t.getNano());
        }
        ints.addAll(body);
        // Latin-1 when every char fits (the built-in bundle's do): the JVM then copies the block into a
        // String without decoding it
        String all = text.toString();
        boolean latin1 = all.chars().allMatch(c -> c <= 0xff);
        byte[] block = all.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(whole)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION << 8 | (latin1 ? LATIN1 : UTF8));
            out.writeInt(stix.length);
            out.writeInt(crc(stix));
            out.writeInt(block.length);
            out.writeInt(ints.size());
            out.write(block);
            for (int i : ints) {
                out.writeInt(i);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return whole.toByteArray();
    }

    private static List<StatedIndicator> decode(byte[] prepared) {
        try {
            int version = intAt(prepared, 4);
            if (intAt(prepared, 0) != MAGIC || version >>> 8 != VERSION) {
                return null;
            }
            int block = intAt(prepared, 16);
            int[] ints = new int[intAt(prepared, 20)];
            if (HEADER + block + 4L * ints.length != prepared.length) {
                return null;
            }
            // one decoding of the whole string block and one bulk copy of all the numbers: the JVM is
            // cold while the built-in feed loads, so what counts is the number of calls made here
            String text = new String(
                    prepared,
                    HEADER,
                    block,
                    (version & 0xff) == LATIN1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            ByteBuffer.wrap(prepared, HEADER + block, 4 * ints.length)
                    .asIntBuffer()
                    .get(ints);
            int at = 0;
            String[] strings = new String[ints[at++]];
            int from = 0;
            for (int i = 0; i < strings.length; i++) {
                int length = ints[at++];
                strings[i] = text.substring(from, from + length);
                from += length;
            }
            Instant[] instants = new Instant[ints[at++]];
            for (int i = 0; i < instants.length; i++) {
                long seconds = (long) ints[at++] << 32 | ints[at++] & 0xffff_ffffL;
                instants[i] = Instant.ofEpochSecond(seconds, ints[at++]);
            }
            // enum constants by string index, looked up once each
            IocType[] types = new IocType[strings.length];
            List<StatedIndicator> stated = new ArrayList<>(ints[at]);
            for (int i = ints[at++]; i > 0; i--) {
                int line = ints[at++];
                int column = ints[at++];
                String id = strings[ints[at++]];
                String author = string(strings, ints[at++]);
                String description = string(strings, ints[at++]);
                String[] tags = new String[ints[at++]];
                for (int t = 0; t < tags.length; t++) {
                    tags[t] = strings[ints[at++]];
                }
                boolean detect = ints[at++] != 0;
                String level = string(strings, ints[at++]);
                int confidence = ints[at++];
                int validFrom = ints[at++];
                int validUntil = ints[at++];
                // immutable lists from the start, so that the Indicator constructor's copies are no-ops
                @SuppressWarnings({"unchecked", "rawtypes"})
                List<Comparison>[] clauses = new List[ints[at++]];
                for (int c = 0; c < clauses.length; c++) {
                    Comparison[] clause = new Comparison[ints[at++]];
                    for (int k = 0; k < clause.length; k++) {
                        int type = ints[at++];
                        if (types[type] == null) {
                            types[type] = IocType.valueOf(strings[type]);
                        }
                        clause[k] = new Comparison(types[type], strings[ints[at++]], strings[ints[at++]]);
                    }
                    clauses[c] = List.of(clause);
                }
                stated.add(new StatedIndicator(
                        line,
                        column,
                        id,
                        author,
                        description,
                        List.of(tags),
                        detect,
                        level == null ? null : Level.valueOf(level),
                        confidence,
                        validFrom == NULL ? null : instants[validFrom],
                        validUntil == NULL ? null : instants[validUntil],
                        List.of(clauses)));
            }
            return at == ints.length ? stated : null;
        } catch (RuntimeException e) {
            // a damaged or foreign file (bad index or count, unknown enum name): the caller falls back
            // to the STIX file, which the build checked this form against
            return null;
        }
    }

    private static int intAt(byte[] bytes, int i) {
        return bytes[i] << 24 | (bytes[i + 1] & 0xff) << 16 | (bytes[i + 2] & 0xff) << 8 | bytes[i + 3] & 0xff;
    }

    private static <T> int index(Map<T, Integer> table, T value) {
        return value == null ? NULL : table.computeIfAbsent(value, k -> table.size());
    }

    private static String string(String[] strings, int index) {
        return index == NULL ? null : strings[index];
    }

    private static int crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
