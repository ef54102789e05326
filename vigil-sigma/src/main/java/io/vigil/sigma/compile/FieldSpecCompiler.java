package io.vigil.sigma.compile;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.vigil.sigma.ast.FieldSpec;
import io.vigil.sigma.ast.RuleValue;
import io.vigil.sigma.match.AllOf;
import io.vigil.sigma.match.AnyOf;
import io.vigil.sigma.match.AnyPredicate;
import io.vigil.sigma.match.CidrPredicate;
import io.vigil.sigma.match.ExistsMatcher;
import io.vigil.sigma.match.FieldMatcher;
import io.vigil.sigma.match.FieldRefMatcher;
import io.vigil.sigma.match.GlobPredicate;
import io.vigil.sigma.match.IpAddressText;
import io.vigil.sigma.match.KeywordMatcher;
import io.vigil.sigma.match.Matcher;
import io.vigil.sigma.match.NotMatcher;
import io.vigil.sigma.match.NullPredicate;
import io.vigil.sigma.match.NumberPredicate;
import io.vigil.sigma.match.StringPredicate;
import io.vigil.sigma.match.TimePartPredicate;
import io.vigil.sigma.match.ValuePredicate;
import io.vigil.sigma.match.ValueText;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Compiles one {@code field|modifiers: values} entry into a matcher: applies the modifier chain to each
 * value once, and picks the cheapest predicate that has the same meaning (literal comparison where the
 * wildcards allow it, a glob otherwise).
 */
final class FieldSpecCompiler {
    private final Placeholders placeholders;

    FieldSpecCompiler(Placeholders placeholders) {
        this.placeholders = placeholders;
    }

    /**
     * The value predicates of one field spec, kept while one rule is compiled: they do not depend on the
     * log source (only the field names do), so a rule with several event sources builds them once and
     * its branches share them (predicates are immutable).
     */
    static final class Predicates {
        private final Map<FieldSpec, Built> bySpec = new IdentityHashMap<>();

        private record Built(boolean keyword, List<ValuePredicate> predicates) {}
    }

    /** {@code fieldNames} maps a Sigma field name to the event field of the current log source. */
    Matcher compile(FieldSpec spec, UnaryOperator<String> fieldNames, Predicates shared) throws CompileException {
        Modifiers mods = Modifiers.parse(spec.modifiers());
        if (spec.values().isEmpty()) {
            throw new CompileException("empty-values", "'" + spec.key() + "' has an empty list of values");
        }
        String field = spec.field() == null ? null : fieldNames.apply(spec.field());
        Matcher m = compile(spec, mods, field, fieldNames, shared);
        return mods.neq ? new NotMatcher(m) : m;
    }

    private Matcher compile(
            FieldSpec spec, Modifiers mods, String field, UnaryOperator<String> fieldNames, Predicates shared)
            throws CompileException {
        if (mods.exists) {
            if (field == null || spec.values().size() != 1) {
                throw new CompileException("invalid-exists", "exists needs a field and a single true/false value");
            }
            String v = String.valueOf(spec.values().get(0).text()).toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw new CompileException("invalid-exists", "exists takes true or false, not '" + v + "'");
            }
            return new ExistsMatcher(field, v.equals("true"));
        }
        if (mods.fieldref) {
            if (field == null) {
                throw new CompileException("invalid-fieldref", "fieldref needs a field");
            }
            List<Matcher> refs = new ArrayList<>();
            for (RuleValue v : spec.values()) {
                if (v.kind() == RuleValue.Kind.NULL) {
                    throw new CompileException("invalid-fieldref", "fieldref needs a field name, not null");
                }
                // The referenced field is a Sigma field name too: spell it as this log source does.
                refs.add(new FieldRefMatcher(field, fieldNames.apply(v.text()), fieldrefMode(mods), mods.cased));
            }
            return mods.all ? new AllOf(refs) : refs.size() == 1 ? refs.get(0) : new AnyOf(refs);
        }
        boolean keyword = field == null;
        Predicates.Built built = shared.bySpec.get(spec);
        List<ValuePredicate> preds;
        if (built != null && built.keyword() == keyword) {
            preds = built.predicates();
        } else {
            preds = new ArrayList<>();
            for (RuleValue v : spec.values()) {
                preds.add(predicate(v, mods, keyword));
            }
            shared.bySpec.put(spec, new Predicates.Built(keyword, preds));
        }
        if (mods.all && preds.size() > 1) {
            List<Matcher> each = new ArrayList<>();
            for (ValuePredicate p : preds) {
                each.add(bind(field, p));
            }
            return new AllOf(each);
        }
        return bind(field, preds.size() == 1 ? preds.get(0) : new AnyPredicate(preds));
    }

    private static Matcher bind(String field, ValuePredicate p) {
        return field == null ? new KeywordMatcher(p) : new FieldMatcher(field, p);
    }

    private static StringPredicate.Mode fieldrefMode(Modifiers mods) {
        if (mods.transforms.contains("contains")
                || mods.transforms.contains("startswith") && mods.transforms.contains("endswith")) {
            return StringPredicate.Mode.CONTAINS;
        }
        if (mods.transforms.contains("startswith")) {
            return StringPredicate.Mode.PREFIX;
        }
        if (mods.transforms.contains("endswith")) {
            return StringPredicate.Mode.SUFFIX;
        }
        return StringPredicate.Mode.EQUALS;
    }

    private ValuePredicate predicate(RuleValue v, Modifiers mods, boolean keyword) throws CompileException {
        if (v.kind() == RuleValue.Kind.NULL) {
            if (keyword
                    || mods.re
                    || mods.cidr
                    || mods.compare != null
                    || mods.timePart != null
                    || !mods.transforms.isEmpty()
                    || mods.expand) {
                throw new CompileException("invalid-null", "null cannot be combined with value modifiers");
            }
            return new NullPredicate();
        }
        String text = v.text();
        if (mods.re) {
            return regex(text, mods.reFlags | (mods.cased ? 0 : 0));
        }
        if (mods.cidr) {
            return cidr(text);
        }
        if (mods.timePart != null) {
            NumberPredicate.Op op = mods.compare == null ? NumberPredicate.Op.EQ : mods.compare;
            return new TimePartPredicate(mods.timePart, op, integer(text));
        }
        if (mods.compare != null) {
            Double bound = ValueText.number(text);
            if (bound == null) {
                throw new CompileException("invalid-number", "'" + text + "' is not a number");
            }
            return new NumberPredicate(mods.compare, bound);
        }
        List<SigmaString> values = new ArrayList<>();
        for (String t : mods.expand ? expand(text) : List.of(text)) {
            // Numbers and booleans are compared by their text; they carry no wildcards.
            values.add(v.kind() == RuleValue.Kind.STRING ? SigmaString.parse(t) : SigmaString.literal(t));
        }
        for (String t : mods.transforms) {
            List<SigmaString> next = new ArrayList<>();
            for (SigmaString s : values) {
                next.addAll(ValueTransforms.apply(t, s));
            }
            values = next;
        }
        // A keyword is a substring search for the final (encoded) value: wrap after the encodings, which
        // cannot encode wildcards.
        if (keyword && !mods.hasPosition()) {
            List<SigmaString> wrapped = new ArrayList<>();
            for (SigmaString s : values) {
                wrapped.add(s.withLeadingStar().withTrailingStar());
            }
            values = wrapped;
        }
        // Base64 text is case-sensitive by construction: folding it would only add false matches.
        boolean cased = mods.cased || mods.transforms.contains("base64") || mods.transforms.contains("base64offset");
        List<ValuePredicate> preds = new ArrayList<>();
        for (SigmaString s : values) {
            preds.add(literalOrGlob(s, cased));
        }
        return preds.size() == 1 ? preds.get(0) : new AnyPredicate(preds);
    }

    private static int integer(String text) throws CompileException {
        Double d = ValueText.number(text);
        if (d == null || d != Math.rint(d)) {
            throw new CompileException("invalid-number", "'" + text + "' is not an integer");
        }
        return (int) (double) d;
    }

    static ValuePredicate literalOrGlob(SigmaString s, boolean cased) {
        List<SigmaString.Part> p = s.parts();
        int n = p.size();
        if (n == 0) {
            return new StringPredicate(StringPredicate.Mode.EQUALS, "", cased);
        }
        if (s.isPlain()) {
            return new StringPredicate(StringPredicate.Mode.EQUALS, s.plainText(), cased);
        }
        if (n == 2 && p.get(0) instanceof SigmaString.Star && p.get(1) instanceof SigmaString.Lit l) {
            return new StringPredicate(StringPredicate.Mode.SUFFIX, l.text(), cased);
        }
        if (n == 2 && p.get(0) instanceof SigmaString.Lit l && p.get(1) instanceof SigmaString.Star) {
            return new StringPredicate(StringPredicate.Mode.PREFIX, l.text(), cased);
        }
        if (n == 3
                && p.get(0) instanceof SigmaString.Star
                && p.get(1) instanceof SigmaString.Lit l
                && p.get(2) instanceof SigmaString.Star) {
            return new StringPredicate(StringPredicate.Mode.CONTAINS, l.text(), cased);
        }
        return glob(s, cased);
    }

    private static GlobPredicate glob(SigmaString s, boolean cased) {
        List<Integer> units = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (SigmaString.Part part : s.parts()) {
            if (part instanceof SigmaString.Lit l) {
                for (int i = 0; i < l.text().length(); i++) {
                    units.add((int) l.text().charAt(i));
                }
            } else if (part instanceof SigmaString.Star) {
                units.add(GlobPredicate.STAR);
            } else if (part instanceof SigmaString.One) {
                units.add(GlobPredicate.ANY_ONE);
            } else if (part instanceof SigmaString.CharSet cs) {
                units.add(GlobPredicate.SET_BASE - sets.size());
                sets.add(cs.chars());
            }
        }
        return new GlobPredicate(
                units.stream().mapToInt(Integer::intValue).toArray(), sets.toArray(new String[0]), cased, s.toString());
    }

    private static ValuePredicate regex(String text, int flags) throws CompileException {
        try {
            return new io.vigil.sigma.match.RegexPredicate(Pattern.compile(text, flags));
        } catch (PatternSyntaxException e) {
            throw new CompileException(
                    "unsupported-regex",
                    "regular expression not supported by the linear-time engine (RE2): " + e.getDescription() + " in '"
                            + text + "'");
        }
    }

    private static ValuePredicate cidr(String text) throws CompileException {
        int slash = text.indexOf('/');
        byte[] net = IpAddressText.parse(slash < 0 ? text : text.substring(0, slash));
        if (net == null) {
            throw new CompileException("invalid-cidr", "'" + text + "' is not an IPv4 or IPv6 network");
        }
        int max = net.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new CompileException("invalid-cidr", "'" + text + "' has an invalid prefix length");
            }
        }
        return new CidrPredicate(net, prefix, text);
    }

    /**
     * Substitutes every {@code %name%} with each of its values (a cross product for several names). As the
     * specification says, {@code \%} is a plain percent sign and never starts a placeholder.
     */
    private List<String> expand(String text) throws CompileException {
        List<String> out = new ArrayList<>();
        out.add("");
        int i = 0;
        List<String> missing = new ArrayList<>();
        while (i < text.length()) {
            int open = text.indexOf('%', i);
            while (open > 0 && text.charAt(open - 1) == '\\') {
                open = text.indexOf('%', open + 1);
            }
            int close = open < 0 ? -1 : text.indexOf('%', open + 1);
            if (open < 0 || close < 0) {
                append(out, text.substring(i).replace("\\%", "%"));
                break;
            }
            append(out, text.substring(i, open).replace("\\%", "%"));
            String name = text.substring(open + 1, close);
            List<String> values = placeholders.values().get(name);
            if (values == null) {
                missing.add("%" + name + "%");
                values = List.of("");
            }
            List<String> next = new ArrayList<>();
            for (String prefix : out) {
                for (String v : values) {
                    next.add(prefix + v);
                }
            }
            if (next.size() > 4096) {
                throw new CompileException("value-explosion", "placeholder expansion gives too many values");
            }
            out = next;
            i = close + 1;
        }
        if (!missing.isEmpty()) {
            throw new CompileException(
                    "unresolved-placeholder",
                    "no value for placeholder " + String.join(", ", missing) + " (give one with --placeholders)");
        }
        return out;
    }

    private static void append(List<String> out, String s) {
        out.replaceAll(prefix -> prefix + s);
    }
}
