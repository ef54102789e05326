package io.vigil.ioc.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.diag.Diagnostic;
import io.vigil.ioc.Diagnostics;
import io.vigil.ioc.IocSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedLoaderTest {
    private final Diagnostics diags = new Diagnostics();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            {"type": "bundle", "id": "bundle--1", "objects": []}                         | STIX
            {"id": "bundle--1", "objects": [], "type": "bundle"}                         | STIX
            [{"type": "indicator", "id": "indicator--1", "pattern": "[a:b = 'c']"}]      | STIX
            {"Event": {"Attribute": []}}                                                 | MISP
            [{"Event": {}}, {"Event": {}}]                                               | MISP
            {"response": [{"Event": {}}]}                                                | MISP
            {"uuid": "x", "info": "bare", "Attribute": []}                               | MISP
            type,value                                                                   | CSV
            {"hello": "world"}                                                           | UNKNOWN
            {"type": "bun                                                                | UNKNOWN
            """)
    void formatIsDetectedFromContent(String content, FeedFormat format) {
        assertThat(FeedLoader.detect(bytes(content))).isEqualTo(format);
    }

    @Test
    void byteOrderMarkAndLeadingBlanksAreSkipped() {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] json = bytes("\n  {\"Event\": {}}");
        byte[] both = new byte[bom.length + json.length];
        System.arraycopy(bom, 0, both, 0, 3);
        System.arraycopy(json, 0, both, 3, json.length);
        assertThat(FeedLoader.detect(both)).isEqualTo(FeedFormat.MISP);
    }

    @Test
    void unknownJsonSaysWhy() {
        assertThat(FeedLoader.load("x.json", bytes("{\"hello\": \"world\"}"), diags)
                        .isEmpty())
                .isTrue();
        assertThat(diags.codes()).containsExactly("ioc-unknown-format");
        diags.all.clear();
        FeedLoader.load("y.json", bytes("{\n  \"hello\": [1, 2,\n"), diags);
        assertThat(diags.all).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("ioc-json-syntax");
            assertThat(d.location().path()).isEqualTo("y.json");
            assertThat(d.location().line()).isEqualTo(3);
        });
    }

    @Test
    void streamsAreReadAndDispatched() throws IOException {
        IocSet set = FeedLoader.load(
                "s.csv",
                new ByteArrayInputStream(bytes("type,value\ndomain,s.example\n")),
                FeedOptions.defaults(),
                diags);
        assertThat(set.size()).isEqualTo(1);
        assertThat(set.indicators().get(0).feed()).isEqualTo("s.csv");
    }

    @Test
    void emptyInputIsAnEmptyListWithAWarning() {
        assertThat(FeedLoader.load("empty.txt", new byte[0], diags).isEmpty()).isTrue();
        assertThat(diags.all).extracting(Diagnostic::code).containsExactly("ioc-empty-feed");
    }
}
