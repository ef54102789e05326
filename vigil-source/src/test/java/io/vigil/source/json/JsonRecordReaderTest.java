package io.vigil.source.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.Severity;
import io.vigil.core.event.Provenance;
import io.vigil.source.RawRecord;
import io.vigil.source.files.InputFile;
import io.vigil.source.files.InputOpener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonRecordReaderTest {
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<RawRecord> records = new ArrayList<>();

    private ReadResult read(String text) {
        return read(text.getBytes(UTF_8), JsonLimits.DEFAULTS);
    }

    private ReadResult read(byte[] bytes, JsonLimits limits) {
        JsonRecordReader reader = new JsonRecordReader(limits, InputOpener.withDefaults(), diagnostics::add);
        return reader.read("in.json", new ByteArrayInputStream(bytes), records::add);
    }

    private List<Long> lines() {
        return records.stream().map(r -> r.provenance().line()).toList();
    }

    private List<Object> values(String key) {
        return records.stream().map(r -> r.tree().get(key)).toList();
    }

    @Test
    void readsASingleObjectAsAnOrderedTree() {
        ReadResult result = read("{\"b\": 1, \"a\": {\"y\": [1, \"x\", null, true], \"x\": 2.5}}");

        assertThat(result.recordsRead()).isEqualTo(1);
        assertThat(result.completed()).isTrue();
        Map<String, Object> tree = records.get(0).tree();
        assertThat(tree.keySet()).containsExactly("b", "a");
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) tree.get("a");
        assertThat(inner.keySet()).containsExactly("y", "x");
        assertThat(inner.get("y")).isEqualTo(java.util.Arrays.asList(1L, "x", null, true));
        assertThat(inner.get("x")).isEqualTo(2.5);
        assertThat(records.get(0).provenance()).isEqualTo(Provenance.line("in.json", 1));
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void keepsNumbersWithoutLoss() {
        read("{\"long\": 9223372036854775807, \"negative\": -9214364837600034816,"
                + " \"exactBig\": 100000000000000000000, \"huge\": 18446744073709551615, \"fraction\": 1.5e3}");

        Map<String, Object> tree = records.get(0).tree();
        assertThat(tree.get("long")).isEqualTo(Long.MAX_VALUE);
        assertThat(tree.get("negative")).isEqualTo(-9214364837600034816L);
        assertThat(tree.get("exactBig")).isEqualTo(1e20);
        assertThat(tree.get("huge")).isEqualTo("18446744073709551615");
        assertThat(tree.get("fraction")).isEqualTo(1500.0);
    }

    @Test
    void readsATopLevelArrayOfObjectsAndReportsOtherElements() {
        ReadResult result = read("[\n  {\"n\": 1},\n  {\"n\": 2}, 7,\n  \"text\",\n  {\"n\": 3}\n]\n");

        assertThat(values("n")).containsExactly(1L, 2L, 3L);
        assertThat(lines()).containsExactly(2L, 3L, 5L);
        assertThat(result.skipped("not-an-object")).isEqualTo(2);
        assertThat(diagnostics).extracting(d -> d.location().toString()).containsExactly("in.json:3:13", "in.json:4:3");
    }

    @Test
    void readsConcatenatedPrettyPrintedObjectsLikeEvtxDump() {
        String text = "{\n  \"Event\": {\n    \"System\": {\n      \"EventID\": 1\n    }\n  }\n}\n"
                + "{\n  \"Event\": {\n    \"System\": {\n      \"EventID\": 2\n    }\n  }\n}\n";

        ReadResult result = read(text);

        assertThat(result.recordsRead()).isEqualTo(2);
        assertThat(lines()).containsExactly(1L, 8L);
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void readsJsonLinesWithBlankLinesAndCrLf() {
        ReadResult result = read("{\"n\":1}\r\n\r\n   \n{\"n\":2}\r\n{\"n\":3} {\"n\":4}\n\n");

        assertThat(values("n")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(lines()).containsExactly(1L, 4L, 5L, 5L);
        assertThat(result.recordsSkipped()).isZero();
    }

    @Test
    void skipsAByteOrderMark() {
        byte[] body = "{\"n\": \"ü\"}\n{\"n\": 2}".getBytes(UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        read(withBom, JsonLimits.DEFAULTS);

        assertThat(values("n")).containsExactly("ü", 2L);
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void decompressesGzipRecognisedByItsContent() throws IOException {
        read(gzip("{\"n\":1}\n{\"n\":2}\n"), JsonLimits.DEFAULTS);

        assertThat(values("n")).containsExactly(1L, 2L);
        assertThat(lines()).containsExactly(1L, 2L);
    }

    @Test
    void reportsAMalformedLineAndResumesWithTheNextOne() {
        ReadResult result = read("{\"n\":1}\n{\"n\":2}\n{\"n\": , \"m\": 3}\nnot json at all\n{\"n\":5}\n");

        assertThat(values("n")).containsExactly(1L, 2L, 5L);
        assertThat(lines()).containsExactly(1L, 2L, 5L);
        assertThat(result.skipped("malformed-json")).isEqualTo(2);
        assertThat(diagnostics).hasSize(2);
        Diagnostic first = diagnostics.get(0);
        assertThat(first.severity()).isEqualTo(Severity.ERROR);
        assertThat(first.code()).isEqualTo("malformed-json");
        assertThat(first.location().path()).isEqualTo("in.json");
        assertThat(first.location().line()).isEqualTo(3);
        assertThat(first.location().column()).isEqualTo(7);
        assertThat(first.message()).contains("Unexpected character (',' (code 44))");
        assertThat(diagnostics.get(1).location().line()).isEqualTo(4);
    }

    @Test
    void reportsATruncatedPrettyPrintedObjectAndReadsTheNextOne() {
        String text = "{\n  \"Event\": {\n    \"System\": {\n      \"EventID\": 1\n"
                + "{\n  \"Event\": {\n    \"EventID\": 2\n  }\n}\n";

        ReadResult result = read(text);

        assertThat(result.recordsRead()).isEqualTo(1);
        assertThat(lines()).containsExactly(5L);
        assertThat(result.skipped("malformed-json")).isEqualTo(1);
        Diagnostic diagnostic = diagnostics.get(0);
        assertThat(diagnostic.location().line()).isEqualTo(1);
        assertThat(diagnostic.message())
                .contains("truncated")
                .contains("line 5")
                .contains("end-of-input")
                .doesNotContain("Source:");
    }

    @Test
    void reportsAnUnclosedStringAndRecoversAtTheNextLine() {
        read("{\"n\": \"open\n{\"n\": 2}\n");

        assertThat(values("n")).containsExactly(2L);
        assertThat(diagnostics)
                .singleElement()
                .satisfies(d -> assertThat(d.code()).isEqualTo("malformed-json"));
    }

    @Test
    void reportsAnObjectTruncatedByTheEndOfInput() {
        ReadResult result = read("{\"n\": 1}\n{\"n\": {\"deep\": 2}\n");

        assertThat(result.recordsRead()).isEqualTo(1);
        assertThat(diagnostics).singleElement().satisfies(d -> {
            assertThat(d.location().line()).isEqualTo(2);
            assertThat(d.message()).contains("end of input");
        });
    }

    @Test
    void reportsAnUnterminatedTopLevelArray() {
        ReadResult result = read("[{\"n\": 1},\n{\"n\": 2}\n");

        assertThat(result.recordsRead()).isEqualTo(2);
        assertThat(diagnostics)
                .singleElement()
                .satisfies(d -> assertThat(d.message()).contains("missing ']'"));
    }

    @Test
    void reportsTopLevelScalarsAsNotObjects() {
        ReadResult result = read("42\n\"text\"\n{\"n\": 1}\n");

        assertThat(values("n")).containsExactly(1L);
        assertThat(result.skipped("not-an-object")).isEqualTo(2);
        assertThat(diagnostics)
                .extracting(Diagnostic::code, d -> d.location().line())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("not-an-object", 1),
                        org.assertj.core.groups.Tuple.tuple("not-an-object", 2));
    }

    @Test
    void skipsARecordOverTheSizeLimitAndKeepsReading() {
        JsonLimits limits = new JsonLimits(64, 64, 1000, 100);
        String big = "{\"pad\": \"" + "x".repeat(200) + "\", \"inner\": {\"a\": [1, 2]}}";

        ReadResult result = read(("{\"n\": 1}\n" + big + "\n{\"n\": 3}\n").getBytes(UTF_8), limits);

        assertThat(values("n")).containsExactly(1L, 3L);
        assertThat(result.skipped("record-too-large")).isEqualTo(1);
        assertThat(diagnostics).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("record-too-large");
            assertThat(d.location().line()).isEqualTo(2);
            assertThat(d.location().column()).isEqualTo(1);
        });
    }

    @Test
    void skipsARecordNestedDeeperThanTheLimit() {
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);

        ReadResult result = read("{\"n\": 1}\n" + deep + "\n{\"n\": 3}\n");

        assertThat(values("n")).containsExactly(1L, 3L);
        assertThat(result.skipped("limit-exceeded")).isEqualTo(1);
        assertThat(diagnostics).singleElement().satisfies(d -> {
            assertThat(d.location().line()).isEqualTo(2);
            assertThat(d.message()).contains("nesting depth");
        });
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        String deep = "{\"a\":".repeat(64) + "1" + "}".repeat(64);

        read(deep);

        assertThat(records).hasSize(1);
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void skipsOverlongStringsAndNumbers() {
        JsonLimits limits = new JsonLimits(1 << 20, 64, 10, 5);

        ReadResult result = read("{\"s\": \"01234567890\"}\n{\"n\": 1234567}\n{\"n\": 1}\n".getBytes(UTF_8), limits);

        assertThat(values("n")).containsExactly(1L);
        assertThat(result.skipped("limit-exceeded")).isEqualTo(2);
    }

    @Test
    void readsDiscoveredPlainGzipAndZipInputs(@TempDir Path dir) throws IOException {
        Path plain = Files.writeString(dir.resolve("a.json"), "{\"n\": 1}");
        Path gz = Files.write(dir.resolve("b.json.gz"), gzip("{\"n\": 2}\n{\"n\": 3}"));
        Path zip = dir.resolve("c.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("dir/m.jsonl"));
            out.write("\n{\"n\": 4}\n".getBytes(UTF_8));
            out.closeEntry();
        }
        JsonRecordReader reader = new JsonRecordReader(diagnostics::add);

        reader.read(new InputFile("a.json", plain, null, InputFile.Kind.JSON), records::add);
        reader.read(new InputFile("b.json.gz", gz, null, InputFile.Kind.JSON), records::add);
        ReadResult member =
                reader.read(new InputFile("c.zip!/dir/m.jsonl", zip, "dir/m.jsonl", InputFile.Kind.JSON), records::add);

        assertThat(values("n")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(records.get(3).provenance()).isEqualTo(Provenance.line("c.zip!/dir/m.jsonl", 2));
        assertThat(member.completed()).isTrue();
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void reportsAnInputThatCannotBeOpened(@TempDir Path dir) {
        JsonRecordReader reader = new JsonRecordReader(diagnostics::add);

        ReadResult result = reader.read(
                new InputFile("gone.json", dir.resolve("gone.json"), null, InputFile.Kind.JSON), records::add);

        assertThat(result.completed()).isFalse();
        assertThat(diagnostics).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("input-unreadable");
            assertThat(d.location().path()).isEqualTo("gone.json");
        });
    }

    @Test
    void stopsAtBrokenGzipKeepingWhatWasRead() throws IOException {
        byte[] full = gzip("{\"n\":1}\n".repeat(2000));
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 12);

        ReadResult result = read(cut, JsonLimits.DEFAULTS);

        assertThat(result.completed()).isFalse();
        assertThat(diagnostics).extracting(Diagnostic::code).contains("input-unreadable");
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(UTF_8));
        }
        return bytes.toByteArray();
    }
}
