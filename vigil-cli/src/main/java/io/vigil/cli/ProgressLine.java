package io.vigil.cli;

import io.vigil.engine.HuntProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A single self-overwriting status line on stderr (files, events, events/s) for long hunts; rate
 * limited to a few updates per second, and erased when the run ends.
 */
final class ProgressLine implements HuntProgress {
    private static final long INTERVAL_NANOS = 250_000_000L;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private long last;
    private boolean shown;

    ProgressLine(PrintStream err) {
        this.err = err;
    }

    @Override
    public void update(long files, long events, String currentPath) {
        long now = System.nanoTime();
        if (now - last < INTERVAL_NANOS) {
            return;
        }
        last = now;
        double secs = Math.max(1e-9, (now - start) / 1e9);
        String path = currentPath.length() > 50 ? "…" + currentPath.substring(currentPath.length() - 49) : currentPath;
        err.printf(Locale.ROOT, "\r\033[K%d files, %,d events, %,.0f events/s  %s", files, events, events / secs, path);
        err.flush();
        shown = true;
    }

    @Override
    public void done() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
