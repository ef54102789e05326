package io.vigil.evtx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares an evtx_dump JSON object with a reader tree field by field and names each difference by
 * path. Two systematic differences of the evtx_dump that rendered the regression corpus are
 * classified and counted instead of failing, each only when the values are otherwise equal:
 *
 * <ul>
 *   <li>timestamp precision: evtx_dump truncates FILETIME to microseconds (six digits, evtx
 *       value_render.rs write_datetime), the reader keeps the stored 100 ns (seven digits);
 *   <li>trailing white space: evtx_dump 0.9.x trimmed it from string values (evtx commit 3e8fb56,
 *       issue #249; undone by the 0.10 rewrite, whose snapshot keeps "Advapi  "); Windows, libevtx
 *       (e.g. {@code "C:\Windows\system32\cmd.exe" } in reference-evtxexport) and evtx 0.10+
 *       keep it, and so does the reader, since rules may depend on it.
 * </ul>
 */
final class TreeDiff {
    private static final Pattern MICROS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    private static final Pattern HUNDRED_NANOS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");

    private static final Pattern TRAILING_SPACE = Pattern.compile("\\s+$", Pattern.UNICODE_CHARACTER_CLASS);

    final List<String> differences = new ArrayList<>();
    int fields;
    int truncatedTimes;
    int trimmedStrings;

    void compare(String path, JsonNode expected, Object actual) {
        if (expected.isObject()) {
            if (!(actual instanceof Map)) {
                differences.add(path + ": expected object " + expected + ", got " + actual);
                return;
            }
            Map<?, ?> map = (Map<?, ?>) actual;
            List<String> expectedKeys = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedKeys::add);
            List<String> actualKeys = new ArrayList<>();
            map.keySet().forEach(k -> actualKeys.add(String.valueOf(k)));
            if (!expectedKeys.equals(actualKeys)) {
                differences.add(path + ": keys " + expectedKeys + " != " + actualKeys);
            }
            for (String key : expectedKeys) {
                if (map.containsKey(key)) {
                    compare(path + "." + key, expected.get(key), map.get(key));
                }
            }
            return;
        }
        if (expected.isArray()) {
            if (!(actual instanceof List) || ((List<?>) actual).size() != expected.size()) {
                differences.add(path + ": expected array " + expected + ", got " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), ((List<?>) actual).get(i));
            }
            return;
        }
        fields++;
        if (expected.isNull() ? actual == null : scalarEquals(expected, actual)) {
            return;
        }
        if (expected.isTextual()
                && actual instanceof String
                && MICROS.matcher(expected.asText()).matches()
                && HUNDRED_NANOS.matcher((String) actual).matches()
                && ((String) actual).startsWith(expected.asText().substring(0, 26))) {
            truncatedTimes++;
            return;
        }
        if (expected.isTextual()
                && actual instanceof String
                && !actual.equals(expected.asText())
                && TRAILING_SPACE.matcher((String) actual).replaceFirst("").equals(expected.asText())) {
            trimmedStrings++;
            return;
        }
        differences.add(path + ": expected " + expected + " (" + expected.getNodeType() + "), got " + actual
                + (actual == null ? "" : " (" + actual.getClass().getSimpleName() + ")"));
    }

    private static boolean scalarEquals(JsonNode expected, Object actual) {
        if (expected.isIntegralNumber()) {
            return actual instanceof Long && expected.asLong() == (Long) actual;
        }
        if (expected.isFloatingPointNumber()) {
            return actual instanceof Double && expected.asDouble() == (Double) actual;
        }
        if (expected.isBoolean()) {
            return actual instanceof Boolean && expected.asBoolean() == (Boolean) actual;
        }
        return expected.isTextual() && expected.asText().equals(actual);
    }
}
