package io.vigil.sigma.ast;

/**
 * A scalar value written in a rule, with its YAML type. {@code text} is the scalar exactly as written
 * (after YAML unquoting), so that numbers keep their spelling; for {@link Kind#NULL} it is null.
 */
public record RuleValue(Kind kind, String text) {
    public enum Kind {
        STRING,
        NUMBER,
        BOOL,
        NULL
    }

    public static RuleValue string(String text) {
        return new RuleValue(Kind.STRING, text);
    }

    @Override
    public String toString() {
        return kind == Kind.NULL ? "null" : text;
    }
}
