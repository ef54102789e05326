package io.vigil.sink;

import io.vigil.core.detect.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The column layout of the terminal timeline and the rendering of its header and rows.
 *
 * <p>Computer, Channel/EventID and Rule are as wide as their widest value in the rows the layout was
 * fitted to, but at most 15%, 20% and 30% of the room the fixed columns leave, so that Details, the
 * rest of the terminal width, always keeps over a third of it. Rows arriving after the fit keep these
 * widths and are cut to them. Channels are shown without the {@code Microsoft-Windows-} prefix and
 * {@code /Operational} suffix ({@code Sysmon/1}, {@code PowerShell/4104}); a channel too long for its
 * column is cut before the event id, never the id.
 */
final class TimelineLayout {
    private static final int TIME_WIDTH = 23;
    static final int LEVEL_WIDTH = Level.INFORMATIONAL.label().length();
    private static final String GAPS = "  ".repeat(5);
    private static final String BOLD = "\u001b[1m";

    private final int width;
    private final boolean colour;
    private final int computerWidth;
    private final int channelWidth;
    private final int ruleWidth;

    private TimelineLayout(int width, boolean colour, int computerWidth, int channelWidth, int ruleWidth) {
        this.width = width;
        this.colour = colour;
        this.computerWidth = computerWidth;
        this.channelWidth = channelWidth;
        this.ruleWidth = ruleWidth;
    }

    static TimelineLayout fitted(Collection<TimelineRow> rows, int width, boolean colour) {
        int computer = "Computer".length();
        int channel = "Channel/EventID".length();
        int rule = "Rule".length();
        for (TimelineRow row : rows) {
            computer = Math.max(computer, CellText.length(row.computer()));
            channel = Math.max(channel, CellText.length(channelEvent(row, Integer.MAX_VALUE)));
            rule = Math.max(rule, CellText.length(row.title()));
        }
        int room = width - TIME_WIDTH - LEVEL_WIDTH - GAPS.length();
        return new TimelineLayout(
                width,
                colour,
                Math.min(computer, Math.max("Computer".length(), room * 15 / 100)),
                Math.min(channel, Math.max("Channel/EventID".length(), room * 20 / 100)),
                Math.min(rule, Math.max("Rule".length(), room * 30 / 100)));
    }

    List<String> header() {
        String rule = "-".repeat(width);
        List<String> lines = new ArrayList<>(2);
        lines.add(new TerminalLine(width, colour)
                .cell("Timestamp (UTC)", TIME_WIDTH, BOLD)
                .cell("Level", LEVEL_WIDTH, BOLD)
                .cell("Computer", computerWidth, BOLD)
                .cell("Channel/EventID", channelWidth, BOLD)
                .cell("Rule", ruleWidth, BOLD)
                .rest("Details", BOLD)
                .toString());
        lines.add(rule);
        return lines;
    }

    String row(TimelineRow row) {
        return new TerminalLine(width, colour)
                .cell(row.time() == null ? "-" : EventTime.display(row.time()), TIME_WIDTH, null)
                .cell(label(row.level()), LEVEL_WIDTH, sgr(row.level()))
                .cell(row.computer(), computerWidth, null)
                .cell(channelEvent(row, channelWidth), channelWidth, null)
                .cell(row.title(), ruleWidth, null)
                .rest(row.details(), null)
                .toString();
    }

    static String label(Level level) {
        return level == null ? "-" : level.label();
    }

    /** ANSI colour of a level; null (terminal default) for informational and unknown. */
    static String sgr(Level level) {
        if (level == null) {
            return null;
        }
        return switch (level) {
            case CRITICAL -> "\u001b[91m";
            case HIGH -> "\u001b[31m";
            case MEDIUM -> "\u001b[33m";
            case LOW -> "\u001b[36m";
            case INFORMATIONAL -> null;
        };
    }

    // The event id is what analysts scan for, so a long channel is cut before it, never the id.
    private static String channelEvent(TimelineRow row, int max) {
        String channel = shortChannel(row.channel());
        if (row.eventId().isEmpty()) {
            return channel.isEmpty() ? "-" : channel;
        }
        if (channel.isEmpty()) {
            return row.eventId();
        }
        String suffix = "/" + row.eventId();
        return CellText.truncate(channel, Math.max(1, max - CellText.length(suffix))) + suffix;
    }

    static String shortChannel(String channel) {
        String shown = channel;
        if (shown.startsWith("Microsoft-Windows-") && shown.length() > "Microsoft-Windows-".length()) {
            shown = shown.substring("Microsoft-Windows-".length());
        }
        if (shown.endsWith("/Operational") && shown.length() > "/Operational".length()) {
            shown = shown.substring(0, shown.length() - "/Operational".length());
        }
        return shown;
    }
}
