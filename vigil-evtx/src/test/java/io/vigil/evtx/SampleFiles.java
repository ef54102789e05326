package io.vigil.evtx;

import io.vigil.evtx.EvtxImage.BinXml;
import io.vigil.evtx.EvtxImage.Value;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Small EVTX files for tests, built with {@link EvtxImage}: one event shape, any number of records. */
final class SampleFiles {
    /** 2021-01-01T00:00:00Z as a FILETIME. */
    static final long FILETIME_2021 = 132_539_328_000_000_000L;

    private SampleFiles() {}

    /** {@code <Event xmlns=...><System><Provider Name="Vigil-Test"/><EventID>%0</EventID></System>} + body. */
    static Consumer<BinXml> event(Consumer<BinXml> body) {
        return d -> {
            d.fragmentHeader();
            d.open("Event", true)
                    .attribute("xmlns")
                    .text("http://schemas.microsoft.com/win/2004/08/events/event")
                    .closeStart();
            d.open("System", false).closeStart();
            d.open("Provider", true).attribute("Name").text("Vigil-Test").closeEmpty();
            d.open("EventID", false).closeStart().substitution(0, 0x06, false).end();
            d.end();
            body.accept(d);
            d.end();
            d.eof();
        };
    }

    /** A file of one chunk with one record: {@code event(body)} instantiated with {@code values}. */
    static byte[] oneRecord(Consumer<BinXml> body, List<Value> values) {
        EvtxImage.Chunk chunk = new EvtxImage.Chunk();
        chunk.record(1, FILETIME_2021, r -> {
            r.fragmentHeader();
            r.template(event(body), values);
            r.eof();
        });
        return EvtxImage.file(List.of(chunk.finish()));
    }

    /**
     * A file of {@code chunks} chunks, {@code perChunk} records each (ids from 1), Sysmon-like EventData
     * {@code <Data Name="Image">%1</Data><Data Name="Index">%2</Data>}; the template is stored inline
     * by each chunk's first record and reused by the others, as Windows writes it.
     */
    static byte[] records(int chunks, int perChunk) {
        List<byte[]> out = new ArrayList<>();
        long id = 1;
        for (int c = 0; c < chunks; c++) {
            EvtxImage.Chunk chunk = new EvtxImage.Chunk();
            int[] definition = {-1};
            for (int r = 0; r < perChunk; r++) {
                long recordId = id++;
                List<Value> values = List.of(
                        Value.number(0x06, 1, 2),
                        Value.string("C:\\Windows\\System32\\cmd" + recordId + ".exe"),
                        Value.number(0x08, recordId, 4));
                chunk.record(recordId, FILETIME_2021 + recordId * 10_000_000L, w -> {
                    w.fragmentHeader();
                    if (definition[0] < 0) {
                        definition[0] = w.template(event(SampleFiles::imageAndIndex), values);
                    } else {
                        w.instanceOf(definition[0], values);
                    }
                    w.eof();
                });
            }
            out.add(chunk.finish());
        }
        return EvtxImage.file(out);
    }

    private static void imageAndIndex(BinXml d) {
        d.open("EventData", false).closeStart();
        d.open("Data", true)
                .attribute("Name")
                .text("Image")
                .closeStart()
                .substitution(1, 0x01, false)
                .end();
        d.open("Data", true)
                .attribute("Name")
                .text("Index")
                .closeStart()
                .substitution(2, 0x08, false)
                .end();
        d.end();
    }

    static RecordCollector read(byte[] file) throws IOException {
        return read(file, EvtxLimits.DEFAULTS);
    }

    static RecordCollector read(byte[] file, EvtxLimits limits) throws IOException {
        RecordCollector c = new RecordCollector();
        c.result = EvtxReader.read(Path.of("test.evtx"), ByteBuffer.wrap(file), limits, c);
        return c;
    }

    /** The {@code Event} object of a record's tree. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> event(EvtxRecord record) {
        return (Map<String, Object>) record.tree().get("Event");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> parent, String name) {
        return (Map<String, Object>) parent.get(name);
    }
}
