package io.vigil.engine.cache;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.Severity;
import io.vigil.core.diag.SourceLocation;
import io.vigil.correlate.Comparison;
import io.vigil.correlate.CorrelationCondition;
import io.vigil.correlate.CorrelationType;
import io.vigil.correlate.Relation;
import io.vigil.correlate.Timespan;
import io.vigil.sigma.ast.AliasMapping;
import io.vigil.sigma.ast.ConditionText;
import io.vigil.sigma.ast.DetectionBody;
import io.vigil.sigma.ast.FieldSpec;
import io.vigil.sigma.ast.LogSource;
import io.vigil.sigma.ast.RuleReference;
import io.vigil.sigma.ast.RuleValue;
import io.vigil.sigma.ast.SearchIdentifier;
import io.vigil.sigma.ast.SigmaCorrelation;
import io.vigil.sigma.ast.SigmaDocument;
import io.vigil.sigma.ast.SigmaFilter;
import io.vigil.sigma.ast.SigmaRule;
import io.vigil.sigma.parse.ParsedFile;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compact binary form of parsed rule files ({@link ParsedFile}: documents and parse diagnostics), so
 * that a warm load skips YAML. Hand-written rather than Java serialisation: a cache file is untrusted
 * input, and this reader can only ever build the AST records below. Strings go through a table, since
 * the same path appears in every location of a file.
 *
 * <p>The reader trusts nothing: an unknown tag, a negative or oversized count, a string index out of
 * range or a value a record constructor refuses all end in {@link CorruptCacheException}.
 */
final class DocumentCodec {
    private DocumentCodec() {}

    /** Thrown for bytes that are not a well-formed encoding. */
    static final class CorruptCacheException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptCacheException(String message) {
            super(message);
        }
    }

    private static final int RULE = 1;
    private static final int FILTER = 2;
    private static final int CORRELATION = 3;

    /** Appends values to a growing buffer, with a string table. */
    static final class Writer {
        private final ByteArrayOutputStream bytes;
        private final DataOutputStream out;
        private final Map<String, Integer> strings = new HashMap<>();

        Writer(int expectedSize) {
            bytes = new ByteArrayOutputStream(expectedSize);
            out = new DataOutputStream(bytes);
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }

        void raw(byte[] b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void integer(int v) {
            // Unsigned LEB128 of the zig-zag form: small counts and line numbers take one byte.
            int z = (v << 1) ^ (v >> 31);
            try {
                while ((z & ~0x7f) != 0) {
                    out.writeByte((z & 0x7f) | 0x80);
                    z >>>= 7;
                }
                out.writeByte(z);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void longValue(long v) {
            try {
                out.writeLong(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void doubleValue(double v) {
            longValue(Double.doubleToRawLongBits(v));
        }

        /** 0 for null, else 1 + the table index; a new string follows its index as UTF-8. */
        void string(String s) {
            if (s == null) {
                integer(0);
                return;
            }
            Integer known = strings.get(s);
            if (known != null) {
                integer(known + 1);
                return;
            }
            int id = strings.size();
            strings.put(s, id);
            integer(id + 1);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            integer(utf8.length);
            raw(utf8);
        }

        void strings(List<String> list) {
            integer(list.size());
            for (String s : list) {
                string(s);
            }
        }

        void bool(boolean b) {
            integer(b ? 1 : 0);
        }

        void file(ParsedFile f) {
            integer(f.documents().size());
            for (SigmaDocument d : f.documents()) {
                document(d);
            }
            integer(f.diagnostics().size());
            for (Diagnostic d : f.diagnostics()) {
                integer(d.severity().ordinal());
                string(d.code());
                string(d.message());
                location(d.location());
                string(d.subject());
            }
        }

        private void location(SourceLocation l) {
            bool(l != null);
            if (l != null) {
                string(l.path());
                integer(l.line());
                integer(l.column());
                longValue(l.byteOffset());
            }
        }

        private void document(SigmaDocument d) {
            if (d instanceof SigmaRule r) {
                integer(RULE);
                location(r.location());
                string(r.path());
                string(r.id());
                string(r.name());
                string(r.title());
                string(r.status());
                string(r.level());
                location(r.levelLocation());
                string(r.author());
                string(r.description());
                strings(r.tags());
                logsource(r.logsource());
                body(r.detection());
            } else if (d instanceof SigmaFilter f) {
                integer(FILTER);
                location(f.location());
                string(f.id());
                string(f.title());
                logsource(f.logsource());
                strings(f.rules());
                body(f.body());
            } else if (d instanceof SigmaCorrelation c) {
                integer(CORRELATION);
                correlation(c);
            }
        }

        private void correlation(SigmaCorrelation c) {
            location(c.location());
            string(c.path());
            string(c.id());
            string(c.name());
            string(c.title());
            string(c.status());
            string(c.level());
            location(c.levelLocation());
            string(c.author());
            strings(c.tags());
            integer(c.type() == null ? -1 : c.type().ordinal());
            integer(c.rules().size());
            for (RuleReference r : c.rules()) {
                reference(r);
            }
            strings(c.groupBy());
            location(c.groupByLocation());
            bool(c.timespan() != null);
            if (c.timespan() != null) {
                string(c.timespan().text());
                longValue(c.timespan().duration().getSeconds());
                integer(c.timespan().duration().getNano());
            }
            bool(c.condition() != null);
            if (c.condition() != null) {
                integer(c.condition().comparisons().size());
                for (Comparison cmp : c.condition().comparisons()) {
                    integer(cmp.relation().ordinal());
                    doubleValue(cmp.value());
                }
                Integer p = c.condition().percentile();
                bool(p != null);
                if (p != null) {
                    integer(p);
                }
            }
            strings(c.fields());
            integer(c.aliases().size());
            for (AliasMapping a : c.aliases()) {
                string(a.alias());
                reference(a.rule());
                string(a.field());
                location(a.location());
            }
            bool(c.generate());
        }

        private void reference(RuleReference r) {
            bool(r != null);
            if (r != null) {
                string(r.text());
                location(r.location());
            }
        }

        private void logsource(LogSource l) {
            bool(l != null);
            if (l != null) {
                string(l.product());
                string(l.category());
                string(l.service());
            }
        }

        private void body(DetectionBody b) {
            bool(b != null);
            if (b == null) {
                return;
            }
            integer(b.identifiers().size());
            for (Map.Entry<String, SearchIdentifier> e : b.identifiers().entrySet()) {
                string(e.getKey());
                SearchIdentifier s = e.getValue();
                string(s.name());
                integer(s.alternatives().size());
                for (List<FieldSpec> alt : s.alternatives()) {
                    integer(alt.size());
                    for (FieldSpec f : alt) {
                        string(f.field());
                        strings(f.modifiers());
                        integer(f.values().size());
                        for (RuleValue v : f.values()) {
                            integer(v.kind().ordinal());
                            string(v.text());
                        }
                        location(f.location());
                    }
                }
                location(s.location());
            }
            integer(b.conditions().size());
            for (ConditionText c : b.conditions()) {
                string(c.text());
                location(c.location());
            }
        }
    }

    /** Reads what a {@link Writer} wrote, checking every count and index against the bytes left. */
    static final class Reader {
        private final ByteBuffer in;
        private final List<String> strings = new ArrayList<>();

        Reader(ByteBuffer in) {
            this.in = in;
        }

        boolean atEnd() {
            return !in.hasRemaining();
        }

        /** The next {@code n} bytes as a buffer of their own, without copying. */
        ByteBuffer slice(int n) throws CorruptCacheException {
            if (n < 0 || n > in.remaining()) {
                throw new CorruptCacheException("truncated");
            }
            ByteBuffer out = in.slice(in.position(), n);
            in.position(in.position() + n);
            return out;
        }

        byte[] raw(int n) throws CorruptCacheException {
            if (n < 0 || n > in.remaining()) {
                throw new CorruptCacheException("truncated");
            }
            byte[] b = new byte[n];
            in.get(b);
            return b;
        }

        int integer() throws CorruptCacheException {
            int z = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                if (!in.hasRemaining()) {
                    throw new CorruptCacheException("truncated");
                }
                int b = in.get() & 0xff;
                z |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return (z >>> 1) ^ -(z & 1);
                }
            }
            throw new CorruptCacheException("bad integer");
        }

        /** A count of items that each take at least one byte: never more than the bytes left. */
        int count() throws CorruptCacheException {
            int n = integer();
            if (n < 0 || n > in.remaining()) {
                throw new CorruptCacheException("bad count " + n);
            }
            return n;
        }

        long longValue() throws CorruptCacheException {
            if (in.remaining() < 8) {
                throw new CorruptCacheException("truncated");
            }
            return in.getLong();
        }

        <E extends Enum<E>> E enumValue(E[] values) throws CorruptCacheException {
            int i = integer();
            if (i < 0 || i >= values.length) {
                throw new CorruptCacheException("bad enum " + i);
            }
            return values[i];
        }

        String string() throws CorruptCacheException {
            int id = integer();
            if (id == 0) {
                return null;
            }
            if (id > 0 && id <= strings.size()) {
                return strings.get(id - 1);
            }
            if (id != strings.size() + 1) {
                throw new CorruptCacheException("bad string index " + id);
            }
            String s = new String(raw(count()), StandardCharsets.UTF_8);
            strings.add(s);
            return s;
        }

        List<String> strings() throws CorruptCacheException {
            int n = count();
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(string());
            }
            return out;
        }

        boolean bool() throws CorruptCacheException {
            int b = integer();
            if (b != 0 && b != 1) {
                throw new CorruptCacheException("bad flag " + b);
            }
            return b == 1;
        }

        ParsedFile file() throws CorruptCacheException {
            try {
                int n = count();
                List<SigmaDocument> docs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    docs.add(document());
                }
                int m = count();
                List<Diagnostic> diags = new ArrayList<>(m);
                for (int i = 0; i < m; i++) {
                    diags.add(new Diagnostic(enumValue(Severity.values()), string(), string(), location(), string()));
                }
                return new ParsedFile(docs, diags);
            } catch (RuntimeException e) {
                // A record constructor refused a value (e.g. a zero timespan): not what a writer wrote.
                throw new CorruptCacheException("invalid value: " + e);
            }
        }

        private SourceLocation location() throws CorruptCacheException {
            if (!bool()) {
                return null;
            }
            return new SourceLocation(string(), integer(), integer(), longValue());
        }

        private SigmaDocument document() throws CorruptCacheException {
            int kind = integer();
            switch (kind) {
                case RULE:
                    return new SigmaRule(
                            location(),
                            string(),
                            string(),
                            string(),
                            string(),
                            string(),
                            string(),
                            location(),
                            string(),
                            string(),
                            strings(),
                            logsource(),
                            body());
                case FILTER:
                    return new SigmaFilter(location(), string(), string(), logsource(), strings(), body());
                case CORRELATION:
                    return correlation();
                default:
                    throw new CorruptCacheException("bad document kind " + kind);
            }
        }

        private SigmaCorrelation correlation() throws CorruptCacheException {
            SourceLocation location = location();
            String path = string();
            String id = string();
            String name = string();
            String title = string();
            String status = string();
            String level = string();
            SourceLocation levelLocation = location();
            String author = string();
            List<String> tags = strings();
            int typeIndex = integer();
            CorrelationType type = null;
            if (typeIndex != -1) {
                if (typeIndex < 0 || typeIndex >= CorrelationType.values().length) {
                    throw new CorruptCacheException("bad correlation type " + typeIndex);
                }
                type = CorrelationType.values()[typeIndex];
            }
            List<RuleReference> rules = list(this::reference);
            List<String> groupBy = strings();
            SourceLocation groupByLocation = location();
            Timespan timespan = null;
            if (bool()) {
                String text = string();
                long seconds = longValue();
                int nanos = integer();
                timespan = new Timespan(text, Duration.ofSeconds(seconds, nanos));
            }
            CorrelationCondition condition = null;
            if (bool()) {
                int n = count();
                List<Comparison> comparisons = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Relation r = enumValue(Relation.values());
                    comparisons.add(new Comparison(r, Double.longBitsToDouble(longValue())));
                }
                Integer percentile = bool() ? integer() : null;
                condition = new CorrelationCondition(comparisons, percentile);
            }
            List<String> fields = strings();
            int na = count();
            List<AliasMapping> aliases = new ArrayList<>(na);
            for (int i = 0; i < na; i++) {
                aliases.add(new AliasMapping(string(), reference(), string(), location()));
            }
            boolean generate = bool();
            return new SigmaCorrelation(
                    location,
                    path,
                    id,
                    name,
                    title,
                    status,
                    level,
                    levelLocation,
                    author,
                    tags,
                    type,
                    rules,
                    groupBy,
                    groupByLocation,
                    timespan,
                    condition,
                    fields,
                    aliases,
                    generate);
        }

        private interface Item<T> {
            T read() throws CorruptCacheException;
        }

        private <T> List<T> list(Item<T> item) throws CorruptCacheException {
            int n = count();
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(item.read());
            }
            return out;
        }

        private RuleReference reference() throws CorruptCacheException {
            return bool() ? new RuleReference(string(), location()) : null;
        }

        private LogSource logsource() throws CorruptCacheException {
            return bool() ? new LogSource(string(), string(), string()) : null;
        }

        private DetectionBody body() throws CorruptCacheException {
            if (!bool()) {
                return null;
            }
            int n = count();
            Map<String, SearchIdentifier> ids = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String key = string();
                String name = string();
                int na = count();
                List<List<FieldSpec>> alternatives = new ArrayList<>(na);
                for (int a = 0; a < na; a++) {
                    int nf = count();
                    List<FieldSpec> specs = new ArrayList<>(nf);
                    for (int f = 0; f < nf; f++) {
                        String field = string();
                        List<String> modifiers = strings();
                        int nv = count();
                        List<RuleValue> values = new ArrayList<>(nv);
                        for (int v = 0; v < nv; v++) {
                            values.add(new RuleValue(enumValue(RuleValue.Kind.values()), string()));
                        }
                        specs.add(new FieldSpec(field, modifiers, values, location()));
                    }
                    alternatives.add(specs);
                }
                ids.put(key, new SearchIdentifier(name, alternatives, location()));
            }
            List<ConditionText> conditions = list(() -> new ConditionText(string(), location()));
            return new DetectionBody(ids, conditions);
        }
    }
}
