package io.vigil.ioc.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.core.detect.Level;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.diag.Severity;
import io.vigil.core.diag.SourceLocation;
import io.vigil.ioc.Comparison;
import io.vigil.ioc.Indicator;
import io.vigil.ioc.IocSet;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Loads the {@code indicator} objects of a STIX 2.1 (or 2.0) bundle, or of a JSON array of STIX
 * objects; {@code identity} objects supply author names, everything else is ignored.
 *
 * <p>Per indicator: {@code pattern} (STIX patterning, see {@link StixPattern} and {@link StixTerms}),
 * {@code pattern_type} (only {@code stix}), {@code valid_from}/{@code valid_until}, {@code
 * confidence}, {@code labels} and ATT&CK ids from {@code external_references} as tags, {@code
 * created_by_ref} for the author, {@code revoked}. Vigil's own properties: {@code x_vigil_level} (the
 * detection level) and {@code x_vigil_detect: false} (context only, like MISP {@code to_ids: false}).
 *
 * <p>An indicator that cannot be used is reported with its id and location and skipped; the rest
 * loads. A JSON syntax error ends the feed at that point, keeping what was read before it.
 */
public final class StixLoader {
    private StixLoader() {}

    public static IocSet load(String feed, byte[] content, DiagnosticSink sink) {
        return load(feed, content, FeedOptions.defaults(), sink);
    }

    public static IocSet load(String feed, byte[] content, FeedOptions options, DiagnosticSink sink) {
        FeedProblems problems = new FeedProblems(feed, sink);
        IocSet.Builder out = IocSet.builder();
        read(feed, content, options, problems, stated -> {
            Indicator ind = stated.indicator(feed, options, problems);
            if (ind != null) {
                out.add(ind);
            }
        });
        problems.flush();
        return out.build();
    }

    /**
     * Reads the usable indicators of {@code content} in feed order, reporting what is wrong with the
     * others to {@code problems} (not flushed here), and hands each to {@code each} before reading the
     * next, so that the diagnostics stay in feed order. Indicators marked {@code x_vigil_detect: false}
     * are tallied and left out unless {@code options} include them; the default level and confidence
     * are left to {@link StatedIndicator#indicator}.
     */
    static void read(
            String feed, byte[] content, FeedOptions options, FeedProblems problems, Consumer<StatedIndicator> each) {
        Collector c = new Collector();
        try (JsonParser p = JsonTrees.parser(content)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                objects(p, c);
            } else if (t == JsonToken.START_OBJECT) {
                JsonLocation start = p.currentTokenLocation();
                Map<String, Object> top = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (name.equals("objects") && v == JsonToken.START_ARRAY) {
                        objects(p, c);
                    } else {
                        top.put(name, JsonTrees.read(p));
                    }
                }
                if ("indicator".equals(top.get("type")) || "identity".equals(top.get("type"))) {
                    c.accept(top, start);
                }
            } else {
                problems.error(
                        "ioc-stix-shape",
                        "expected a STIX bundle object or an array of STIX objects",
                        problems.at(1, 1),
                        null);
            }
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            problems.error(
                    "ioc-json-syntax",
                    e.getOriginalMessage(),
                    problems.at(JsonTrees.line(l), JsonTrees.column(l)),
                    null);
        } catch (IOException e) {
            problems.error("ioc-unreadable", String.valueOf(e.getMessage()), SourceLocation.file(feed), null);
        }
        for (Pending pending : c.indicators) {
            StatedIndicator stated = stated(pending, c.authors, options, problems);
            if (stated != null) {
                each.accept(stated);
            }
        }
    }

    private record Pending(Map<String, Object> object, int line, int column) {}

    private static final class Collector {
        final List<Pending> indicators = new ArrayList<>();
        final Map<String, String> authors = new HashMap<>();

        void accept(Map<String, Object> o, JsonLocation where) {
            Object type = o.get("type");
            if ("indicator".equals(type)) {
                indicators.add(new Pending(o, JsonTrees.line(where), JsonTrees.column(where)));
            } else if ("identity".equals(type)) {
                String id = JsonTrees.string(o, "id");
                String name = JsonTrees.string(o, "name");
                if (id != null && name != null) {
                    authors.put(id, name);
                }
            }
        }
    }

    private static void objects(JsonParser p, Collector c) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonParseException(p, "unexpected end of input in the objects array");
            }
            JsonLocation where = p.currentTokenLocation();
            Map<String, Object> m = JsonTrees.object(JsonTrees.read(p));
            if (m != null) {
                c.accept(m, where);
            }
        }
    }

    private static StatedIndicator stated(
            Pending pending, Map<String, String> authors, FeedOptions options, FeedProblems problems) {
        Map<String, Object> o = pending.object();
        SourceLocation at = problems.at(pending.line(), pending.column());
        String id = JsonTrees.string(o, "id");
        if (id == null) {
            problems.error("ioc-missing-field", "indicator without an id", at, null);
            return null;
        }
        if (Boolean.TRUE.equals(o.get("revoked"))) {
            problems.tally("ioc-revoked", Severity.INFO, "revoked indicators skipped", at);
            return null;
        }
        String patternType = JsonTrees.string(o, "pattern_type");
        if (patternType != null && !patternType.equalsIgnoreCase("stix")) {
            problems.tally(
                    "ioc-pattern-type",
                    Severity.WARNING,
                    "indicators with pattern_type '" + patternType + "' skipped (only 'stix' patterns are used)",
                    at);
            return null;
        }
        boolean detect = !Boolean.FALSE.equals(o.get("x_vigil_detect"));
        if (!detect && !options.includeNonDetection()) {
            StatedIndicator.notForDetection(problems, at);
            return null;
        }
        String pattern = JsonTrees.string(o, "pattern");
        if (pattern == null) {
            problems.error("ioc-missing-field", "indicator has no pattern string", at, id);
            return null;
        }
        List<List<Comparison>> clauses;
        try {
            clauses = StixTerms.comparisons(StixPattern.parse(pattern));
        } catch (PatternException e) {
            String where = e.offset() >= 0 ? " at offset " + e.offset() + " of the pattern" : "";
            String message = (e.code().equals(PatternException.UNSUPPORTED) ? "unsupported pattern construct: " : "")
                    + e.getMessage() + where + "; indicator " + id + " skipped";
            if (e.code().equals(PatternException.UNSUPPORTED)) {
                problems.warning(e.code(), message, at, id);
            } else {
                problems.error(e.code(), message, at, id);
            }
            return null;
        }
        Instant from = time(o, "valid_from", id, at, problems);
        Instant until = time(o, "valid_until", id, at, problems);
        if (from != null && until != null && !until.isAfter(from)) {
            problems.warning(
                    "ioc-validity", "valid_until is not after valid_from; indicator " + id + " skipped", at, id);
            return null;
        }
        Level level = null;
        String levelText = JsonTrees.string(o, "x_vigil_level");
        if (levelText != null) {
            level = Level.parse(levelText).orElse(null);
            if (level == null) {
                problems.warning(
                        "ioc-level",
                        "x_vigil_level '" + levelText + "' is not a level; using "
                                + options.defaultLevel().label(),
                        at,
                        id);
            }
        }
        int confidence = StatedIndicator.NOT_STATED;
        Object conf = o.get("confidence");
        if (conf instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 100) {
            confidence = n.intValue();
        } else if (conf != null) {
            problems.warning("ioc-confidence", "confidence must be a number from 0 to 100", at, id);
        }
        String author = authors.getOrDefault(JsonTrees.string(o, "created_by_ref"), null);
        if (author == null) {
            // the reference itself, or (null) the feed name
            author = JsonTrees.string(o, "created_by_ref");
        }
        String description = JsonTrees.string(o, "name");
        if (description == null) {
            description = JsonTrees.string(o, "description");
        }
        return new StatedIndicator(
                pending.line(),
                pending.column(),
                id,
                author,
                description,
                tags(o),
                detect,
                level,
                confidence,
                from,
                until,
                clauses);
    }

    /** Labels, then ATT&CK ids from external references as Sigma-style tags ({@code attack.g0045}). */
    private static List<String> tags(Map<String, Object> o) {
        Set<String> tags = new LinkedHashSet<>(JsonTrees.names(o.get("labels"), "name"));
        if (o.get("external_references") instanceof List<?> refs) {
            for (Object r : refs) {
                Map<String, Object> ref = JsonTrees.object(r);
                if (ref != null
                        && "mitre-attack".equals(ref.get("source_name"))
                        && ref.get("external_id") instanceof String ext) {
                    tags.add("attack." + ext.toLowerCase(Locale.ROOT));
                }
            }
        }
        return new ArrayList<>(tags);
    }

    private static Instant time(
            Map<String, Object> o, String key, String id, SourceLocation at, FeedProblems problems) {
        Object v = o.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                // fall through to the warning
            }
        }
        problems.warning("ioc-validity", key + " '" + v + "' is not an RFC 3339 UTC timestamp; ignored", at, id);
        return null;
    }
}
