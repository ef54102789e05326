package io.vigil.source.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Presents a CSV file with a header row (RFC 4180: commas, double-quoted fields with doubled quotes and
 * line breaks) as JSON lines, one object per row keyed by the header's column names, so that CSV network
 * logs flow through the JSON reader and normaliser unchanged. The header becomes an empty line and every
 * line break inside a quoted field an empty line after its row, so line numbers in diagnostics and
 * provenance stay those of the CSV file.
 *
 * <p>A header naming {@code assigned_ip} or {@code mfa} marks VPN sessions and one naming {@code dst_ip}
 * flows (docs/msp-register.md): rows then get the matching {@code log_type} unless they carry one. Whole
 * numbers in the documented numeric columns become JSON numbers; every other value stays text, empty
 * cells are left out. A row longer than the record limit stops the file with an error.
 */
final class CsvJsonLines extends InputStream {
    private static final Set<String> NUMERIC =
            Set.of("bytes", "bytes_in", "bytes_out", "dst_port", "src_port", "duration_s");

    private final Reader in;
    private final int maxRowChars;
    private final JsonFactory json = new JsonFactory();
    private List<String> header;
    private String logType;
    private byte[] chunk = new byte[0];
    private int pos;
    private long line = 1;
    private boolean eof;

    CsvJsonLines(InputStream in, int maxRowChars) {
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
        this.maxRowChars = maxRowChars;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (pos >= chunk.length) {
            if (eof || !fill()) {
                return -1;
            }
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Converts the next row into {@link #chunk}; false at the end of the input. */
    private boolean fill() throws IOException {
        long start = line;
        List<String> row = row();
        if (row == null) {
            eof = true;
            return false;
        }
        int breaks = (int) (line - start - 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        if (header == null) {
            // spreadsheet exports start with a byte order mark that would otherwise join the first name
            if (!row.isEmpty() && row.get(0).startsWith("\uFEFF")) {
                row.set(0, row.get(0).substring(1));
            }
            header = row;
            boolean vpn = header.contains("assigned_ip") || header.contains("mfa");
            logType = vpn ? "vpn_session" : header.contains("dst_ip") ? "flow" : null;
        } else if (!(row.size() == 1 && row.get(0).isEmpty())) {
            try (JsonGenerator g = json.createGenerator(out)) {
                g.writeStartObject();
                int own = header.indexOf("log_type");
                boolean carries = own >= 0 && own < row.size() && !row.get(own).isEmpty();
                if (logType != null && !carries) {
                    g.writeStringField("log_type", logType);
                }
                for (int i = 0; i < row.size(); i++) {
                    String name = i < header.size() ? header.get(i) : "column" + (i + 1);
                    String value = row.get(i);
                    if (value.isEmpty()) {
                        continue;
                    }
                    if (NUMERIC.contains(name) && isWholeNumber(value)) {
                        g.writeNumberField(name, Long.parseLong(value));
                    } else {
                        g.writeStringField(name, value);
                    }
                }
                g.writeEndObject();
            }
        }
        out.write('\n');
        for (int i = 0; i < breaks; i++) {
            out.write('\n');
        }
        chunk = out.toByteArray();
        pos = 0;
        return true;
    }

    private static boolean isWholeNumber(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The next row's fields, or null at the end; advances {@link #line} past the row's line breaks. */
    private List<String> row() throws IOException {
        int c = in.read();
        if (c < 0) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        long quoteLine = line;
        int size = 0;
        while (true) {
            if (++size > maxRowChars) {
                throw new IOException("CSV row at line " + line + " is longer than " + maxRowChars + " characters");
            }
            if (quoted) {
                if (c < 0) {
                    throw new IOException("CSV input ends inside a quoted field opened on line " + quoteLine);
                }
                if (c == '"') {
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = next;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c < 0 || c == '\n') {
                fields.add(trimCr(field));
                line++;
                return fields;
            } else if (c == ',') {
                fields.add(trimCr(field));
                field.setLength(0);
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                quoteLine = line;
            } else {
                field.append((char) c);
            }
            c = in.read();
        }
    }

    private static String trimCr(StringBuilder field) {
        int n = field.length();
        return n > 0 && field.charAt(n - 1) == '\r' ? field.substring(0, n - 1) : field.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
