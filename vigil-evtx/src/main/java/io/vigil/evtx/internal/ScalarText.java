package io.vigil.evtx.internal;

/** The text form of a decoded scalar value, as it appears inside concatenated element text. */
final class ScalarText {
    private ScalarText() {}

    static String of(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof Double) {
            return ValueText.real((Double) value);
        }
        if (value instanceof ArrayValue) {
            return ((ArrayValue) value).text();
        }
        if (value == NullValue.INSTANCE || value instanceof ProcessingInstruction) {
            return "";
        }
        return String.valueOf(value);
    }
}
