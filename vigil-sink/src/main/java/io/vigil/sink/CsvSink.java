package io.vigil.sink;

import io.vigil.core.detect.Detection;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.core.sink.DetectionSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes detections as an RFC 4180 CSV timeline for spreadsheets: a header row, then one row per
 * detection in arrival order; UTF-8 without a byte-order mark, CRLF line ends.
 *
 * <p>Columns: {@code timestamp,level,rule_title,rule_id,computer,channel,event_id,source_path,
 * source_record,source_line,details}. {@code timestamp} is UTC with always seven fractional digits so
 * that sorting the column as text sorts by time; absent values are empty cells; {@code details} is the
 * {@code key=value; ...} digest of the most useful event fields.
 *
 * <p>Formula injection: event data is attacker-controlled, and spreadsheets execute a cell that starts
 * with {@code = + - @}, tab or CR. Such a cell is written with a leading single quote ({@code '=cmd|...}),
 * which spreadsheets show as text; a consumer parsing the CSV as data sees that quote too. A cell holding
 * a comma, double quote, CR or LF is then enclosed in double quotes with embedded quotes doubled.
 *
 * <p>{@link #close} writes the header if no row came, flushes, and closes the stream only when
 * constructed with {@code closeStream} (pass false for stdout).
 */
public final class CsvSink implements DetectionSink {
    /** The header row's column names, in order. */
    public static final List<String> COLUMNS = List.of(
            "timestamp",
            "level",
            "rule_title",
            "rule_id",
            "computer",
            "channel",
            "event_id",
            "source_path",
            "source_record",
            "source_line",
            "details");

    private static final String CRLF = "\r\n";

    private final OutputStream out;
    private final boolean closeStream;
    private final Writer writer;
    private boolean headerWritten;
    private boolean closed;

    /**
     * @param out where the CSV goes
     * @param closeStream whether {@link #close} closes {@code out} (false for stdout)
     */
    public CsvSink(OutputStream out, boolean closeStream) {
        this.out = out;
        this.closeStream = closeStream;
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    @Override
    public void accept(Detection detection) throws IOException {
        if (closed) {
            throw new IllegalStateException("sink is closed");
        }
        writeHeaderOnce();
        Event event = detection.event();
        Provenance source = event.provenance();
        writeRow(List.of(
                event.timestamp() == null ? "" : EventTime.fixed(event.timestamp()),
                detection.level() == null ? "" : detection.level().label(),
                nullToEmpty(detection.rule().title()),
                nullToEmpty(detection.rule().id()),
                FieldText.of(event.get("Computer")),
                FieldText.of(event.get("Channel")),
                FieldText.of(event.get("EventID")),
                source == null ? "" : nullToEmpty(source.path()),
                source == null || source.record() < 0 ? "" : Long.toString(source.record()),
                source == null || source.line() < 0 ? "" : Long.toString(source.line()),
                EventSummary.of(event)));
    }

    /** One cell as written: formula-neutralised first, then quoted when RFC 4180 requires it. */
    static String cell(String value) {
        if (value.isEmpty()) {
            return value;
        }
        String text = startsFormula(value.charAt(0)) ? "'" + value : value;
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static boolean startsFormula(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private void writeHeaderOnce() throws IOException {
        if (!headerWritten) {
            headerWritten = true;
            writeRow(COLUMNS);
        }
    }

    private void writeRow(List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(cell(values.get(i)));
        }
        writer.write(CRLF);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        writeHeaderOnce();
        if (closeStream) {
            writer.close();
        } else {
            writer.flush();
            out.flush();
        }
    }
}
