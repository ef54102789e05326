package io.vigil.ioc.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into RFC 4180 records (quoted fields, doubled quotes, line breaks inside quotes, CRLF or
 * LF), keeping the line each record starts on for diagnostics. Blank lines are skipped; with {@code
 * comments}, so are lines whose first character is {@code #}. A quote inside an unquoted field is an
 * ordinary character, as most spreadsheet exports expect.
 */
public final class CsvRecordReader {
    /**
     * One record: its fields, the 1-based line it starts on, and whether its last quoted field ran to
     * the end of the text without a closing quote.
     */
    public record Record(List<String> fields, int line, boolean unterminated) {}

    private final String text;
    private final char delimiter;
    private final boolean comments;
    private int pos;
    private int line = 1;

    public CsvRecordReader(String text, char delimiter, boolean comments) {
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.delimiter = delimiter;
        this.comments = comments;
    }

    /** The next record, or null at the end of the text. */
    public Record next() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n' || c == '\r') {
                newline();
                continue;
            }
            if (comments && c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                    pos++;
                }
                continue;
            }
            return record();
        }
        return null;
    }

    /** All remaining records. */
    public List<Record> readAll() {
        List<Record> all = new ArrayList<>();
        for (Record r = next(); r != null; r = next()) {
            all.add(r);
        }
        return all;
    }

    private Record record() {
        int start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean unterminated = false;
        while (true) {
            if (pos < text.length() && text.charAt(pos) == '"') {
                pos++;
                boolean closed = false;
                while (pos < text.length()) {
                    char c = text.charAt(pos);
                    if (c == '"') {
                        if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                            field.append('"');
                            pos += 2;
                            continue;
                        }
                        pos++;
                        closed = true;
                        break;
                    }
                    if (c == '\n' || c == '\r') {
                        field.append('\n');
                        newline();
                        continue;
                    }
                    field.append(c);
                    pos++;
                }
                unterminated |= !closed;
            }
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == delimiter || c == '\n' || c == '\r') {
                    break;
                }
                field.append(c);
                pos++;
            }
            fields.add(field.toString());
            field.setLength(0);
            if (pos < text.length() && text.charAt(pos) == delimiter) {
                pos++;
                continue;
            }
            if (pos < text.length()) {
                newline();
            }
            return new Record(fields, start, unterminated);
        }
    }

    private void newline() {
        if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
            pos++;
        }
        pos++;
        line++;
    }
}
