package io.vigil.sink;

import io.vigil.core.detect.Detection;
import io.vigil.core.sink.DetectionSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The human view in a terminal: a timeline of detections sorted by event time, then a summary.
 *
 * <p>Detections are buffered and printed on {@link #close}, sorted by event time (UTC, millisecond
 * display); ties, and detections without an event time (placed last), keep arrival order. Columns:
 * Timestamp, Level, Computer, Channel/EventID, Rule, Details, each line cut to the terminal width. The
 * summary counts detections by level (critical to informational), and lists the top {@value
 * DetectionTally#TOP} rules and hosts ({@code Computer}) by count.
 *
 * <p>Memory is bounded: only the shown cells of at most {@code bufferLimit} detections are kept. When
 * one more arrives, the buffered ones are printed sorted, a one-time note says so, and the rest are
 * printed as they arrive, unsorted; the summary still counts all of them.
 *
 * <p>Colour: ANSI codes only when constructed with {@code colour} (the caller checks for a TTY); level
 * colours are critical bright red, high red, medium yellow, low cyan, informational default. Without it
 * not one escape byte is written: event text has its control characters (ESC included) and
 * bidirectional overrides replaced by spaces in both modes, so event data cannot drive the terminal.
 *
 * <p>{@link #close} flushes, and closes the stream only when constructed with {@code closeStream} (pass
 * false for stdout). Output is UTF-8 with {@code \n} line ends.
 */
public final class TableSink implements DetectionSink {
    /** Terminal width used when the real one is unknown. */
    public static final int DEFAULT_WIDTH = 160;
    /** Detections buffered for sorting before the table falls back to arrival order. */
    public static final int DEFAULT_BUFFER_LIMIT = 100_000;

    private static final Comparator<TimelineRow> BY_TIME =
            Comparator.comparing(TimelineRow::time, Comparator.nullsLast(Comparator.<Instant>naturalOrder()));

    private final OutputStream out;
    private final boolean closeStream;
    private final boolean colour;
    private final int width;
    private final int bufferLimit;
    private final Writer writer;
    private final List<TimelineRow> buffer = new ArrayList<>();
    private final DetectionTally tally = new DetectionTally();
    private TimelineLayout streamingLayout;
    private boolean closed;

    /** A table {@link #DEFAULT_WIDTH} wide buffering up to {@link #DEFAULT_BUFFER_LIMIT} detections. */
    public TableSink(OutputStream out, boolean closeStream, boolean colour) {
        this(out, closeStream, colour, DEFAULT_WIDTH, DEFAULT_BUFFER_LIMIT);
    }

    /**
     * @param out where the table goes
     * @param closeStream whether {@link #close} closes {@code out} (false for stdout)
     * @param colour whether to write ANSI colour codes (true only for a terminal)
     * @param width terminal width in columns; zero or less means {@link #DEFAULT_WIDTH}
     * @param bufferLimit at most this many detections are held for sorting; at least 1
     */
    public TableSink(OutputStream out, boolean closeStream, boolean colour, int width, int bufferLimit) {
        if (bufferLimit < 1) {
            throw new IllegalArgumentException("bufferLimit must be at least 1: " + bufferLimit);
        }
        this.out = out;
        this.closeStream = closeStream;
        this.colour = colour;
        this.width = width > 0 ? width : DEFAULT_WIDTH;
        this.bufferLimit = bufferLimit;
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    @Override
    public void accept(Detection detection) throws IOException {
        if (closed) {
            throw new IllegalStateException("sink is closed");
        }
        TimelineRow row = TimelineRow.of(detection);
        tally.add(detection, row);
        if (streamingLayout == null && buffer.size() < bufferLimit) {
            buffer.add(row);
            return;
        }
        if (streamingLayout == null) {
            streamingLayout = printBuffered();
            writeLine("(more than " + bufferLimit + " detections: those above are sorted by time,"
                    + " the rest follow in arrival order)");
        }
        writeLine(streamingLayout.row(row));
    }

    private TimelineLayout printBuffered() throws IOException {
        TimelineLayout layout = TimelineLayout.fitted(buffer, width, colour);
        for (String line : layout.header()) {
            writeLine(line);
        }
        // List.sort is stable, and the buffer is in arrival order: ties keep arrival order
        buffer.sort(BY_TIME);
        for (TimelineRow row : buffer) {
            writeLine(layout.row(row));
        }
        buffer.clear();
        return layout;
    }

    private void writeLine(String line) throws IOException {
        writer.write(line);
        writer.write('\n');
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (tally.total() == 0) {
            writeLine("No detections.");
        } else {
            if (streamingLayout == null) {
                printBuffered();
            }
            writeLine("");
            for (String line : tally.render(width, colour)) {
                writeLine(line);
            }
        }
        if (closeStream) {
            writer.close();
        } else {
            writer.flush();
            out.flush();
        }
    }
}
