package io.vigil.source.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.diag.Diagnostic;
import io.vigil.source.RawRecord;
import io.vigil.source.files.InputFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvInputTest {
    @TempDir
    Path dir;

    private final List<Diagnostic> problems = new ArrayList<>();
    private final JsonRecordReader reader = new JsonRecordReader(problems::add);

    private List<RawRecord> read(String name, Path file) {
        List<RawRecord> records = new ArrayList<>();
        reader.read(new InputFile(name, file, null, InputFile.Kind.CSV), records::add);
        return records;
    }

    @Test
    void vpnRowsBecomeVpnSessionRecordsWithTheirCsvLineNumbers() throws IOException {
        Path f = dir.resolve("vpn.csv");
        Files.writeString(
                f,
                "start,end,user,src_ip,assigned_ip,bytes_in,bytes_out,mfa,gateway\r\n"
                        + "2026-11-17T14:15:31Z,2026-11-17T15:00:00Z,msp-tnguyen,203.0.113.77,10.20.250.77,1200,88,none,"
                        + "\"asa01, \"\"edge\"\"\"\r\n"
                        + "\r\n"
                        + "2026-11-17T16:00:00Z,,\"ACME\\msp-akowalski\",198.51.100.10,10.20.250.12,,,success,\"two\nlines\"\n"
                        + "2026-11-17T17:00:00Z,,late,198.51.100.10,10.20.250.13,5,5,success,gw\n",
                UTF_8);
        List<RawRecord> r = read("vpn.csv", f);
        assertThat(problems).isEmpty();
        assertThat(r).hasSize(3);
        assertThat(r.get(0).tree())
                .containsEntry("log_type", "vpn_session")
                .containsEntry("user", "msp-tnguyen")
                .containsEntry("bytes_in", 1200L)
                .containsEntry("mfa", "none")
                .containsEntry("gateway", "asa01, \"edge\"");
        assertThat(r.get(0).provenance().line()).isEqualTo(2);
        assertThat(r.get(1).tree())
                .containsEntry("user", "ACME\\msp-akowalski")
                .containsEntry("gateway", "two\nlines")
                .doesNotContainKey("end")
                .doesNotContainKey("bytes_in");
        assertThat(r.get(1).provenance().line()).isEqualTo(4);
        // the quoted line break took line 5: the next row is still found at its own line
        assertThat(r.get(2).provenance().line()).isEqualTo(6);
    }

    @Test
    void gzippedFlowsAreRecognisedByTheirHeader() throws IOException {
        Path f = dir.resolve("flows.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(
                    "time,src_ip,dst_ip,dst_port,bytes,duration_s\n2026-11-13T09:00:00Z,10.10.0.21,203.0.113.55,443,2100000000,600\n"
                            .getBytes(UTF_8));
        }
        List<RawRecord> r = read("flows.csv.gz", f);
        assertThat(r)
                .singleElement()
                .satisfies(x -> assertThat(x.tree())
                        .containsEntry("log_type", "flow")
                        .containsEntry("dst_port", 443L)
                        .containsEntry("bytes", 2100000000L));
    }

    @Test
    void anEmptyLogTypeCellTakesTheHeadersKind() throws IOException {
        Path f = dir.resolve("mixed.csv");
        Files.writeString(
                f, "log_type,time,src_ip,dst_ip\n,2026-11-13T09:00:00Z,a,b\nother,2026-11-13T09:00:01Z,a,b\n", UTF_8);
        List<RawRecord> r = read("mixed.csv", f);
        assertThat(r.get(0).tree()).containsEntry("log_type", "flow");
        assertThat(r.get(1).tree()).containsEntry("log_type", "other");
    }

    @Test
    void aByteOrderMarkDoesNotJoinTheFirstColumnName() throws IOException {
        Path f = dir.resolve("excel.csv");
        Files.writeString(f, "\uFEFFassigned_ip,user\n10.20.250.1,bob\n", UTF_8);
        assertThat(read("excel.csv", f))
                .singleElement()
                .satisfies(x -> assertThat(x.tree())
                        .containsEntry("assigned_ip", "10.20.250.1")
                        .containsEntry("log_type", "vpn_session"));
    }

    @Test
    void anUnterminatedQuoteStopsTheFileWithItsLine() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "time,src_ip,dst_ip\n2026-11-13T09:00:00Z,\"10.10.0.21,x\n", UTF_8);
        List<RawRecord> r = read("bad.csv", f);
        assertThat(r).isEmpty();
        assertThat(problems)
                .singleElement()
                .satisfies(d -> assertThat(d.toString())
                        .contains("bad.csv")
                        .contains("ends inside a quoted field opened on line 2"));
    }
}
