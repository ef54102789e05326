package io.vigil.conformance;

import com.google.re2j.Pattern;
import io.vigil.core.event.Event;
import io.vigil.sigma.ast.DetectionBody;
import io.vigil.sigma.ast.FieldSpec;
import io.vigil.sigma.ast.RuleValue;
import io.vigil.sigma.ast.SearchIdentifier;
import io.vigil.sigma.ast.SigmaRule;
import io.vigil.sigma.condition.Condition;
import io.vigil.sigma.condition.ConditionParser;
import io.vigil.sigma.condition.ConditionSyntaxException;
import io.vigil.sigma.logsource.LogSourceMap;
import io.vigil.sigma.logsource.SourceMapping;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The oracle of {@link SigmaDifferentialTest}: evaluates a parsed {@link SigmaRule} on an event by
 * walking the condition tree and applying each field spec's modifiers in the plainest possible way
 * (wildcards become an RE2/J regex used with matches(), windash lists every variant, encodings are
 * computed directly). It shares no code with the compiler or the matcher classes; only the AST, the
 * condition parser and the log-source table's data are common.
 */
final class ReferenceEvaluator {
    private final DetectionBody detection;
    private final List<Condition> conditions = new ArrayList<>();
    private final List<SourceMapping> sources;
    /** Per value: the regexes of its string alternatives (modifiers applied), computed once. */
    private final Map<RuleValue, List<Pattern>> strings = new IdentityHashMap<>();

    private final Map<String, Pattern> regexCache = new HashMap<>();

    ReferenceEvaluator(SigmaRule rule, LogSourceMap logsources) {
        this.detection = rule.detection();
        this.sources = logsources.resolve(rule.logsource()).orElse(List.of());
        for (var c : detection.conditions()) {
            try {
                conditions.add(ConditionParser.parse(c.text()));
            } catch (ConditionSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        }
        // Derive every value's patterns up front, so that unsupported values show at construction.
        for (SearchIdentifier id : detection.identifiers().values()) {
            for (List<FieldSpec> specs : id.alternatives()) {
                for (FieldSpec spec : specs) {
                    ReferenceModifiers m = ReferenceModifiers.of(spec.modifiers());
                    for (RuleValue v : spec.values()) {
                        if (isStringComparison(m, v)) {
                            strings.put(v, patterns(v, m, spec.field() == null));
                        }
                    }
                }
            }
        }
    }

    List<SourceMapping> sources() {
        return sources;
    }

    /** The rule fires: some source admits the event and the detection holds with its field names. */
    boolean matches(Event e) {
        for (SourceMapping s : sources) {
            if (admits(s, e) && detectionMatches(e, s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A record header field. When the event's own data reuses the name (System 104 has a Channel of
     * its own), the normaliser keeps the header as {@code System_<name>}.
     */
    private static Object header(Event e, String name) {
        Object displaced = e.get("System_" + name);
        return displaced != null ? displaced : e.get(name);
    }

    static boolean admits(SourceMapping s, Event e) {
        String channel = s.gate().channel();
        if (channel != null) {
            String actual = ReferenceText.of(header(e, "Channel"));
            if (actual == null || !actual.equalsIgnoreCase(channel)) {
                return false;
            }
        }
        Set<Long> ids = s.gate().eventIds();
        if (ids != null) {
            BigDecimal id = ReferenceText.number(header(e, "EventID"));
            if (id == null || id.stripTrailingZeros().scale() > 0 || !ids.contains(id.longValue())) {
                return false;
            }
        }
        Set<String> providers = s.gate().providers();
        if (providers != null) {
            String p = ReferenceText.of(header(e, "Provider_Name"));
            return p != null && providers.stream().anyMatch(p::equalsIgnoreCase);
        }
        return true;
    }

    /** The detection alone (no log-source gate), with the field names of {@code source}. */
    boolean detectionMatches(Event e, SourceMapping source) {
        for (Condition c : conditions) {
            if (eval(c, e, source)) {
                return true;
            }
        }
        return false;
    }

    private boolean eval(Condition c, Event e, SourceMapping s) {
        if (c instanceof Condition.Ref r) {
            return identifier(detection.identifiers().get(r.name()), e, s);
        }
        if (c instanceof Condition.Not n) {
            return !eval(n.operand(), e, s);
        }
        if (c instanceof Condition.And a) {
            return a.operands().stream().allMatch(x -> eval(x, e, s));
        }
        if (c instanceof Condition.Or o) {
            return o.operands().stream().anyMatch(x -> eval(x, e, s));
        }
        Condition.Of of = (Condition.Of) c;
        Pattern names = of.pattern() == null ? null : namePattern(of.pattern());
        int selected = 0;
        int hits = 0;
        for (SearchIdentifier id : detection.identifiers().values()) {
            boolean chosen = names == null ? !id.name().startsWith("_") : names.matches(id.name());
            if (chosen) {
                selected++;
                hits += identifier(id, e, s) ? 1 : 0;
            }
        }
        return of.count() == Condition.Of.ALL ? hits == selected : hits >= of.count();
    }

    /** {@code x of sel_*}: '*' stands for any run of characters, everything else is literal. */
    private static Pattern namePattern(String glob) {
        List<String> parts = new ArrayList<>();
        for (String part : glob.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts));
    }

    private boolean identifier(SearchIdentifier id, Event e, SourceMapping s) {
        for (List<FieldSpec> conjunction : id.alternatives()) {
            if (conjunction.stream().allMatch(spec -> spec(spec, e, s))) {
                return true;
            }
        }
        return false;
    }

    private boolean spec(FieldSpec spec, Event e, SourceMapping s) {
        ReferenceModifiers m = ReferenceModifiers.of(spec.modifiers());
        String field = spec.field() == null ? null : rename(s, spec.field());
        boolean result;
        if (m.exists) {
            result = e.has(field) == Boolean.parseBoolean(spec.values().get(0).text());
        } else if (m.all) {
            result = spec.values().stream().allMatch(v -> value(v, m, field, e, s));
        } else {
            result = spec.values().stream().anyMatch(v -> value(v, m, field, e, s));
        }
        return m.neq ? !result : result;
    }

    private static String rename(SourceMapping s, String sigmaField) {
        return s.fieldRenames().getOrDefault(sigmaField, sigmaField);
    }

    /** One rule value against the field (or, for a keyword, against every field value). */
    private boolean value(RuleValue v, ReferenceModifiers m, String field, Event e, SourceMapping s) {
        if (m.fieldref) {
            return ReferenceFieldRef.matches(e, field, rename(s, v.text()), m);
        }
        if (field == null) {
            for (Object fieldValue : e.fields().values()) {
                for (Object item :
                        fieldValue instanceof List<?> l ? l : java.util.Collections.singletonList(fieldValue)) {
                    if (item != null && test(v, m, item)) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (!e.has(field)) {
            return v.kind() == RuleValue.Kind.NULL; // a missing field fails every test but null
        }
        Object actual = e.get(field);
        if (actual instanceof List<?> list) {
            // Any element; an empty list is a field without a value, like JSON null.
            return list.isEmpty() ? test(v, m, null) : list.stream().anyMatch(item -> test(v, m, item));
        }
        return test(v, m, actual);
    }

    /** One rule value against one present scalar event value ({@code actual} null = JSON null). */
    private boolean test(RuleValue v, ReferenceModifiers m, Object actual) {
        String text = ReferenceText.of(actual);
        if (v.kind() == RuleValue.Kind.NULL) {
            return text == null || text.isEmpty();
        }
        if (m.re) {
            String flags = m.regexFlags.isEmpty() ? "" : "(?" + m.regexFlags + ")";
            return text != null && regex(flags + v.text()).matcher(text).find();
        }
        if (m.cidr) {
            return text != null && cidr(v.text(), text);
        }
        if (m.timePart != null) {
            OffsetDateTime t = ReferenceText.timestamp(actual);
            return t != null && compare(BigDecimal.valueOf(timePart(t, m.timePart)), m.compare, v.text());
        }
        if (m.compare != null) {
            BigDecimal n = ReferenceText.number(actual);
            return n != null && compare(n, m.compare, v.text());
        }
        // JSON null compares as the empty string, as null in a rule matches "".
        String s = text == null ? "" : text;
        return strings.get(v).stream().anyMatch(p -> p.matcher(s).matches());
    }

    private static boolean isStringComparison(ReferenceModifiers m, RuleValue v) {
        return v.kind() != RuleValue.Kind.NULL
                && !m.exists
                && !m.fieldref
                && !m.re
                && !m.cidr
                && m.timePart == null
                && m.compare == null;
    }

    private List<Pattern> patterns(RuleValue v, ReferenceModifiers m, boolean keyword) {
        if (m.expand) {
            throw new UnsupportedOperationException("expand (placeholders) is not modelled");
        }
        List<ReferencePattern> alts = List.of(
                v.kind() == RuleValue.Kind.STRING
                        ? ReferencePattern.sigma(v.text())
                        : ReferencePattern.literal(v.text()));
        for (String t : m.transforms) {
            List<ReferencePattern> next = new ArrayList<>();
            for (ReferencePattern p : alts) {
                next.addAll(p.apply(t));
            }
            alts = next;
        }
        List<Pattern> out = new ArrayList<>();
        for (ReferencePattern p : alts) {
            // A keyword without a position modifier is a substring search.
            ReferencePattern q = keyword && !m.hasPosition() ? p.withStars(true, true) : p;
            // Base64 text is compared as written: its letters' case carries the encoded bits.
            out.add(regex(q.regex(m.cased || m.has("base64") || m.has("base64offset"))));
        }
        return out;
    }

    private Pattern regex(String re) {
        return regexCache.computeIfAbsent(re, Pattern::compile);
    }

    private static boolean cidr(String network, String value) {
        int slash = network.indexOf('/');
        byte[] net = ReferenceIp.parse(slash < 0 ? network : network.substring(0, slash));
        byte[] ip = ReferenceIp.parse(value);
        if (net == null) {
            throw new IllegalArgumentException("bad network " + network);
        }
        int prefix = slash < 0
                ? net.length * 8
                : Integer.parseInt(network.substring(slash + 1).trim());
        return ip != null && ReferenceIp.contains(net, prefix, ip);
    }

    private static boolean compare(BigDecimal actual, String op, String bound) {
        BigDecimal b = ReferenceText.number(bound);
        int cmp = actual.compareTo(b);
        return switch (op == null ? "eq" : op) {
            case "lt" -> cmp < 0;
            case "lte" -> cmp <= 0;
            case "gt" -> cmp > 0;
            case "gte" -> cmp >= 0;
            default -> cmp == 0;
        };
    }

    private static int timePart(OffsetDateTime t, String part) {
        return switch (part.toLowerCase(Locale.ROOT)) {
            case "minute" -> t.getMinute();
            case "hour" -> t.getHour();
            case "day" -> t.getDayOfMonth();
            case "week" -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case "month" -> t.getMonthValue();
            default -> t.getYear();
        };
    }
}
