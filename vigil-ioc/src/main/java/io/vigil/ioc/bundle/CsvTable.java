package io.vigil.ioc.bundle;

import io.vigil.ioc.load.CsvRecordReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A source CSV of ../shared/intel read into rows addressed by header name, for the generator only. */
final class CsvTable {
    /** One row: values by column name, and the file's name and line for error messages. */
    record Row(Map<String, String> values, String file, int line) {
        String get(String column) {
            String v = values.get(column);
            if (v == null) {
                throw new IllegalStateException(file + ":" + line + ": no column '" + column + "'");
            }
            return v.trim();
        }
    }

    private CsvTable() {}

    static List<Row> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        CsvRecordReader reader = new CsvRecordReader(text, ',', false);
        CsvRecordReader.Record header = reader.next();
        if (header == null) {
            throw new IllegalStateException(file + " is empty");
        }
        List<Row> rows = new ArrayList<>();
        for (CsvRecordReader.Record r = reader.next(); r != null; r = reader.next()) {
            if (r.unterminated() || r.fields().size() != header.fields().size()) {
                throw new IllegalStateException(
                        file + ":" + r.line() + ": expected " + header.fields().size() + " columns, found "
                                + r.fields().size());
            }
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < header.fields().size(); i++) {
                values.put(header.fields().get(i).trim(), r.fields().get(i));
            }
            rows.add(new Row(values, file.getFileName().toString(), r.line()));
        }
        return rows;
    }
}
