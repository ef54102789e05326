package io.vigil.sigma.condition;

import java.util.List;

/**
 * A parsed Sigma condition expression. Immutable; the compiler resolves identifier references and
 * {@code x of} patterns against the rule's search identifiers.
 */
public sealed interface Condition {
    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    record Not(Condition operand) implements Condition {}

    /** A reference to one search identifier; {@code column} is its 0-based offset in the condition. */
    record Ref(String name, int column) implements Condition {}

    /**
     * {@code N of pattern}, {@code all of pattern} ({@code count == ALL}); {@code pattern} null means
     * {@code them}. Patterns may contain {@code *} anywhere. {@code column} is the 0-based offset of the
     * pattern (or {@code them}), where an error about what it selects points.
     */
    record Of(int count, String pattern, int column) implements Condition {
        public static final int ALL = -1;
    }
}
