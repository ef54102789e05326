package io.vigil.ioc.load;

import io.vigil.core.diag.DiagnosticSink;
import io.vigil.ioc.Comparison;
import io.vigil.ioc.Indicator;
import io.vigil.ioc.IocSet;
import io.vigil.ioc.NameBasedIds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads CSV or plain lists with a header naming the columns {@code type} and {@code value}, and
 * optionally {@code comment}: {@code type} is a MISP attribute type ({@code md5}, {@code domain},
 * {@code ip-dst}, …) or {@code hash}/{@code ip}/{@code port} when the kind is not stated. The delimiter
 * is the first of comma, tab or semicolon found in the header line; lines starting with {@code #} are
 * comments.
 *
 * <p>Rows have no id of their own, so each gets a name-based UUID of its type and value (stable across
 * runs and files). Every bad row is reported with its line and skipped; a missing header rejects the
 * file.
 */
public final class CsvLoader {
    private CsvLoader() {}

    public static IocSet load(String feed, byte[] content, DiagnosticSink sink) {
        return load(feed, content, FeedOptions.defaults(), sink);
    }

    public static IocSet load(String feed, byte[] content, FeedOptions options, DiagnosticSink sink) {
        FeedProblems problems = new FeedProblems(feed, sink);
        String text = new String(content, StandardCharsets.UTF_8);
        CsvRecordReader reader = new CsvRecordReader(text, delimiter(text), true);
        IocSet.Builder out = IocSet.builder();
        CsvRecordReader.Record header = reader.next();
        if (header == null) {
            problems.warning("ioc-empty-feed", "no header and no rows", problems.at(1, -1), null);
            return out.build();
        }
        int typeCol = -1;
        int valueCol = -1;
        int commentCol = -1;
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "type" -> typeCol = i;
                case "value" -> valueCol = i;
                case "comment" -> commentCol = i;
                default -> ignored.add(header.fields().get(i).trim());
            }
        }
        if (typeCol < 0 || valueCol < 0) {
            problems.error(
                    "ioc-csv-header",
                    "the first line must be a header naming the columns type and value"
                            + " (type,value[,comment]); nothing loaded",
                    problems.at(header.line(), -1),
                    null);
            return out.build();
        }
        if (!ignored.isEmpty()) {
            problems.warning(
                    "ioc-csv-column",
                    "columns " + ignored + " are not type, value or comment; ignored",
                    problems.at(header.line(), -1),
                    null);
        }
        for (CsvRecordReader.Record r = reader.next(); r != null; r = reader.next()) {
            if (r.unterminated()) {
                problems.error(
                        "ioc-csv-syntax",
                        "quoted field is not closed before the end of the file; row skipped",
                        problems.at(r.line(), -1),
                        null);
                break;
            }
            if (r.fields().size() == 1 && r.fields().get(0).isBlank()) {
                continue;
            }
            if (r.fields().size() <= Math.max(typeCol, valueCol)) {
                problems.error(
                        "ioc-csv-row",
                        "row has " + r.fields().size() + " columns, the header "
                                + header.fields().size(),
                        problems.at(r.line(), -1),
                        null);
                continue;
            }
            String type = r.fields().get(typeCol).trim();
            String value = r.fields().get(valueCol).trim();
            String comment = commentCol >= 0 && commentCol < r.fields().size()
                    ? r.fields().get(commentCol).trim()
                    : null;
            List<List<Comparison>> clauses;
            try {
                clauses = AttributeTypes.clauses(type, value);
            } catch (IllegalArgumentException e) {
                problems.error(
                        "ioc-invalid-value",
                        "invalid " + type + " '" + value + "': " + e.getMessage(),
                        problems.at(r.line(), -1),
                        null);
                continue;
            }
            if (clauses == null) {
                problems.warning(
                        "ioc-unsupported-type",
                        "type '" + type + "' is not one Vigil matches; row skipped",
                        problems.at(r.line(), -1),
                        null);
                continue;
            }
            StringBuilder name = new StringBuilder(type.toLowerCase(Locale.ROOT));
            clauses.forEach(cl -> cl.forEach(c -> name.append(':').append(c.key())));
            String id = NameBasedIds.uuid5(NameBasedIds.VIGIL, name.toString()).toString();
            out.add(new Indicator(
                    id,
                    feed,
                    feed,
                    comment == null || comment.isEmpty() ? null : comment,
                    List.of(),
                    options.defaultLevel(),
                    options.defaultConfidence(),
                    null,
                    null,
                    clauses));
        }
        problems.flush();
        return out.build();
    }

    /** The delimiter of the first non-comment line: comma, else tab, else semicolon. */
    static char delimiter(String text) {
        int i = 0;
        while (i < text.length()) {
            int end = text.indexOf('\n', i);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(i, end);
            if (!line.isBlank() && !line.stripLeading().startsWith("#")) {
                if (line.indexOf(',') >= 0) {
                    return ',';
                }
                if (line.indexOf('\t') >= 0) {
                    return '\t';
                }
                if (line.indexOf(';') >= 0) {
                    return ';';
                }
                return ',';
            }
            i = end + 1;
        }
        return ',';
    }
}
