package io.vigil.ioc.load;

/**
 * A STIX pattern that cannot be used, with the diagnostic code that says why: not valid pattern syntax
 * ({@code ioc-pattern-syntax}), valid but beyond what a single-event matcher evaluates such as
 * FOLLOWEDBY, qualifiers, MATCHES, NOT or unknown object paths ({@code ioc-unsupported-pattern}), or a
 * value that is not what its path says, such as a 31-digit MD5 ({@code ioc-invalid-value}).
 * {@code offset} is the 0-based character position in the pattern, or -1.
 */
final class PatternException extends Exception {
    private static final long serialVersionUID = 1L;

    static final String SYNTAX = "ioc-pattern-syntax";
    static final String UNSUPPORTED = "ioc-unsupported-pattern";
    static final String INVALID_VALUE = "ioc-invalid-value";

    private final String code;
    private final int offset;

    private PatternException(String code, String message, int offset) {
        super(message);
        this.code = code;
        this.offset = offset;
    }

    static PatternException syntax(String message, int offset) {
        return new PatternException(SYNTAX, message, offset);
    }

    static PatternException unsupported(String message, int offset) {
        return new PatternException(UNSUPPORTED, message, offset);
    }

    static PatternException invalidValue(String message, int offset) {
        return new PatternException(INVALID_VALUE, message, offset);
    }

    String code() {
        return code;
    }

    int offset() {
        return offset;
    }
}
