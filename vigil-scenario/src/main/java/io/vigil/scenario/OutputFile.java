package io.vigil.scenario;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * One gzip-compressed dataset file: either Windows events in one {@link EventShape} or VPN/flow records.
 * Writing sorts by recorded time (creation order breaks ties, so output depends only on the seed), numbers
 * records per host and channel, and reports the line of every labelled record.
 */
final class OutputFile {
    /** A labelled line in a written file. */
    record LabelledLine(String file, long line, Label label) {}

    final String path;
    final EventShape shape;
    final List<WinEvent> events = new ArrayList<>();
    final List<NetRecord> records = new ArrayList<>();

    OutputFile(String path, EventShape shape) {
        this.path = path;
        this.shape = shape;
    }

    /** Writes the file under {@code root}; events recorded outside [from, to) are dropped as out of period. */
    WriteStats write(
            Path root,
            Map<String, Long> firstRecordIds,
            List<PlannedGap> gaps,
            Instant from,
            Instant to,
            List<LabelledLine> labels)
            throws IOException {
        Path target = root.resolve(path);
        Files.createDirectories(target.getParent());
        JsonFactory factory = new JsonFactory();
        long lines = 0;
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target), 1 << 16);
                JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            if (shape != null) {
                events.sort(Comparator.comparing(WinEvent::recorded).thenComparingLong(e -> e.sequence));
                Map<String, Long> next = new HashMap<>();
                Map<String, Boolean> jumped = new HashMap<>();
                for (WinEvent e : events) {
                    String key = e.host.org() + "|" + e.host.name() + "|" + e.channel;
                    long id = next.computeIfAbsent(key, k -> firstRecordIds.getOrDefault(k, 1L));
                    PlannedGap gap =
                            gaps.stream().filter(x -> x.covers(e)).findFirst().orElse(null);
                    if (gap != null) {
                        if (jumped.putIfAbsent(key, Boolean.TRUE) == null) {
                            id += gap.extraRecords();
                        }
                        next.put(key, id + 1);
                        continue;
                    }
                    Instant t = e.recorded();
                    if (t.isBefore(from) || !t.isBefore(to)) {
                        continue;
                    }
                    next.put(key, id + 1);
                    shape.write(g, e, id);
                    g.flush();
                    out.write('\n');
                    lines++;
                    if (e.label != null) {
                        labels.add(new LabelledLine(path, lines, e.label));
                    }
                }
            } else {
                records.sort(Comparator.comparing((NetRecord r) -> r.time).thenComparingLong(r -> r.sequence));
                for (NetRecord r : records) {
                    g.writeStartObject();
                    for (Map.Entry<String, Object> f : r.fields.entrySet()) {
                        if (f.getValue() instanceof Long n) {
                            g.writeNumberField(f.getKey(), n);
                        } else {
                            g.writeStringField(f.getKey(), String.valueOf(f.getValue()));
                        }
                    }
                    g.writeEndObject();
                    g.flush();
                    out.write('\n');
                    lines++;
                    if (r.label != null) {
                        labels.add(new LabelledLine(path, lines, r.label));
                    }
                }
            }
        }
        return new WriteStats(path, lines, Files.size(target));
    }

    /** What was written: lines (= events or records) and compressed bytes. */
    record WriteStats(String path, long lines, long bytes) {}
}
