package io.vigil.sigma.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for Sigma condition expressions with the specification's precedence:
 * {@code or} binds loosest, then {@code and}, then {@code not}, then {@code x of}, then parentheses.
 * Keywords are case-insensitive. Sigma v1 aggregations ({@code | count()}) and {@code near} are
 * rejected: v2 moved them to correlation rules.
 */
public final class ConditionParser {
    private final List<Token> tokens;
    private int pos;

    private record Token(String text, int column) {
        boolean is(String keyword) {
            return text.toLowerCase(Locale.ROOT).equals(keyword);
        }
    }

    private ConditionParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static Condition parse(String text) throws ConditionSyntaxException {
        ConditionParser p = new ConditionParser(tokenize(text));
        if (p.tokens.isEmpty()) {
            throw new ConditionSyntaxException("empty condition", 0);
        }
        Condition c = p.or();
        if (p.pos < p.tokens.size()) {
            Token t = p.tokens.get(p.pos);
            throw new ConditionSyntaxException("unexpected '" + t.text + "'", t.column);
        }
        return c;
    }

    private static List<Token> tokenize(String text) throws ConditionSyntaxException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(new Token(String.valueOf(c), i));
                i++;
            } else if (c == '|') {
                throw new ConditionSyntaxException(
                        "Sigma v1 aggregation ('|') is not supported: use a correlation rule", i);
            } else {
                int start = i;
                while (i < text.length()
                        && !Character.isWhitespace(text.charAt(i))
                        && text.charAt(i) != '('
                        && text.charAt(i) != ')'
                        && text.charAt(i) != '|') {
                    i++;
                }
                out.add(new Token(text.substring(start, i), start));
            }
        }
        return out;
    }

    private Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private Token expectAny(String what) throws ConditionSyntaxException {
        Token t = peek();
        if (t == null) {
            int end = tokens.isEmpty() ? 0 : last().column + last().text.length();
            throw new ConditionSyntaxException("expected " + what + " but the condition ended", end);
        }
        pos++;
        return t;
    }

    private Token last() {
        return tokens.get(tokens.size() - 1);
    }

    private Condition or() throws ConditionSyntaxException {
        List<Condition> ops = new ArrayList<>();
        ops.add(and());
        while (peek() != null && peek().is("or")) {
            pos++;
            ops.add(and());
        }
        return ops.size() == 1 ? ops.get(0) : new Condition.Or(ops);
    }

    private Condition and() throws ConditionSyntaxException {
        List<Condition> ops = new ArrayList<>();
        ops.add(not());
        while (peek() != null && peek().is("and")) {
            pos++;
            ops.add(not());
        }
        return ops.size() == 1 ? ops.get(0) : new Condition.And(ops);
    }

    private Condition not() throws ConditionSyntaxException {
        if (peek() != null && peek().is("not")) {
            pos++;
            return new Condition.Not(not());
        }
        return primary();
    }

    private Condition primary() throws ConditionSyntaxException {
        Token t = expectAny("a search identifier, 'not', 'x of' or '('");
        if (t.text.equals("(")) {
            Condition inner = or();
            Token close = expectAny("')'");
            if (!close.text.equals(")")) {
                throw new ConditionSyntaxException("expected ')' but found '" + close.text + "'", close.column);
            }
            return inner;
        }
        if (t.text.equals(")")) {
            throw new ConditionSyntaxException("unexpected ')'", t.column);
        }
        if (isReserved(t)) {
            throw new ConditionSyntaxException("unexpected keyword '" + t.text + "'", t.column);
        }
        Token next = peek();
        if (next != null && next.is("of")) {
            int count = quantifier(t);
            pos++;
            Token target = expectAny("'them' or a search identifier pattern after 'of'");
            if (target.text.equals("(") || target.text.equals(")") || isReserved(target) && !target.is("them")) {
                throw new ConditionSyntaxException(
                        "expected 'them' or a search identifier pattern after 'of'", target.column);
            }
            return new Condition.Of(count, target.is("them") ? null : target.text, target.column);
        }
        if (t.is("near")) {
            throw new ConditionSyntaxException("'near' was removed in Sigma v2: use a temporal correlation", t.column);
        }
        return new Condition.Ref(t.text, t.column);
    }

    private static int quantifier(Token t) throws ConditionSyntaxException {
        if (t.is("all")) {
            return Condition.Of.ALL;
        }
        if (t.is("any")) {
            return 1;
        }
        try {
            int n = Integer.parseInt(t.text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new ConditionSyntaxException("expected '1', 'any', 'all' or a count before 'of'", t.column);
    }

    private static boolean isReserved(Token t) {
        return t.is("and") || t.is("or") || t.is("not") || t.is("of") || t.is("them");
    }
}
