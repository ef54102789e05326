package io.vigil.correlate.state;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The open window of one group of one correlation: its entries in event-time order and the running
 * aggregates the conditions read (count, distinct values, inputs seen, sum), kept up to date as entries
 * come and go so that a condition check costs O(1) for most types.
 *
 * <p>Mutable and not thread-safe: a correlator owns its states. {@code groupValues} are the group-by
 * values as first seen (original case), reported in detections.
 */
public final class GroupState {
    /** {@link #scheduled} when no timer is pending. */
    public static final long UNSCHEDULED = Long.MIN_VALUE;

    private final Object[] groupValues;
    private final ArrayDeque<WindowEntry> entries = new ArrayDeque<>();
    private final int[] slotCounts;
    private int slotsSeen;
    private final Map<String, int[]> distinct;
    private double sum;
    private long scheduled = UNSCHEDULED;

    /**
     * @param groupValues the group-by values in group-by order, as they appeared in the first event
     * @param slots the number of inputs of the correlation
     * @param countDistinct whether to keep distinct-value counts ({@code value_count})
     */
    public GroupState(Object[] groupValues, int slots, boolean countDistinct) {
        this.groupValues = groupValues.clone();
        this.slotCounts = new int[slots];
        this.distinct = countDistinct ? new HashMap<>() : null;
    }

    public Object[] groupValues() {
        return groupValues.clone();
    }

    /** Appends an entry; its time must not be before the last entry's. */
    public void add(WindowEntry e) {
        WindowEntry last = entries.peekLast();
        if (last != null && e.time() < last.time()) {
            throw new IllegalStateException("window entries must arrive in event-time order");
        }
        entries.addLast(e);
        if (slotCounts[e.slot()]++ == 0) {
            slotsSeen++;
        }
        if (distinct != null && e.text() != null) {
            distinct.computeIfAbsent(e.text(), k -> new int[1])[0]++;
        }
        sum += e.number();
    }

    /** Removes and returns the oldest entry, or null when empty. */
    public WindowEntry removeFirst() {
        WindowEntry e = entries.pollFirst();
        if (e == null) {
            return null;
        }
        if (--slotCounts[e.slot()] == 0) {
            slotsSeen--;
        }
        if (distinct != null && e.text() != null) {
            int[] c = distinct.get(e.text());
            if (--c[0] == 0) {
                distinct.remove(e.text());
            }
        }
        sum -= e.number();
        if (entries.isEmpty()) {
            sum = 0; // no drift survives an empty window
        }
        return e;
    }

    public WindowEntry first() {
        return entries.peekFirst();
    }

    public WindowEntry last() {
        return entries.peekLast();
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entries, oldest first; read-only. */
    public Iterator<WindowEntry> iterator() {
        return Collections.unmodifiableCollection(entries).iterator();
    }

    /** Number of inputs with at least one entry. */
    public int slotsSeen() {
        return slotsSeen;
    }

    /** Number of distinct folded values (only when counting distinct values). */
    public int distinctValues() {
        return distinct == null ? 0 : distinct.size();
    }

    /** Running sum of the entries' numbers. */
    public double sum() {
        return sum;
    }

    /** Deadline of the pending timer, or {@link #UNSCHEDULED}. */
    public long scheduled() {
        return scheduled;
    }

    public void schedule(long deadline) {
        this.scheduled = deadline;
    }
}
