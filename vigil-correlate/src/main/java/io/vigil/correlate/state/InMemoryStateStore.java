package io.vigil.correlate.state;

import java.util.HashMap;
import java.util.Map;

/**
 * A {@link StateStore} in a hash map on the heap, with a cap on the number of window entries. Used by
 * batch hunting and by a single-process service; a distributed deployment would swap in keyed state.
 */
public final class InMemoryStateStore implements StateStore {
    private final Map<StateKey, GroupState> states = new HashMap<>();
    private final long capacity;
    private long entries;
    private long peakEntries;
    private int peakGroups;

    /** @param capacity most window entries held at once (at least 1) */
    public InMemoryStateStore(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    @Override
    public GroupState get(StateKey key) {
        return states.get(key);
    }

    @Override
    public void put(StateKey key, GroupState state) {
        states.put(key, state);
        peakGroups = Math.max(peakGroups, states.size());
    }

    @Override
    public void remove(StateKey key) {
        states.remove(key);
    }

    @Override
    public boolean tryReserve(int n) {
        if (entries + n > capacity) {
            return false;
        }
        entries += n;
        peakEntries = Math.max(peakEntries, entries);
        return true;
    }

    @Override
    public void release(int n) {
        entries -= n;
        if (entries < 0) {
            throw new IllegalStateException("released more entries than were reserved");
        }
    }

    @Override
    public int groups() {
        return states.size();
    }

    @Override
    public long entries() {
        return entries;
    }

    @Override
    public long capacity() {
        return capacity;
    }

    /** Most entries held at once since creation. */
    public long peakEntries() {
        return peakEntries;
    }

    /** Most groups open at once since creation. */
    public int peakGroups() {
        return peakGroups;
    }
}
