package io.vigil.correlate.state;

/**
 * One input of a correlation window: a base-rule match or an inner correlation's detection, reduced to
 * what the window needs. The event itself is not kept, so that state memory depends on the number of
 * entries and not on the size of the events.
 *
 * <p>{@code sources} is the provenance of the event ({@link io.vigil.core.event.Provenance}) or, for a
 * detection of a chained correlation, the unmodifiable list of its contributing events' provenances.
 */
public final class WindowEntry {
    private final long time;
    private final int slot;
    private final String text;
    private final double number;
    private final Object sources;

    /**
     * @param time event time in nanoseconds since the epoch
     * @param slot the input's position in the correlation's {@code rules}
     * @param text the folded value (or value combination) counted by {@code value_count}, else null
     * @param number the numeric value of the field for the numeric types, else 0
     * @param sources see the class documentation
     */
    public WindowEntry(long time, int slot, String text, double number, Object sources) {
        this.time = time;
        this.slot = slot;
        this.text = text;
        this.number = number;
        this.sources = sources;
    }

    public long time() {
        return time;
    }

    public int slot() {
        return slot;
    }

    public String text() {
        return text;
    }

    public double number() {
        return number;
    }

    public Object sources() {
        return sources;
    }
}
