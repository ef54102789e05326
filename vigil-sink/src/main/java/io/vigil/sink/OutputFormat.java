package io.vigil.sink;

import io.vigil.core.sink.DetectionSink;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The {@code --format} choices of {@code vigil hunt}, and the one place that turns a choice into a
 * sink, so that the CLI needs no knowledge of the sink classes.
 */
public enum OutputFormat {
    TABLE,
    JSONL,
    CSV,
    /** Detections grouped by tenant and incident (for hunts with an MSP register). */
    INCIDENTS;

    /**
     * Parses a format name, case-insensitive and trimmed.
     *
     * @throws IllegalArgumentException for an unknown name, with a message listing the valid ones
     */
    public static OutputFormat parse(String text) {
        String name = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (OutputFormat format : values()) {
            if (format.label().equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException(
                "unknown output format '" + text + "' (expected one of: table, jsonl, csv, incidents)");
    }

    /** The lower-case name used on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Opens the sink for {@code format} over {@code out}.
     *
     * @param closeStream whether the sink's close closes {@code out}: false for stdout, true for a file
     *     the caller opened for the sink alone
     * @param colour ANSI colour for the table (true only when {@code out} is a terminal); ignored by
     *     JSONL and CSV, which never contain colour codes
     */
    public static DetectionSink open(OutputFormat format, OutputStream out, boolean closeStream, boolean colour)
            throws IOException {
        return switch (format) {
            case TABLE -> new TableSink(out, closeStream, colour);
            case JSONL -> new JsonlSink(out, closeStream);
            case CSV -> new CsvSink(out, closeStream);
            case INCIDENTS -> new IncidentSink(out, closeStream, colour);
        };
    }
}
