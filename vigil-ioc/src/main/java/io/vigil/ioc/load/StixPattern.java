package io.vigil.ioc.load;

import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written recursive-descent parser for the part of the STIX 2.1 patterning language that one
 * event can answer: observation expressions joined by OR, each a bracketed comparison expression of
 * AND, OR and parentheses over {@code =}, {@code IN}, {@code ISSUBSET} and a suffix-only {@code LIKE}.
 * The result is normalised to OR-of-ANDs ({@link Term} clauses).
 *
 * <p>Everything else in the grammar is recognised and rejected as unsupported rather than as a syntax
 * error: AND and FOLLOWEDBY between observations (they need several events), the WITHIN, REPEATS and
 * START/STOP qualifiers, NOT, MATCHES, ordering comparisons, ISSUPERSET and EXISTS. Limits: patterns
 * of {@value #MAX_LENGTH} characters, {@value #MAX_DEPTH} levels of parentheses, {@value #MAX_CLAUSES}
 * clauses after normalisation.
 */
final class StixPattern {
    static final int MAX_LENGTH = 64 * 1024;
    static final int MAX_DEPTH = 32;
    static final int MAX_CLAUSES = 256;
    static final int MAX_CLAUSE_SIZE = 64;

    /**
     * One comparison: {@code objectType:path op value}. {@code path} has quotes removed and
     * components joined by dots ({@code hashes.SHA-256}); {@code value} is the literal as text (numbers
     * in decimal); {@code offset} is where the comparison starts in the pattern.
     */
    record Term(String objectType, String path, String op, String value, boolean string, int offset) {}

    private final String src;
    private int pos;
    private int depth;

    private StixPattern(String src) {
        this.src = src;
    }

    static List<List<Term>> parse(String pattern) throws PatternException {
        if (pattern.length() > MAX_LENGTH) {
            throw PatternException.unsupported("pattern longer than " + MAX_LENGTH + " characters", -1);
        }
        StixPattern p = new StixPattern(pattern);
        List<List<Term>> dnf = p.observationOr();
        p.skipSpace();
        if (p.pos < pattern.length()) {
            throw p.syntax("unexpected '" + pattern.charAt(p.pos) + "'");
        }
        return dnf;
    }

    private List<List<Term>> observationOr() throws PatternException {
        List<List<Term>> d = observationAnd();
        while (keyword("OR")) {
            d = union(d, observationAnd());
        }
        return d;
    }

    private List<List<Term>> observationAnd() throws PatternException {
        List<List<Term>> d = qualified();
        int at = pos;
        if (peekKeyword("AND")) {
            throw PatternException.unsupported(
                    "AND between observation expressions (needs two observations, not one event)", at);
        }
        if (peekKeyword("FOLLOWEDBY")) {
            throw PatternException.unsupported("FOLLOWEDBY (needs a sequence of events)", at);
        }
        return d;
    }

    private List<List<Term>> qualified() throws PatternException {
        List<List<Term>> d = observationPrimary();
        for (String q : new String[] {"WITHIN", "REPEATS", "START"}) {
            int at = pos;
            if (peekKeyword(q)) {
                throw PatternException.unsupported("qualifier " + q + " (needs several events or a time window)", at);
            }
        }
        return d;
    }

    private List<List<Term>> observationPrimary() throws PatternException {
        skipSpace();
        if (eat('[')) {
            List<List<Term>> d = comparisonOr();
            expect(']');
            return d;
        }
        if (eat('(')) {
            enter();
            List<List<Term>> d = observationOr();
            expect(')');
            depth--;
            return d;
        }
        throw syntax(pos < src.length() ? "expected '[' or '('" : "pattern ends where an observation was expected");
    }

    private List<List<Term>> comparisonOr() throws PatternException {
        List<List<Term>> d = comparisonAnd();
        while (keyword("OR")) {
            d = union(d, comparisonAnd());
        }
        return d;
    }

    private List<List<Term>> comparisonAnd() throws PatternException {
        List<List<Term>> d = comparisonPrimary();
        while (keyword("AND")) {
            d = product(d, comparisonPrimary());
        }
        return d;
    }

    private List<List<Term>> comparisonPrimary() throws PatternException {
        skipSpace();
        if (eat('(')) {
            enter();
            List<List<Term>> d = comparisonOr();
            expect(')');
            depth--;
            return d;
        }
        int at = pos;
        if (peekKeyword("EXISTS")) {
            throw PatternException.unsupported("EXISTS", at);
        }
        String objectType = objectType();
        String path = propertyPath();
        skipSpace();
        int opAt = pos;
        if (keyword("NOT")) {
            throw PatternException.unsupported("NOT", opAt);
        }
        String op = operator();
        switch (op) {
            case "=":
            case "ISSUBSET":
            case "LIKE": {
                Literal v = literal();
                if (op.equals("LIKE") && !v.string) {
                    throw syntax("LIKE needs a string");
                }
                return single(new Term(objectType, path, op, v.text, v.string, at));
            }
            case "IN": {
                skipSpace();
                expect('(');
                List<List<Term>> d = new ArrayList<>();
                do {
                    Literal v = literal();
                    d.add(List.of(new Term(objectType, path, "=", v.text, v.string, at)));
                    if (d.size() > MAX_CLAUSES) {
                        throw PatternException.unsupported("IN list longer than " + MAX_CLAUSES, at);
                    }
                } while (eat(','));
                expect(')');
                return d;
            }
            default:
                literalOrList();
                throw PatternException.unsupported("operator " + op, opAt);
        }
    }

    private String objectType() throws PatternException {
        skipSpace();
        int start = pos;
        while (pos < src.length() && isTypeChar(src.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw syntax("expected an object path");
        }
        String type = src.substring(start, pos);
        if (!eat(':')) {
            throw syntax("expected ':' after object type '" + type + "'");
        }
        return type;
    }

    private String propertyPath() throws PatternException {
        StringBuilder path = new StringBuilder();
        while (true) {
            if (pos < src.length() && src.charAt(pos) == '\'') {
                path.append(quoted());
            } else {
                int start = pos;
                while (pos < src.length() && isPathChar(src.charAt(pos))) {
                    pos++;
                }
                if (pos == start) {
                    throw syntax("expected a property name");
                }
                path.append(src, start, pos);
            }
            if (pos < src.length() && src.charAt(pos) == '[') {
                int close = src.indexOf(']', pos);
                if (close < 0) {
                    throw syntax("unclosed list index");
                }
                path.append(src, pos, close + 1);
                pos = close + 1;
            }
            if (pos < src.length() && src.charAt(pos) == '.') {
                path.append('.');
                pos++;
            } else {
                return path.toString();
            }
        }
    }

    private String operator() throws PatternException {
        skipSpace();
        for (String op : new String[] {"!=", "<=", ">=", "=", "<", ">"}) {
            if (src.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        for (String op : new String[] {"IN", "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET"}) {
            if (keyword(op)) {
                return op;
            }
        }
        throw syntax("expected a comparison operator");
    }

    private record Literal(String text, boolean string) {}

    private Literal literal() throws PatternException {
        skipSpace();
        if (pos >= src.length()) {
            throw syntax("pattern ends where a value was expected");
        }
        char c = src.charAt(pos);
        if (c == '\'') {
            return new Literal(quoted(), true);
        }
        if ((c == 't' || c == 'h' || c == 'b') && pos + 1 < src.length() && src.charAt(pos + 1) == '\'') {
            int at = pos;
            pos++;
            quoted();
            throw PatternException.unsupported((c == 't' ? "timestamp" : c == 'h' ? "hex" : "binary") + " literal", at);
        }
        int start = pos;
        if (c == '-' || c == '+') {
            pos++;
        }
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
            pos++;
        }
        if (pos > start && Character.isDigit(src.charAt(pos - 1))) {
            return new Literal(src.substring(start, pos), false);
        }
        pos = start;
        if (keyword("true")) {
            return new Literal("true", false);
        }
        if (keyword("false")) {
            return new Literal("false", false);
        }
        throw syntax("expected a value");
    }

    private void literalOrList() throws PatternException {
        skipSpace();
        if (eat('(')) {
            do {
                literal();
            } while (eat(','));
            expect(')');
        } else {
            literal();
        }
    }

    /** A single-quoted string; STIX allows only the escapes {@code \\} and {@code \'}. */
    private String quoted() throws PatternException {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\'') {
                pos++;
                return sb.toString();
            }
            if (c == '\\') {
                if (pos + 1 >= src.length()) {
                    break;
                }
                char e = src.charAt(pos + 1);
                if (e != '\\' && e != '\'') {
                    throw PatternException.syntax("invalid escape '\\" + e + "' (only \\\\ and \\' are allowed)", pos);
                }
                sb.append(e);
                pos += 2;
                continue;
            }
            sb.append(c);
            pos++;
        }
        throw PatternException.syntax("unterminated string", start);
    }

    private static List<List<Term>> single(Term t) {
        List<List<Term>> d = new ArrayList<>();
        d.add(List.of(t));
        return d;
    }

    private List<List<Term>> union(List<List<Term>> a, List<List<Term>> b) throws PatternException {
        if (a.size() + b.size() > MAX_CLAUSES) {
            throw PatternException.unsupported("more than " + MAX_CLAUSES + " alternatives", pos);
        }
        List<List<Term>> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private List<List<Term>> product(List<List<Term>> a, List<List<Term>> b) throws PatternException {
        if ((long) a.size() * b.size() > MAX_CLAUSES) {
            throw PatternException.unsupported("more than " + MAX_CLAUSES + " alternatives after expanding AND", pos);
        }
        List<List<Term>> out = new ArrayList<>();
        for (List<Term> x : a) {
            for (List<Term> y : b) {
                if (x.size() + y.size() > MAX_CLAUSE_SIZE) {
                    throw PatternException.unsupported("more than " + MAX_CLAUSE_SIZE + " comparisons AND-ed", pos);
                }
                List<Term> clause = new ArrayList<>(x);
                clause.addAll(y);
                out.add(clause);
            }
        }
        return out;
    }

    private void enter() throws PatternException {
        if (++depth > MAX_DEPTH) {
            throw PatternException.unsupported("parentheses nested deeper than " + MAX_DEPTH, pos);
        }
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private boolean eat(char c) {
        skipSpace();
        if (pos < src.length() && src.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws PatternException {
        if (!eat(c)) {
            throw syntax(pos < src.length() ? "expected '" + c + "'" : "pattern ends where '" + c + "' was expected");
        }
    }

    /** Consumes {@code word} (any case) when it is next and not part of a longer name. */
    private boolean keyword(String word) {
        skipSpace();
        if (peekWord(word)) {
            pos += word.length();
            return true;
        }
        return false;
    }

    private boolean peekKeyword(String word) {
        skipSpace();
        return peekWord(word);
    }

    private boolean peekWord(String word) {
        int end = pos + word.length();
        return src.regionMatches(true, pos, word, 0, word.length())
                && (end == src.length() || !isPathChar(src.charAt(end)) && src.charAt(end) != ':');
    }

    private PatternException syntax(String message) {
        return PatternException.syntax(message, pos);
    }

    private static boolean isTypeChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c >= 'A' && c <= 'Z';
    }

    private static boolean isPathChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }
}
