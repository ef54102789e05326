package io.vigil.source.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.diag.SourceLocation;
import io.vigil.core.event.Provenance;
import io.vigil.source.RawRecord;
import io.vigil.source.files.ArchiveLimitException;
import io.vigil.source.files.InputFile;
import io.vigil.source.files.InputOpener;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads the JSON objects of one input and hands each to a consumer as a {@link RawRecord}, in input
 * order, so that every JSON layout Windows logs are exported in arrives the same way.
 *
 * <p>Accepted layouts: one object; a top-level array of objects; objects one after another,
 * pretty-printed or one per line (JSON lines), with blank lines anywhere. UTF-8, with or without a byte
 * order mark; gzip is recognised by its magic bytes and decompressed. Each record's provenance is the
 * line its opening brace is on.
 *
 * <p>Damage is contained to the record it is in: a value that does not parse ({@code malformed-json}),
 * is not an object ({@code not-an-object}), exceeds {@link JsonLimits#maxRecordBytes()} ({@code
 * record-too-large}) or another limit ({@code limit-exceeded}) is reported as an ERROR diagnostic at
 * {@code path:line:column}, counted in the {@link ReadResult}, and skipped, and reading resumes with the
 * next value. See {@link RecordSplitter} for how the next value is found after a broken one. Failing to
 * open or read the input ({@code input-unreadable}, {@code archive-limit}) ends that input early.
 *
 * <p>Exceptions thrown by the consumer propagate. An instance may be shared between threads if the sink
 * is thread-safe.
 */
public final class JsonRecordReader {
    // Jackson puts the slice-relative start of an unclosed object in its message; the slice line would mislead
    private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[Source:.*?]\\)");

    private final JsonLimits limits;
    private final InputOpener opener;
    private final DiagnosticSink sink;
    private final JsonFactory factory;

    public JsonRecordReader(DiagnosticSink sink) {
        this(JsonLimits.DEFAULTS, InputOpener.withDefaults(), sink);
    }

    public JsonRecordReader(JsonLimits limits, InputOpener opener, DiagnosticSink sink) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.factory = new JsonFactoryBuilder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxStringLength())
                        .maxNumberLength(limits.maxNumberLength())
                        .build())
                .build();
    }

    /** The bounds this reader holds records to. */
    public JsonLimits limits() {
        return limits;
    }

    /**
     * Opens and reads a JSON input found by discovery.
     *
     * @throws IllegalArgumentException for an {@link InputFile.Kind#EVTX} input
     */
    public ReadResult read(InputFile input, Consumer<RawRecord> consumer) {
        InputStream in = openOrReport(input);
        if (in == null) {
            return new ReadResult(input.displayPath(), 0, Map.of(), false);
        }
        try {
            return read(input.displayPath(), in, consumer);
        } finally {
            closeQuietly(in);
        }
    }

    /**
     * Opens a JSON or CSV input, or reports why it cannot be opened and returns null.
     *
     * @throws IllegalArgumentException for an {@link InputFile.Kind#EVTX} input
     */
    private InputStream openOrReport(InputFile input) {
        if (input.kind() == InputFile.Kind.EVTX) {
            throw new IllegalArgumentException("not a JSON input: " + input.displayPath());
        }
        try {
            return opened(input);
        } catch (IOException e) {
            report("input-unreadable", SourceLocation.file(input.displayPath()), "cannot open: " + describe(e));
            return null;
        }
    }

    /** The input's bytes as JSON: CSV inputs are decompressed and converted row by row. */
    private InputStream opened(InputFile input) throws IOException {
        InputStream raw = opener.open(input);
        if (input.kind() != InputFile.Kind.CSV) {
            return raw;
        }
        try {
            return new CsvJsonLines(decompressed(raw), limits.maxRecordBytes());
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // everything was read already; a failing close changes nothing the caller could act on
        }
    }

    /**
     * Reads a stream whose records are attributed to {@code displayPath}. The stream is not closed.
     */
    public ReadResult read(String displayPath, InputStream in, Consumer<RawRecord> consumer) {
        Map<String, Long> skipped = new HashMap<>();
        long[] read = new long[1];
        boolean completed = split(displayPath, in, slice -> {
            ParsedSlice parsed = parse(slice);
            if (parsed.record() != null) {
                read[0]++;
                consumer.accept(parsed.record());
            } else {
                skipped.merge(parsed.problem().code(), 1L, Long::sum);
                sink.report(parsed.problem());
            }
        });
        return new ReadResult(displayPath, read[0], skipped, completed);
    }

    /**
     * The first half of {@link #read(InputFile, Consumer)}, for readers that parse on other threads:
     * opens the input and cuts it into slices, in input order, without parsing them. Problems of the
     * input as a whole (cannot open, I/O error, unterminated top-level array) are reported to this
     * reader's diagnostic sink from the calling thread.
     *
     * @return false when the input could not be opened or read to its end
     */
    public boolean split(InputFile input, Consumer<RecordSlice> slices) {
        InputStream in = openOrReport(input);
        if (in == null) {
            return false;
        }
        try {
            return split(input.displayPath(), in, slices);
        } finally {
            closeQuietly(in);
        }
    }

    private boolean split(String displayPath, InputStream in, Consumer<RecordSlice> slices) {
        RecordSplitter splitter = null;
        try {
            splitter = new RecordSplitter(displayPath, decompressed(in), limits.maxRecordBytes());
            RecordSlice slice;
            while ((slice = splitter.next()) != null) {
                slices.accept(slice);
            }
            if (splitter.unterminatedArray()) {
                report(
                        "malformed-json",
                        SourceLocation.of(displayPath, (int) splitter.line(), splitter.column()),
                        "input ends inside a top-level array (missing ']')");
            }
            return true;
        } catch (IOException e) {
            String code = e instanceof ArchiveLimitException ? "archive-limit" : "input-unreadable";
            SourceLocation at = splitter == null
                    ? SourceLocation.file(displayPath)
                    : SourceLocation.of(displayPath, (int) splitter.line(), splitter.column());
            report(code, at, "reading stopped: " + describe(e));
            return false;
        }
    }

    /**
     * The second half of {@link #read(InputFile, Consumer)}: parses one slice into a record, or says
     * why it is skipped. Reports nothing itself, so that callers on several threads can report
     * problems in input order. Thread-safe.
     */
    public ParsedSlice parse(RecordSlice slice) {
        if (slice.oversized()) {
            return skip(
                    "record-too-large",
                    start(slice),
                    "record is larger than the limit of " + limits.maxRecordBytes() + " bytes");
        }
        Map<String, Object> tree;
        try (JsonParser parser = factory.createParser(slice.bytes(), 0, slice.length())) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return skip("not-an-object", start(slice), "top-level " + kindOf(first) + " is not an object");
            }
            tree = TreeBuilder.record(parser);
            if (parser.nextToken() != null) {
                throw new IllegalStateException("splitter gave more than one value");
            }
        } catch (StreamConstraintsException e) {
            return skip("limit-exceeded", at(slice, e.getLocation()), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return malformed(slice, e);
        } catch (IOException e) {
            // parsing a byte array does no I/O; treat anything else as a broken record
            return skip("malformed-json", start(slice), describe(e));
        }
        return new ParsedSlice(new RawRecord(tree, Provenance.line(slice.displayPath(), slice.line())), null);
    }

    /**
     * A parser over the slice's bytes with this reader's limits, for callers that read records without
     * building their tree; such callers leave any record they cannot read to {@link #parse}, which
     * reports why. Null for an oversized slice, whose bytes were not kept.
     */
    public JsonParser parser(RecordSlice slice) throws IOException {
        return slice.oversized() ? null : factory.createParser(slice.bytes(), 0, slice.length());
    }

    private static ParsedSlice malformed(RecordSlice slice, JsonProcessingException e) {
        String reason = START_MARKER.matcher(e.getOriginalMessage()).replaceAll("");
        switch (slice.end()) {
            case NEW_RECORD:
                return skip(
                        "malformed-json",
                        start(slice),
                        "record is truncated: a new record starts at line " + slice.nextLine()
                                + " before it is closed (" + reason + ")");
            case END_OF_INPUT:
                return skip("malformed-json", start(slice), "record is truncated by the end of input (" + reason + ")");
            default:
                return skip("malformed-json", at(slice, e.getLocation()), reason);
        }
    }

    private static SourceLocation start(RecordSlice slice) {
        return SourceLocation.of(slice.displayPath(), (int) slice.line(), slice.column());
    }

    /** Maps a parser location inside the slice to the input. */
    private static SourceLocation at(RecordSlice slice, JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return start(slice);
        }
        int line = location.getLineNr();
        int column = Math.max(1, location.getColumnNr());
        long inputLine = slice.line() + line - 1;
        int inputColumn = line == 1 ? slice.column() + column - 1 : column;
        return SourceLocation.of(slice.displayPath(), (int) inputLine, inputColumn);
    }

    private static ParsedSlice skip(String code, SourceLocation location, String message) {
        return new ParsedSlice(null, Diagnostic.error(code, message, location));
    }

    private static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        if (first == 0x1f && second == 0x8b) {
            return new GZIPInputStream(buffered, 1 << 16);
        }
        return buffered;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null ? kind : kind + ": " + message;
    }

    private void report(String code, SourceLocation location, String message) {
        sink.report(Diagnostic.error(code, message, location));
    }

    private static String kindOf(JsonToken token) {
        if (token == JsonToken.START_ARRAY) {
            return "array";
        }
        if (token == JsonToken.VALUE_STRING) {
            return "string";
        }
        if (token != null && token.isNumeric()) {
            return "number";
        }
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return "boolean";
        }
        return "null";
    }
}
