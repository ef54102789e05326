package io.vigil.source.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns parser tokens into the plain tree {@link io.vigil.source.RawRecord} promises. */
final class TreeBuilder {
    private TreeBuilder() {}

    /** Reads the object whose START_OBJECT is the parser's current token. */
    static Map<String, Object> object(JsonParser parser) throws IOException {
        return object(parser, 16);
    }

    /** A record's top-level object: sized for the dozens of fields Windows events have. */
    static Map<String, Object> record(JsonParser parser) throws IOException {
        return object(parser, 64);
    }

    private static Map<String, Object> object(JsonParser parser, int capacity) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>(capacity);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            object.put(name, value(parser));
        }
        return object;
    }

    private static List<Object> array(JsonParser parser) throws IOException {
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(parser));
        }
        return array;
    }

    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                return object(parser);
            case START_ARRAY:
                return array(parser);
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return integer(parser);
            case VALUE_NUMBER_FLOAT:
                return fraction(parser);
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalStateException("unexpected token " + token);
        }
    }

    private static Object integer(JsonParser parser) throws IOException {
        JsonParser.NumberType type = parser.getNumberType();
        if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
            return parser.getLongValue();
        }
        BigInteger big = parser.getBigIntegerValue();
        double asDouble = big.doubleValue();
        // a double only where it loses nothing, so that ids and hashes survive digit for digit
        if (Double.isFinite(asDouble)
                && new BigDecimal(asDouble).toBigIntegerExact().equals(big)) {
            return asDouble;
        }
        return parser.getText();
    }

    private static Object fraction(JsonParser parser) throws IOException {
        double d = parser.getDoubleValue();
        return Double.isFinite(d) ? d : parser.getText();
    }
}
