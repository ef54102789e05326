package io.vigil.core.diag;

/**
 * A place in an input: a file plus a 1-based line and column (rules, JSON), or a byte offset (binary
 * inputs). Unknown parts are {@code -1}. Rendered as {@code path:line:column} so that editors and
 * terminals can jump to it.
 */
public record SourceLocation(String path, int line, int column, long byteOffset) {
    public static SourceLocation of(String path, int line, int column) {
        return new SourceLocation(path, line, column, -1);
    }

    public static SourceLocation file(String path) {
        return new SourceLocation(path, -1, -1, -1);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(path);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        if (byteOffset >= 0) {
            sb.append(" @").append(byteOffset);
        }
        return sb.toString();
    }
}
