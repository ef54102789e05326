package io.vigil.sigma.condition;

/** A condition expression is malformed; {@code column} is the 0-based offset of the problem. */
public final class ConditionSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int column;

    public ConditionSyntaxException(String message, int column) {
        super(message);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
