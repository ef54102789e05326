package io.vigil.sink;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.sink.DetectionSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The analyst's view when a register attributes detections to tenants: detections grouped by tenant,
 * and within a tenant the alerts (level medium and above) grouped into incidents, so that one
 * intrusion reads as one story instead of a flat list.
 *
 * <p>An incident is a set of alerts connected through a shared host or MSP identity, each link no more
 * than {@value #LINK_HOURS} hours apart. Low and informational detections are not printed one by one:
 * each tenant ends with their count and most frequent rules. Tenants appear in name order with
 * unattributed detections last; incidents and their rows in time order. Bounded like {@link TableSink}:
 * only the printed cells of at most {@code limit} detections are kept; beyond that the sink stops
 * grouping and says so, while the counts stay exact.
 *
 * <p>Colour only when constructed with {@code colour}; event text is cleaned of control characters.
 */
public final class IncidentSink implements DetectionSink {
    static final int LINK_HOURS = 24;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String UNATTRIBUTED = "(no tenant)";
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";

    private record Row(
            Instant time,
            Level level,
            String tenant,
            String identity,
            String control,
            String host,
            String title,
            String text) {}

    private final OutputStream out;
    private final boolean closeStream;
    private final boolean colour;
    private final int limit;
    private final Writer writer;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Map<String, Long>> lowByTenant = new TreeMap<>();
    private long dropped;
    private boolean closed;

    public IncidentSink(OutputStream out, boolean closeStream, boolean colour) {
        this(out, closeStream, colour, TableSink.DEFAULT_BUFFER_LIMIT);
    }

    public IncidentSink(OutputStream out, boolean closeStream, boolean colour, int limit) {
        this.out = out;
        this.closeStream = closeStream;
        this.colour = colour;
        this.limit = limit;
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    @Override
    public void accept(Detection d) throws IOException {
        if (closed) {
            throw new IllegalStateException("sink is closed");
        }
        String tenant = text(d.extra().get("tenant"));
        tenant = tenant.isEmpty() ? UNATTRIBUTED : tenant;
        String title = d.rule().title() != null ? d.rule().title() : d.rule().id();
        Level level = d.level() == null ? Level.INFORMATIONAL : d.level();
        if (level.compareTo(Level.MEDIUM) < 0) {
            lowByTenant.computeIfAbsent(tenant, k -> new TreeMap<>()).merge(CellText.oneLine(title), 1L, Long::sum);
            return;
        }
        if (rows.size() >= limit) {
            dropped++;
            return;
        }
        String explanation = text(d.extra().get("explanation"));
        rows.add(new Row(
                d.timestamp(),
                level,
                tenant,
                text(d.extra().get("identity")),
                text(d.extra().get("control")),
                CellText.oneLine(FieldText.of(d.event().get("Computer"))),
                CellText.oneLine(title),
                explanation.isEmpty() ? EventSummary.of(d.event()) : explanation));
    }

    private static String text(Object value) {
        return value == null ? "" : CellText.oneLine(String.valueOf(value));
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Map<String, List<Row>> byTenant = new TreeMap<>(
                Comparator.comparing((String t) -> t.equals(UNATTRIBUTED)).thenComparing(Comparator.naturalOrder()));
        for (Row r : rows) {
            byTenant.computeIfAbsent(r.tenant(), k -> new ArrayList<>()).add(r);
        }
        for (String t : lowByTenant.keySet()) {
            byTenant.computeIfAbsent(t, k -> new ArrayList<>());
        }
        if (byTenant.isEmpty()) {
            line("No detections.");
        }
        for (Map.Entry<String, List<Row>> e : byTenant.entrySet()) {
            writeTenant(e.getKey(), e.getValue());
        }
        if (dropped > 0) {
            line("(" + dropped + " more alerts beyond the first " + limit + " were counted but not grouped)");
        }
        if (closeStream) {
            writer.close();
        } else {
            writer.flush();
            out.flush();
        }
    }

    private void writeTenant(String tenant, List<Row> alerts) throws IOException {
        List<List<Row>> incidents = incidents(alerts);
        Map<String, Long> low = lowByTenant.getOrDefault(tenant, Map.of());
        long lowCount = low.values().stream().mapToLong(Long::longValue).sum();
        line(bold("Tenant " + tenant) + ": " + incidents.size() + " incident" + (incidents.size() == 1 ? "" : "s")
                + ", " + alerts.size() + " alerts, " + lowCount + " low/informational");
        int n = 0;
        for (List<Row> incident : incidents) {
            n++;
            writeIncident(tenant + "-" + n, incident);
        }
        if (lowCount > 0) {
            List<Map.Entry<String, Long>> top = new ArrayList<>(low.entrySet());
            top.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            StringBuilder b = new StringBuilder("  low/informational: ");
            for (int i = 0; i < Math.min(5, top.size()); i++) {
                b.append(i == 0 ? "" : ", ")
                        .append(top.get(i).getKey())
                        .append(" × ")
                        .append(top.get(i).getValue());
            }
            line(b.toString());
        }
        line("");
    }

    private void writeIncident(String name, List<Row> incident) throws IOException {
        Level top =
                incident.stream().map(Row::level).max(Comparator.naturalOrder()).orElse(Level.MEDIUM);
        TreeSet<String> hosts = new TreeSet<>();
        TreeSet<String> identities = new TreeSet<>();
        TreeSet<String> controls = new TreeSet<>();
        for (Row r : incident) {
            add(hosts, r.host());
            add(identities, r.identity());
            add(controls, r.control());
        }
        Instant first = incident.get(0).time();
        Instant last = incident.get(incident.size() - 1).time();
        StringBuilder h = new StringBuilder("  Incident ").append(name).append("  ");
        h.append(first == null ? "?" : TIME.format(first)).append(" → ").append(last == null ? "?" : TIME.format(last));
        h.append(" UTC  ")
                .append(coloured(top))
                .append("  ")
                .append(incident.size())
                .append(" alerts");
        if (!hosts.isEmpty()) {
            h.append("  hosts: ").append(String.join(", ", hosts));
        }
        if (!identities.isEmpty()) {
            h.append("  identities: ").append(String.join(", ", identities));
        }
        if (!controls.isEmpty()) {
            h.append("  controls: ").append(String.join(", ", controls));
        }
        line(h.toString());
        for (Row r : incident) {
            line("    " + (r.time() == null ? "-".repeat(19) : TIME.format(r.time())) + "  " + coloured(r.level())
                    + "  " + CellText.pad(CellText.truncate(r.host(), 24), 24) + "  " + r.title()
                    + (r.text().isEmpty() ? "" : " — " + CellText.truncate(r.text(), 160)));
        }
    }

    private static void add(TreeSet<String> set, String value) {
        if (!value.isEmpty()) {
            set.add(value);
        }
    }

    /** Connected components over shared host / identity keys, linking alerts at most LINK_HOURS apart. */
    static <R> List<List<R>> cluster(
            List<R> sorted,
            java.util.function.Function<R, Instant> time,
            java.util.function.Function<R, List<String>> keys) {
        int[] parent = new int[sorted.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> lastByKey = new HashMap<>();
        Duration link = Duration.ofHours(LINK_HOURS);
        for (int i = 0; i < sorted.size(); i++) {
            for (String k : keys.apply(sorted.get(i))) {
                Integer prev = lastByKey.put(k, i);
                if (prev != null && within(time.apply(sorted.get(prev)), time.apply(sorted.get(i)), link)) {
                    union(parent, prev, i);
                }
            }
        }
        Map<Integer, List<R>> groups = new LinkedHashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(sorted.get(i));
        }
        return new ArrayList<>(groups.values());
    }

    private List<List<Row>> incidents(List<Row> alerts) {
        List<Row> sorted = new ArrayList<>(alerts);
        sorted.sort(Comparator.comparing(Row::time, Comparator.nullsLast(Comparator.naturalOrder())));
        return cluster(sorted, Row::time, r -> {
            List<String> keys = new ArrayList<>(2);
            if (!r.host().isEmpty()) {
                keys.add("host:" + r.host().toLowerCase(java.util.Locale.ROOT));
            }
            if (!r.identity().isEmpty()) {
                keys.add("identity:" + r.identity());
            }
            return keys;
        });
    }

    private static boolean within(Instant a, Instant b, Duration link) {
        return a == null || b == null
                ? Objects.equals(a, b)
                : Duration.between(a, b).abs().compareTo(link) <= 0;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    private String coloured(Level level) {
        String label = CellText.pad(TimelineLayout.label(level), TimelineLayout.LEVEL_WIDTH);
        String sgr = colour ? TimelineLayout.sgr(level) : null;
        return sgr == null ? label : sgr + label + RESET;
    }

    private String bold(String s) {
        return colour ? BOLD + s + RESET : s;
    }

    private void line(String s) throws IOException {
        writer.write(s);
        writer.write('\n');
    }
}
