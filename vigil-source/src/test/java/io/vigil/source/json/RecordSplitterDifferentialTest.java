package io.vigil.source.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The vectorised {@link RecordSplitter} against {@link ReferenceRecordSplitter}, the byte-at-a-time
 * version it replaced: the same slices (bytes, length, line, column, end, oversized, next line) and the
 * same end state (unterminated array, line, column), whatever the input and however its stream splits
 * its reads. Inputs: the OTRF corpus of {@code ../shared}, the repository's {@code examples/}, and
 * generated JSON with the damage recovery has to handle.
 */
class RecordSplitterDifferentialTest {
    private static final int DEFAULT_MAX = JsonLimits.DEFAULTS.maxRecordBytes();

    /** One slice, or the end state, as comparable text. */
    private static String describe(RecordSlice s) {
        return s.line() + ":" + s.column() + " " + s.end() + (s.oversized() ? " oversized" : "") + " next="
                + s.nextLine()
                + " len=" + s.length() + " array=" + s.bytes().length + " "
                + HexFormat.of().formatHex(s.bytes(), 0, Math.min(s.bytes().length, s.length()));
    }

    private static List<String> fast(InputStream in, int maxBytes) throws IOException {
        RecordSplitter splitter = new RecordSplitter("in", in, maxBytes);
        List<String> out = new ArrayList<>();
        RecordSlice slice;
        while ((slice = splitter.next()) != null) {
            out.add(describe(slice));
        }
        out.add("end array=" + splitter.unterminatedArray() + " at " + splitter.line() + ":" + splitter.column());
        return out;
    }

    private static List<String> reference(InputStream in, int maxBytes) throws IOException {
        ReferenceRecordSplitter splitter = new ReferenceRecordSplitter("in", in, maxBytes);
        List<String> out = new ArrayList<>();
        RecordSlice slice;
        while ((slice = splitter.next()) != null) {
            out.add(describe(slice));
        }
        out.add("end array=" + splitter.unterminatedArray() + " at " + splitter.line() + ":" + splitter.column());
        return out;
    }

    /**
     * Asserts both splitters agree on {@code input}, read whole and in short reads of 1 to {@code
     * maxRead} bytes; returns the number of slices.
     */
    private static int assertSame(String name, byte[] input, int maxBytes, Random random, int maxRead)
            throws IOException {
        List<String> expected = reference(new ByteArrayInputStream(input), maxBytes);
        long seed = random.nextLong();
        compare(name + " (whole reads)", expected, fast(new ByteArrayInputStream(input), maxBytes));
        compare(
                name + " (reads of 1.." + maxRead + " bytes, seed " + seed + ")",
                expected,
                fast(new ShortReads(input, new Random(seed), maxRead), maxBytes));
        return expected.size() - 1;
    }

    private static void compare(String name, List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                fail("%s: slice %d differs%n  reference: %s%n  fast:      %s", name, i, expected.get(i), actual.get(i));
            }
        }
        assertThat(actual).as(name + ": slice count").hasSameSizeAs(expected);
    }

    @Test
    void agreesOnTheSharedJsonCorpus() throws IOException {
        String shared = System.getProperty("vigil.shared");
        if (shared == null || !Files.isDirectory(Path.of(shared, "corpus", "json"))) {
            fail("system property vigil.shared must name the ../shared folder that holds corpus/json, not " + shared);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(shared, "corpus", "json"))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Random random = new Random(1);
        long slices = 0;
        int oversized = 0;
        for (Path file : files) {
            byte[] input = Files.readAllBytes(file);
            slices += assertSame(file.toString(), input, DEFAULT_MAX, random, 1 << 16);
            // records of ~2 KB against a 1 KiB limit: many are oversized, gathered across reads
            List<String> small = fast(new ByteArrayInputStream(input), 1024);
            oversized +=
                    (int) small.stream().filter(s -> s.contains(" oversized ")).count();
            compare(file + " (max 1024)", reference(new ByteArrayInputStream(input), 1024), small);
        }
        assertThat(files).hasSizeGreaterThan(50);
        assertThat(slices).isGreaterThan(30_000);
        assertThat(oversized).isGreaterThan(1000);
    }

    @Test
    void agreesOnTheExamples() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("..", "examples"))) {
            files = walk.filter(Files::isRegularFile)
                    .filter(RecordSplitterDifferentialTest::isJson)
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThan(15);
        Random random = new Random(2);
        for (Path file : files) {
            byte[] input = Files.readAllBytes(file);
            if (file.toString().endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(input))) {
                    input = in.readAllBytes();
                }
            }
            assertThat(assertSame(file.toString(), input, DEFAULT_MAX, random, 4096))
                    .as(file.toString())
                    .isPositive();
        }
    }

    @Test
    void agreesOnGeneratedJson() throws IOException {
        Random random = new Random(3);
        int[] limits = {2, 3, 7, 16, 64, 300, DEFAULT_MAX};
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            byte[] input = Generated.document(random);
            int maxBytes = limits[random.nextInt(limits.length)];
            int maxRead = 1 + random.nextInt(random.nextBoolean() ? 16 : 600);
            assertSame("generated document " + i + " " + quoted(input), input, maxBytes, random, maxRead);
            seen.addAll(reference(new ByteArrayInputStream(input), maxBytes));
        }
        // the generator reaches every way a value can end
        for (String kind : List.of(" COMPLETE ", " NEW_RECORD ", " END_OF_INPUT ", " oversized ", "array=true")) {
            assertThat(seen.stream().filter(s -> s.contains(kind)).count())
                    .as(kind)
                    .isGreaterThan(100);
        }
    }

    @Test
    void agreesOnRandomStructuralBytes() throws IOException {
        Random random = new Random(4);
        byte[] alphabet = "{}[]\"\\\n\r ,:ab*\u0002{\"\\\n".getBytes(UTF_8);
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        for (int i = 0; i < 4000; i++) {
            byte[] input = new byte[random.nextInt(400)];
            for (int j = 0; j < input.length; j++) {
                input[j] = alphabet[random.nextInt(alphabet.length)];
            }
            if (random.nextInt(8) == 0 && input.length >= 3) {
                System.arraycopy(bom, 0, input, 0, 3);
            }
            int maxBytes = random.nextBoolean() ? DEFAULT_MAX : 2 + random.nextInt(40);
            assertSame("fuzz " + i + " " + quoted(input), input, maxBytes, random, 1 + random.nextInt(20));
        }
    }

    @Test
    void agreesOnValuesLargerThanTheReadBuffer() throws IOException {
        Random random = new Random(5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < 3 << 20) {
            // one value of up to 600 KB, straddling the 256 KiB buffer, among small ones
            out.writeBytes(Generated.record(random, random.nextInt(20) == 0 ? 40_000 : 40));
            out.write('\n');
        }
        byte[] input = out.toByteArray();
        assertSame("large values", input, DEFAULT_MAX, random, 1 << 20);
        assertSame("large values, max 300000", input, 300_000, random, 1 << 20);
        assertSame("large values, max 100", input, 100, random, 1 << 20);
    }

    @Test
    void countsALineBreakAfterABackslashWhereverTheReadsSplit() throws IOException {
        byte[] input = "{\"a\":\"x\\\n\"}\n{\"b\":1}\n".getBytes(UTF_8);
        for (int maxRead = 1; maxRead <= input.length; maxRead++) {
            List<String> slices = fast(new ShortReads(input, new Random(maxRead), maxRead), DEFAULT_MAX);
            assertThat(slices.get(0)).startsWith("1:1 COMPLETE next=2 ");
            assertThat(slices.get(1)).startsWith("3:1 COMPLETE next=3 ");
        }
    }

    private static boolean isJson(Path file) {
        String name = file.getFileName().toString();
        String plain = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        return plain.endsWith(".json") || plain.endsWith(".jsonl") || plain.endsWith(".ndjson");
    }

    private static String quoted(byte[] input) {
        String text = new String(input, UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** A stream that returns 1 to {@code maxRead} bytes per read, as pipes and inflaters do. */
    private static final class ShortReads extends InputStream {
        private final byte[] data;
        private final Random random;
        private final int maxRead;
        private int pos;

        ShortReads(byte[] data, Random random, int maxRead) {
            this.data = data;
            this.random = random;
            this.maxRead = maxRead;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(maxRead)), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** JSON inputs in the layouts the reader accepts, with the damage its recovery rules are for. */
    private static final class Generated {
        private static final String[] PIECES = {
            "a",
            "bc",
            "defghij",
            "C:",
            "\\\\",
            "\\\"",
            "\\\\\\\"",
            "\\n",
            "\\t",
            "\\u00e9",
            "\\/",
            "é",
            "漢字",
            "😀",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            " ",
            "'",
            // the string search's test also flags '*' and 0x02
            "*",
            "\\*",
            "\u0002",
            "\\\\\\\\",
            "0123456789abcdef",
        };

        static byte[] document(Random random) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (random.nextInt(8) == 0) {
                out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            int layout = random.nextInt(4);
            int values = random.nextInt(12);
            if (layout == 2) {
                out.writeBytes(blank(random).getBytes(UTF_8));
                out.write('[');
            }
            for (int i = 0; i < values; i++) {
                if (layout == 2 && i > 0) {
                    out.writeBytes((blank(random) + "," + blank(random)).getBytes(UTF_8));
                }
                byte[] value = switch (random.nextInt(12)) {
                    case 0 -> scalar(random);
                    case 1 -> "garbage { \"line".getBytes(UTF_8);
                    default -> layout == 1 ? pretty(random) : record(random, 1 + random.nextInt(30));
                };
                if (random.nextInt(10) == 0) {
                    value = Arrays.copyOf(value, random.nextInt(value.length + 1));
                }
                if (random.nextInt(15) == 0 && value.length > 0) {
                    // a raw line break (or CR LF) somewhere, often inside a string
                    int at = random.nextInt(value.length);
                    byte[] cut = random.nextBoolean() ? new byte[] {'\n'} : new byte[] {'\r', '\n'};
                    ByteArrayOutputStream damaged = new ByteArrayOutputStream();
                    damaged.write(value, 0, at);
                    damaged.writeBytes(cut);
                    damaged.write(value, at, value.length - at);
                    value = damaged.toByteArray();
                }
                out.writeBytes(value);
                if (layout != 2) {
                    out.writeBytes((random.nextInt(6) == 0 ? "\r\n" : "\n")
                            .repeat(random.nextInt(3))
                            .getBytes(UTF_8));
                    if (random.nextInt(10) == 0) {
                        out.writeBytes(blank(random).getBytes(UTF_8));
                    }
                }
            }
            if (layout == 2 && random.nextInt(4) != 0) {
                out.writeBytes((blank(random) + "]" + blank(random)).getBytes(UTF_8));
            }
            byte[] document = out.toByteArray();
            return random.nextInt(10) == 0 ? Arrays.copyOf(document, random.nextInt(document.length + 1)) : document;
        }

        private static String blank(Random random) {
            return new String[] {"", " ", "\n", "\r\n", "\t", "\n\n  "}[random.nextInt(6)];
        }

        private static byte[] scalar(Random random) {
            return new String[] {"7", "-1.5e3", "true", "null", "\"text\"", "\"a\\\"b,]\"", "nul"}
                    [random.nextInt(7)].getBytes(UTF_8);
        }

        /** A flat (sometimes nested) object on one line, its strings about {@code size} pieces long. */
        static byte[] record(Random random, int size) {
            StringBuilder s = new StringBuilder("{");
            int fields = 1 + random.nextInt(8);
            for (int i = 0; i < fields; i++) {
                if (i > 0) {
                    s.append(random.nextBoolean() ? "," : ", ");
                }
                s.append('"').append(string(random, 1 + random.nextInt(3))).append("\":");
                switch (random.nextInt(6)) {
                    case 0 -> s.append(random.nextInt());
                    case 1 -> s.append(new String(record(random, 3), UTF_8));
                    case 2 -> s.append("[1,\"x]\",{\"y\":\"}\"},[]]");
                    default ->
                        s.append('"')
                                .append(string(random, random.nextInt(size + 1)))
                                .append('"');
                }
            }
            return s.append('}').toString().getBytes(UTF_8);
        }

        /** An object as evtx_dump and jq print it: one field a line, nested objects indented. */
        private static byte[] pretty(Random random) {
            StringBuilder s = new StringBuilder("{\n");
            int fields = 1 + random.nextInt(5);
            for (int i = 0; i < fields; i++) {
                s.append("  \"").append(string(random, 2)).append("\": ");
                if (random.nextInt(4) == 0) {
                    s.append(random.nextBoolean() ? "{\n    \"x\": 1\n  }" : "\n{\"x\": \"\\\\\"}");
                } else {
                    s.append('"').append(string(random, random.nextInt(20))).append('"');
                }
                s.append(i + 1 < fields ? ",\n" : "\n");
            }
            return s.append('}').toString().getBytes(UTF_8);
        }

        private static String string(Random random, int pieces) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < pieces; i++) {
                s.append(PIECES[random.nextInt(PIECES.length)]);
                if (random.nextInt(4) == 0) {
                    s.append("x".repeat(random.nextInt(9)));
                }
            }
            return s.toString();
        }
    }
}
