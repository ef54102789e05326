package io.vigil.sink;

import static io.vigil.sink.SampleDetections.LSASS;
import static io.vigil.sink.SampleDetections.detection;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.event.Provenance;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvSinkTest {
    private static final Instant TIME = Instant.parse("2020-10-23T21:57:29.2175625Z");

    private static String write(Detection... detections) throws IOException {
        CloseRecordingStream out = new CloseRecordingStream();
        try (CsvSink sink = new CsvSink(out, false)) {
            for (Detection detection : detections) {
                sink.accept(detection);
            }
        }
        return out.text();
    }

    /** A strict RFC 4180 reader, so the tests check what a spreadsheet would load. */
    private static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (c == '"' && cell.length() == 0) {
                i++;
                while (true) {
                    char q = csv.charAt(i++);
                    if (q == '"') {
                        if (i < csv.length() && csv.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(q);
                    }
                }
                continue;
            }
            if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                i++;
            } else if (c == '\r' && csv.startsWith("\r\n", i)) {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else {
                assertThat(c).as("bare quote, CR or LF at %d", i).isNotIn('"', '\r', '\n');
                cell.append(c);
                i++;
            }
        }
        assertThat(row).as("last row ends with CRLF").isEmpty();
        return rows;
    }

    @Test
    void writesHeaderAndOneRowPerDetection() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("EventID", 10L);
        fields.put("Channel", "Microsoft-Windows-Sysmon/Operational");
        fields.put("Computer", "DC01");
        fields.put("Image", "C:\\Windows\\System32\\rundll32.exe");
        fields.put("CommandLine", "rundll32.exe comsvcs.dll MiniDump 624 out.dmp full");
        fields.put("Unrelated", "not shown");
        String csv = write(
                detection(LSASS, fields, TIME, Provenance.record("logs/Sysmon.evtx", 42)),
                detection(LSASS, Map.of(), null, Provenance.line("flat.jsonl", 3)));

        assertThat(csv)
                .startsWith("timestamp,level,rule_title,rule_id,computer,channel,event_id,source_path,"
                        + "source_record,source_line,details\r\n");
        List<List<String>> rows = parse(csv);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo(CsvSink.COLUMNS);
        assertThat(rows.get(1))
                .containsExactly(
                        "2020-10-23T21:57:29.2175625Z",
                        "high",
                        "LSASS Memory Dump",
                        "0d894093-71bc-43c3-8c4d-ecfc28dcf5d9",
                        "DC01",
                        "Microsoft-Windows-Sysmon/Operational",
                        "10",
                        "logs/Sysmon.evtx",
                        "42",
                        "",
                        "CommandLine=rundll32.exe comsvcs.dll MiniDump 624 out.dmp full; "
                                + "Image=C:\\Windows\\System32\\rundll32.exe");
        assertThat(rows.get(2))
                .containsExactly(
                        "",
                        "high",
                        "LSASS Memory Dump",
                        "0d894093-71bc-43c3-8c4d-ecfc28dcf5d9",
                        "",
                        "",
                        "",
                        "flat.jsonl",
                        "",
                        "3",
                        "");
    }

    @Test
    void timestampsHaveSevenFractionalDigitsSoTheySortAsText() throws IOException {
        Instant whole = Instant.parse("2020-10-23T21:57:29Z");
        Instant later = Instant.parse("2020-10-23T21:57:29.5Z");
        List<List<String>> rows = parse(write(
                detection(LSASS, Map.of(), whole, Provenance.record("p", 1)),
                detection(LSASS, Map.of(), later, Provenance.record("p", 2))));
        assertThat(rows.get(1).get(0)).isEqualTo("2020-10-23T21:57:29.0000000Z");
        assertThat(rows.get(2).get(0)).isEqualTo("2020-10-23T21:57:29.5000000Z");
        assertThat(rows.get(1).get(0)).isLessThan(rows.get(2).get(0));
    }

    @Test
    void quotesCellsWithCommaQuoteCrOrLf() {
        assertThat(CsvSink.cell("plain")).isEqualTo("plain");
        assertThat(CsvSink.cell("")).isEqualTo("");
        assertThat(CsvSink.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvSink.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvSink.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvSink.cell("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(CsvSink.cell("'quoted'")).isEqualTo("'quoted'");
    }

    @Test
    void neutralisesFormulaCellsWithALeadingQuote() {
        assertThat(CsvSink.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(CsvSink.cell("+1")).isEqualTo("'+1");
        assertThat(CsvSink.cell("-2")).isEqualTo("'-2");
        assertThat(CsvSink.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvSink.cell("\tx")).isEqualTo("'\tx");
        assertThat(CsvSink.cell("\rx")).isEqualTo("\"'\rx\"");
        // neutralised first, then quoted: the quote character ends up inside the quotes
        assertThat(CsvSink.cell("=HYPERLINK(\"http://x\",\"y\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assertThat(CsvSink.cell("a=b")).isEqualTo("a=b");
    }

    @Test
    void attackerControlledFieldsCannotBreakRowsOrRunFormulas() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Computer", "=cmd|' /C calc'!A0");
        fields.put("Channel", "Security\r\nforged,row");
        fields.put("CommandLine", "@evil\r\n\"x\",y");
        RuleRef rule = new RuleRef("-id", "+title, with comma", Level.LOW, "test", "a", List.of(), "r.yml");
        List<List<String>> rows = parse(write(detection(rule, fields, TIME, Provenance.record("p", 1))));

        assertThat(rows).hasSize(2);
        List<String> row = rows.get(1);
        assertThat(row).hasSize(CsvSink.COLUMNS.size());
        assertThat(row.get(2)).isEqualTo("'+title, with comma");
        assertThat(row.get(3)).isEqualTo("'-id");
        assertThat(row.get(4)).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(row.get(5)).isEqualTo("Security\r\nforged,row");
        assertThat(row.get(10)).isEqualTo("CommandLine=@evil \"x\",y");
        for (String cell : row) {
            assertThat(cell)
                    .doesNotStartWith("=")
                    .doesNotStartWith("+")
                    .doesNotStartWith("-")
                    .doesNotStartWith("@");
        }
    }

    @Test
    void detailsSummariseUsefulFieldsAndCutLongScripts() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ScriptBlockText", "line one\n    line two\n" + "x".repeat(500));
        fields.put("TargetUserName", "admin");
        fields.put("IpAddress", "10.0.0.5");
        fields.put("ServiceName", "");
        String details = parse(write(detection(LSASS, fields, TIME, Provenance.record("p", 1))))
                .get(1)
                .get(10);
        assertThat(details)
                .startsWith("TargetUserName=admin; IpAddress=10.0.0.5; ScriptBlockText=line one line two xxx");
        assertThat(details).doesNotContain("ServiceName");
        String script = details.substring(details.indexOf("ScriptBlockText=") + "ScriptBlockText=".length());
        assertThat(script).hasSize(EventSummary.MAX_VALUE).endsWith("…");
    }

    @Test
    void emptyRunIsHeaderOnlyAndStdoutStaysOpen() throws IOException {
        CloseRecordingStream stdout = new CloseRecordingStream();
        new CsvSink(stdout, false).close();
        assertThat(stdout.text()).isEqualTo(String.join(",", CsvSink.COLUMNS) + "\r\n");
        assertThat(stdout.closed).isFalse();
        assertThat(stdout.flushed).isTrue();

        CloseRecordingStream file = new CloseRecordingStream();
        new CsvSink(file, true).close();
        assertThat(file.closed).isTrue();
    }
}
