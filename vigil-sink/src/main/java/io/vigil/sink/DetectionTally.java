package io.vigil.sink;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts every detection of a run for the table's closing summary: by level, by rule, by host.
 *
 * <p>Counts cover all detections, including those streamed past the table's buffer. Rules are told
 * apart by their whole {@link RuleRef}; hosts by the {@code Computer} field, events without one are not
 * counted as a host. Ties in the top lists keep first-seen order, so the summary is deterministic.
 */
final class DetectionTally {
    static final int TOP = 10;

    private final Map<Level, Long> byLevel = new EnumMap<>(Level.class);
    private final Map<RuleRef, Long> byRule = new LinkedHashMap<>();
    private final Map<String, Long> byHost = new LinkedHashMap<>();
    private long withoutLevel;
    private long total;

    void add(Detection detection, TimelineRow row) {
        total++;
        if (detection.level() == null) {
            withoutLevel++;
        } else {
            byLevel.merge(detection.level(), 1L, Long::sum);
        }
        byRule.merge(detection.rule(), 1L, Long::sum);
        if (!row.computer().isEmpty()) {
            byHost.merge(row.computer(), 1L, Long::sum);
        }
    }

    long total() {
        return total;
    }

    List<String> render(int width, boolean colour) {
        int countWidth = Math.max(5, Long.toString(total).length());
        List<String> lines = new ArrayList<>();
        lines.add(new TerminalLine(width, false)
                .rest("Summary: " + total + (total == 1 ? " detection" : " detections"), null)
                .toString());
        lines.add("  By level");
        List<Level> severestFirst = new ArrayList<>(List.of(Level.values()));
        severestFirst.sort(Comparator.reverseOrder());
        for (Level level : severestFirst) {
            lines.add(new TerminalLine(width, colour)
                    .indent(4)
                    .cell(level.label(), TimelineLayout.LEVEL_WIDTH, TimelineLayout.sgr(level))
                    .right(Long.toString(byLevel.getOrDefault(level, 0L)), countWidth)
                    .toString());
        }
        if (withoutLevel > 0) {
            lines.add(new TerminalLine(width, colour)
                    .indent(4)
                    .cell("(no level)", TimelineLayout.LEVEL_WIDTH, null)
                    .right(Long.toString(withoutLevel), countWidth)
                    .toString());
        }
        lines.add("  Top rules");
        for (Map.Entry<RuleRef, Long> rule : top(byRule)) {
            RuleRef ref = rule.getKey();
            String title = CellText.oneLine(ref.title() != null ? ref.title() : String.valueOf(ref.id()));
            lines.add(new TerminalLine(width, colour)
                    .indent(4)
                    .right(Long.toString(rule.getValue()), countWidth)
                    .cell(
                            TimelineLayout.label(ref.level()),
                            TimelineLayout.LEVEL_WIDTH,
                            TimelineLayout.sgr(ref.level()))
                    .rest(title, null)
                    .toString());
        }
        lines.add("  Top hosts");
        for (Map.Entry<String, Long> host : top(byHost)) {
            lines.add(new TerminalLine(width, colour)
                    .indent(4)
                    .right(Long.toString(host.getValue()), countWidth)
                    .rest(host.getKey(), null)
                    .toString());
        }
        if (byHost.isEmpty()) {
            lines.add("    (no Computer field)");
        }
        return lines;
    }

    private static <K> List<Map.Entry<K, Long>> top(Map<K, Long> counts) {
        List<Map.Entry<K, Long>> entries = new ArrayList<>(counts.entrySet());
        // List.sort is stable: equal counts stay in first-seen order
        entries.sort(Map.Entry.<K, Long>comparingByValue().reversed());
        return entries.subList(0, Math.min(TOP, entries.size()));
    }
}
