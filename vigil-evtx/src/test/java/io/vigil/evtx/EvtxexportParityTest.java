package io.vigil.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Parity B: for the 277 EVTX-ATTACK-SAMPLES files, record counts equal index.tsv and the libyal
 * evtxexport 20181227 renderings, and every System attribute and text and every EventData/UserData
 * value equals evtxexport's, up to the formatting conventions {@link XmlTreeDiff} classifies and
 * counts (GUID braces, nine FILETIME digits, zero-padded hex). Figures go to stdout.
 */
class EvtxexportParityTest {
    @Test
    void everyAttackSampleMatchesTheLibyalRendering() throws Exception {
        Path samples = SharedCorpus.attackSamples();
        Path reference = SharedCorpus.evtxexport();
        Map<String, Integer> indexCounts = indexCounts(samples.resolve("index.tsv"));
        List<Path> files = SharedCorpus.evtxFiles(samples);
        XmlTreeDiff diff = new XmlTreeDiff();
        DocumentBuilder xml = parser();
        long records = 0;
        List<String> countMismatches = new ArrayList<>();
        for (Path file : files) {
            String relative = samples.relativize(file).toString().replace('\\', '/');
            RecordCollector got = RecordCollector.read(file);
            assertThat(got.problems).as("problems in %s", relative).isEmpty();
            Document document = parse(xml, reference.resolve(relative + ".xml.gz"));
            List<Node> events = XmlTreeDiff.elements(document.getDocumentElement());
            if (events.size() != got.records.size() || indexCounts.get(relative) != got.records.size()) {
                countMismatches.add(relative + ": reader " + got.records.size() + ", evtxexport " + events.size()
                        + ", index.tsv " + indexCounts.get(relative));
                continue;
            }
            for (int i = 0; i < events.size(); i++) {
                diff.compareEvent(
                        relative + "#" + i, events.get(i), got.records.get(i).tree());
            }
            records += events.size();
        }
        System.out.printf(
                "Parity B (libyal evtxexport 20181227): %d files, %d records, %d values compared,"
                        + " %d differences %s%n",
                files.size(), records, diff.fields, diff.differences.size(), diff.differenceKinds);
        diff.conventions.forEach((kind, n) -> System.out.printf("  convention, not a difference: %s: %d%n", kind, n));
        diff.differences.stream().limit(40).forEach(d -> System.out.println("  " + d));
        assertThat(files).hasSize(277);
        assertThat(countMismatches).isEmpty();
        assertThat(records).isEqualTo(8255);
        assertThat(diff.differences).isEmpty();
    }

    private static Map<String, Integer> indexCounts(Path index) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t");
            counts.put(cells[0], Integer.parseInt(cells[4]));
        }
        return counts;
    }

    private static DocumentBuilder parser() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder();
    }

    /**
     * The reference is a sequence of {@code <Event>} elements, so a wrapper makes it one document.
     * evtxexport writes control characters of values raw, which XML 1.0 forbids, and the parser would
     * turn a value's CR LF into LF; so they are moved to private-use code points here and moved back
     * by {@link XmlTreeDiff}.
     */
    private static Document parse(DocumentBuilder xml, Path gz) throws Exception {
        byte[] raw;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            raw = in.readAllBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 32);
        out.writeBytes("<Events>".getBytes(StandardCharsets.UTF_8));
        for (byte b : raw) {
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\n') {
                out.writeBytes(
                        String.valueOf((char) (XmlTreeDiff.CONTROL_BASE + b)).getBytes(StandardCharsets.UTF_8));
            } else {
                out.write(b);
            }
        }
        out.writeBytes("</Events>".getBytes(StandardCharsets.UTF_8));
        return xml.parse(new ByteArrayInputStream(out.toByteArray()));
    }
}
