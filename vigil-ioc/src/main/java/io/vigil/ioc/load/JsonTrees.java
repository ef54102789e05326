package io.vigil.ioc.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON value into plain maps, lists and scalars with jackson-core's streaming parser (no
 * databind in this module). Feeds are streamed object by object, so only one STIX object or MISP
 * attribute is in memory as a tree at a time.
 *
 * <p>Limits on untrusted feeds: nesting depth {@value #MAX_DEPTH}, strings up to 16 MiB (Jackson's
 * {@link StreamReadConstraints}).
 */
final class JsonTrees {
    static final int MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(16 << 20)
                    .build())
            .build();

    private JsonTrees() {}

    static JsonParser parser(byte[] content) throws IOException {
        return FACTORY.createParser(content);
    }

    /** Reads the value at the parser's current token; on return the parser is on its last token. */
    static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return null;
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, read(p));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == null) {
                        throw new JsonParseException(p, "unexpected end of input");
                    }
                    l.add(read(p));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    static int line(JsonLocation l) {
        return l == null ? -1 : l.getLineNr();
    }

    static int column(JsonLocation l) {
        return l == null ? -1 : l.getColumnNr();
    }

    static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof String s ? s : null;
    }

    static Map<String, Object> object(Object v) {
        if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) m;
            return typed;
        }
        return null;
    }

    /** The {@code name} members of a list of objects (MISP {@code Tag}), or strings of a list of strings. */
    static List<String> names(Object list, String member) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof String s) {
                    out.add(s);
                } else {
                    Map<String, Object> m = object(o);
                    if (m != null && m.get(member) instanceof String s) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }
}
