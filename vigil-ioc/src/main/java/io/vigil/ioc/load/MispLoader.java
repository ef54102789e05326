package io.vigil.ioc.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.diag.Severity;
import io.vigil.core.diag.SourceLocation;
import io.vigil.ioc.Comparison;
import io.vigil.ioc.Indicator;
import io.vigil.ioc.IocSet;
import io.vigil.ioc.NameBasedIds;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads MISP event JSON: {@code {"Event": {…}}}, a list of those, a REST search result {@code
 * {"response": [{"Event": …}, …]}}, or a bare event object. Attributes directly under the event and
 * inside its {@code Object}s are used; types are mapped by {@link AttributeTypes}.
 *
 * <p>By MISP convention an attribute with {@code to_ids: false} is context, not a detection signature,
 * so it is left out unless {@link FeedOptions#includeNonDetection()}. Each indicator's id is the
 * attribute {@code uuid}; its author is the event's creator organisation ({@code Orgc.name}); its tags
 * are the event's and the attribute's tag names. Deleted attributes are skipped. Attributes of types
 * Vigil does not match are counted per type in one info diagnostic.
 */
public final class MispLoader {
    private MispLoader() {}

    public static IocSet load(String feed, byte[] content, DiagnosticSink sink) {
        return load(feed, content, FeedOptions.defaults(), sink);
    }

    public static IocSet load(String feed, byte[] content, FeedOptions options, DiagnosticSink sink) {
        FeedProblems problems = new FeedProblems(feed, sink);
        IocSet.Builder out = IocSet.builder();
        Reader r = new Reader(feed, options, problems, out);
        try (JsonParser p = JsonTrees.parser(content)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                r.wrapperOrEvent(p);
            } else if (t == JsonToken.START_ARRAY) {
                r.list(p);
            } else {
                problems.error(
                        "ioc-misp-shape", "expected a MISP event object or a list of events", problems.at(1, 1), null);
            }
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            problems.error(
                    "ioc-json-syntax",
                    e.getOriginalMessage() + "; attributes read before it are kept",
                    problems.at(JsonTrees.line(l), JsonTrees.column(l)),
                    null);
            r.finishOpen();
        } catch (IOException e) {
            problems.error("ioc-unreadable", String.valueOf(e.getMessage()), SourceLocation.file(feed), null);
            r.finishOpen();
        }
        problems.flush();
        return out.build();
    }

    private record Attribute(Map<String, Object> fields, SourceLocation at) {}

    /** One event while it is read: event-level facts may come after its attributes. */
    private static final class EventState {
        final List<Attribute> attributes = new ArrayList<>();
        final List<String> tags = new ArrayList<>();
        String org;
        String creatorOrg;
        String info;
    }

    private static final class Reader {
        private final String feed;
        private final FeedOptions options;
        private final FeedProblems problems;
        private final IocSet.Builder out;
        // events being read, innermost first, so that a syntax error still keeps their attributes
        private final Deque<EventState> open = new ArrayDeque<>();

        Reader(String feed, FeedOptions options, FeedProblems problems, IocSet.Builder out) {
            this.feed = feed;
            this.options = options;
            this.problems = problems;
            this.out = out;
        }

        void list(JsonParser p) throws IOException {
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new JsonParseException(p, "unexpected end of input in a list of events");
                }
                if (t == JsonToken.START_OBJECT) {
                    wrapperOrEvent(p);
                } else {
                    p.skipChildren();
                }
            }
        }

        /** An object that is {@code {"Event": …}}, {@code {"response": […]}}, or an event itself. */
        void wrapperOrEvent(JsonParser p) throws IOException {
            EventState bare = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("Event") && v == JsonToken.START_OBJECT) {
                    event(p);
                } else if (name.equals("response") && v == JsonToken.START_ARRAY) {
                    list(p);
                } else {
                    if (bare == null) {
                        bare = new EventState();
                        open.push(bare);
                    }
                    eventField(p, name, bare);
                }
            }
            if (bare != null) {
                open.remove(bare);
                finish(bare);
            }
        }

        void event(JsonParser p) throws IOException {
            EventState e = new EventState();
            open.push(e);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                eventField(p, name, e);
            }
            open.remove(e);
            finish(e);
        }

        void finishOpen() {
            while (!open.isEmpty()) {
                finish(open.pop());
            }
        }

        private void eventField(JsonParser p, String name, EventState e) throws IOException {
            switch (name) {
                case "Attribute" -> attributes(p, e);
                case "Object" -> objects(p, e);
                case "Tag" -> e.tags.addAll(JsonTrees.names(JsonTrees.read(p), "name"));
                case "Orgc" -> e.creatorOrg = orgName(JsonTrees.read(p));
                case "Org" -> e.org = orgName(JsonTrees.read(p));
                case "info" -> {
                    if (p.currentToken() == JsonToken.VALUE_STRING) {
                        e.info = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }

        private static String orgName(Object org) {
            Map<String, Object> m = JsonTrees.object(org);
            return m == null ? null : JsonTrees.string(m, "name");
        }

        private void attributes(JsonParser p, EventState e) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                p.skipChildren();
                return;
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new JsonParseException(p, "unexpected end of input in Attribute");
                }
                JsonLocation l = p.currentTokenLocation();
                Map<String, Object> a = JsonTrees.object(JsonTrees.read(p));
                if (a != null) {
                    e.attributes.add(new Attribute(a, problems.at(JsonTrees.line(l), JsonTrees.column(l))));
                }
            }
        }

        /** MISP objects (file, domain-ip, …) group attributes; their attributes are indicators too. */
        private void objects(JsonParser p, EventState e) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                p.skipChildren();
                return;
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new JsonParseException(p, "unexpected end of input in Object");
                }
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.equals("Attribute")) {
                        attributes(p, e);
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }

        private void finish(EventState e) {
            String author = e.creatorOrg != null ? e.creatorOrg : e.org != null ? e.org : feed;
            for (Attribute a : e.attributes) {
                Indicator ind = indicator(a, e, author);
                if (ind != null) {
                    out.add(ind);
                }
            }
        }

        private Indicator indicator(Attribute a, EventState e, String author) {
            Map<String, Object> f = a.fields();
            if (isTrue(f.get("deleted"))) {
                return null;
            }
            String type = JsonTrees.string(f, "type");
            Object rawValue = f.get("value");
            String uuid = JsonTrees.string(f, "uuid");
            if (type == null || rawValue == null) {
                problems.error(
                        "ioc-missing-field", "attribute without " + (type == null ? "type" : "value"), a.at(), uuid);
                return null;
            }
            String value = rawValue instanceof String s ? s : String.valueOf(rawValue);
            if (isFalse(f.get("to_ids")) && !options.includeNonDetection()) {
                problems.tally(
                        "ioc-not-for-detection",
                        Severity.INFO,
                        "attributes with to_ids=false left out (context only)",
                        a.at());
                return null;
            }
            List<List<Comparison>> clauses;
            try {
                clauses = AttributeTypes.clauses(type, value);
            } catch (IllegalArgumentException ex) {
                problems.error(
                        "ioc-invalid-value", "invalid " + type + " '" + value + "': " + ex.getMessage(), a.at(), uuid);
                return null;
            }
            if (clauses == null) {
                problems.tally(
                        "ioc-unsupported-type",
                        Severity.INFO,
                        "attributes of type '" + type.toLowerCase(Locale.ROOT) + "' not matched",
                        a.at());
                return null;
            }
            if (uuid == null) {
                uuid = NameBasedIds.forComparison(clauses.get(0).get(0)).toString();
            }
            Set<String> tags = new LinkedHashSet<>(e.tags);
            tags.addAll(JsonTrees.names(f.get("Tag"), "name"));
            String comment = JsonTrees.string(f, "comment");
            String description = comment != null && !comment.isBlank() ? comment : e.info;
            return new Indicator(
                    uuid,
                    feed,
                    author,
                    description,
                    new ArrayList<>(tags),
                    options.defaultLevel(),
                    options.defaultConfidence(),
                    null,
                    null,
                    clauses);
        }

        /** MISP writes booleans as true/false, "1"/"0" or 1/0 depending on version and export path. */
        private static boolean isFalse(Object v) {
            return Boolean.FALSE.equals(v)
                    || "0".equals(v)
                    || "false".equals(v)
                    || v instanceof Number n && n.intValue() == 0;
        }

        private static boolean isTrue(Object v) {
            return Boolean.TRUE.equals(v)
                    || "1".equals(v)
                    || "true".equals(v)
                    || v instanceof Number n && n.intValue() == 1;
        }
    }
}
