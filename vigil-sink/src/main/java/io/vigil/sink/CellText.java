package io.vigil.sink;

/**
 * Makes untrusted event text safe and fitting for a single cell of a line-oriented output.
 *
 * <p>Event data is attacker-controlled: an escape sequence in a {@code Computer} name must not reach
 * the analyst's terminal, and a newline must not forge an extra row. Widths count code points, so a
 * surrogate pair is never split.
 */
final class CellText {
    static final String ELLIPSIS = "…";

    private CellText() {}

    /**
     * Collapses every run of whitespace, control characters (C0, DEL, C1, which include ESC) and
     * bidirectional overrides into one space, and trims the ends.
     */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean gap = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isISOControl(cp) || isBidiControl(cp)) {
                gap = true;
                continue;
            }
            if (gap && out.length() > 0) {
                out.append(' ');
            }
            gap = false;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** Cuts to at most {@code max} code points, the last one an ellipsis when something was cut. */
    static String truncate(String text, int max) {
        if (max <= 0) {
            return "";
        }
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + ELLIPSIS;
    }

    /** Pads with spaces to {@code width} code points (never cuts). */
    static String pad(String text, int width) {
        int missing = width - text.codePointCount(0, text.length());
        return missing <= 0 ? text : text + " ".repeat(missing);
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    // Trojan-Source style reordering would make a cell read differently from what it holds.
    private static boolean isBidiControl(int cp) {
        return cp == 0x061C
                || cp == 0x200E
                || cp == 0x200F
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }
}
