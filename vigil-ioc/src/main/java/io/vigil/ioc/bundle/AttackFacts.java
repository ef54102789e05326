package io.vigil.ioc.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The facts the generator takes from the MITRE ATT&CK menuPass subset: ATT&CK ids of the malware and
 * tools by every alias, the group's id, and the date and URL of each cited report (parsed from
 * citations such as {@code "PwC and BAE Systems. (2017, April). Operation Cloud Hopper."}).
 */
final class AttackFacts {
    /** A cited report: its citation text, URL (may be null) and publication date. */
    record Citation(String name, String description, String url, LocalDate date) {}

    final Map<String, String> softwareIds = new HashMap<>();
    final Map<String, Citation> citations = new HashMap<>();
    String groupId;
    String groupName;

    static AttackFacts read(Path subset) {
        AttackFacts facts = new AttackFacts();
        try (JsonParser p = new JsonFactory().createParser(Files.newInputStream(subset))) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("objects")) {
                    p.nextToken();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        facts.object(readObject(p));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + subset, e);
        }
        if (facts.groupId == null) {
            throw new IllegalStateException(subset + " has no menuPass intrusion-set");
        }
        return facts;
    }

    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> m = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            m.put(name, value(p));
        }
        return m;
    }

    private static Object value(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT:
                return readObject(p);
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            default:
                return null;
        }
    }

    @SuppressWarnings("unchecked")
    private void object(Map<String, Object> o) {
        String type = (String) o.get("type");
        List<Object> refs = (List<Object>) o.getOrDefault("external_references", List.of());
        String attackId = null;
        for (Object r : refs) {
            Map<String, Object> ref = (Map<String, Object>) r;
            String source = (String) ref.get("source_name");
            if ("mitre-attack".equals(source)) {
                attackId = (String) ref.get("external_id");
                continue;
            }
            String description = (String) ref.get("description");
            LocalDate date = description == null ? null : citationDate(description);
            if (source != null && date != null) {
                citations.putIfAbsent(source, new Citation(source, description, (String) ref.get("url"), date));
            }
        }
        if (attackId == null) {
            return;
        }
        if ("intrusion-set".equals(type) && "G0045".equals(attackId)) {
            groupId = attackId;
            groupName = (String) o.get("name");
        }
        if ("malware".equals(type) || "tool".equals(type)) {
            softwareIds.put(key((String) o.get("name")), attackId);
            Object aliases = o.get("x_mitre_aliases");
            if (aliases instanceof List<?> list) {
                for (Object a : list) {
                    softwareIds.put(key((String) a), attackId);
                }
            }
        }
    }

    /** Software names compared without case, spaces, dashes or underscores ("Quasar RAT" = QuasarRAT). */
    static String key(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The date in a citation: {@code (2018, April 23)} or {@code (2017, April)} (first of the month). */
    static LocalDate citationDate(String description) {
        int open = description.indexOf('(');
        while (open >= 0) {
            int close = description.indexOf(')', open);
            if (close < 0) {
                return null;
            }
            String inner = description.substring(open + 1, close);
            int comma = inner.indexOf(',');
            if (comma == 4 && isDigits(inner.substring(0, 4))) {
                String rest = inner.substring(comma + 1).trim();
                int space = rest.indexOf(' ');
                Month month = month(space < 0 ? rest : rest.substring(0, space));
                if (month != null) {
                    String dayText = space < 0 ? "" : rest.substring(space + 1).trim();
                    int day = isDigits(dayText) ? Integer.parseInt(dayText) : 1;
                    return LocalDate.of(Integer.parseInt(inner.substring(0, 4)), month, day);
                }
            }
            open = description.indexOf('(', close);
        }
        return null;
    }

    private static Month month(String name) {
        for (Month m : Month.values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        return null;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
