package io.vigil.sink;

/**
 * Builds one terminal line of cells that never exceeds the terminal width, whatever the cells hold.
 *
 * <p>Widths count visible code points only: colour codes wrap the already-cut text, so truncation can
 * never split an escape sequence. Without colour no escape byte is ever written. Cell text must already
 * be cleaned ({@link CellText#oneLine}).
 */
final class TerminalLine {
    static final String RESET = "\u001b[0m";
    private static final String GAP = "  ";

    private final StringBuilder text = new StringBuilder();
    private final boolean colour;
    private int remaining;
    private boolean first = true;

    TerminalLine(int width, boolean colour) {
        this.remaining = width;
        this.colour = colour;
    }

    /** Leading blanks before the first cell. */
    TerminalLine indent(int columns) {
        append(" ".repeat(columns), null);
        return this;
    }

    /** A cell padded to {@code width}, cut when the line has less room left; {@code sgr} may be null. */
    TerminalLine cell(String value, int width, String sgr) {
        return add(CellText.pad(CellText.truncate(value, width), width), sgr);
    }

    /** A right-aligned cell (counts). */
    TerminalLine right(String value, int width) {
        int missing = width - CellText.length(value);
        return add(missing > 0 ? " ".repeat(missing) + value : value, null);
    }

    /** The last cell: takes whatever room is left, unpadded. */
    TerminalLine rest(String value, String sgr) {
        return add(value, sgr);
    }

    private TerminalLine add(String value, String sgr) {
        if (!first) {
            if (remaining <= GAP.length()) {
                // no room for even one character of the cell: a lone cut gap would only show "…"
                remaining = 0;
                return this;
            }
            append(GAP, null);
        }
        first = false;
        append(value, sgr);
        return this;
    }

    private void append(String value, String sgr) {
        String visible = CellText.truncate(value, remaining);
        remaining -= CellText.length(visible);
        if (visible.isEmpty()) {
            return;
        }
        if (colour && sgr != null) {
            text.append(sgr).append(visible).append(RESET);
        } else {
            text.append(visible);
        }
    }

    @Override
    public String toString() {
        // a padded last cell would leave trailing blanks
        return text.toString().stripTrailing();
    }
}
