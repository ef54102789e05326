package io.vigil.cli;

/**
 * What the process is attached to, decided once: colour and progress go only to terminals, never into
 * pipes or files. The JDK cannot ask about stderr alone, so a console on stdin/stdout plus a
 * {@code TERM} other than {@code dumb} stands for "interactive"; {@code NO_COLOR} turns colour off.
 */
public record Terminal(boolean interactive, boolean colour, int width) {
    public static Terminal detect() {
        String term = System.getenv("TERM");
        boolean interactive = System.console() != null && term != null && !term.equals("dumb");
        boolean colour = interactive && System.getenv("NO_COLOR") == null;
        int width = 0;
        String cols = System.getenv("COLUMNS");
        if (cols != null) {
            try {
                width = Integer.parseInt(cols.trim());
            } catch (NumberFormatException e) {
                width = 0;
            }
        }
        return new Terminal(interactive, colour, width);
    }
}
