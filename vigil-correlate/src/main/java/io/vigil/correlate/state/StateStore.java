package io.vigil.correlate.state;

/**
 * Where correlation window state lives, keyed by correlation and group, so that the rules stay
 * immutable and the same correlator can run on another store (a stream processor's keyed state) later.
 *
 * <p>Contract: {@link #get} returns the live state object, which the correlator mutates in place
 * between calls; {@link #put} and {@link #remove} are the only structural changes. Memory is bounded
 * by counting window entries: the correlator asks {@link #tryReserve} before adding an entry and
 * {@link #release}s entries it drops, and a store refuses reservations beyond its capacity instead of
 * growing without bound. Implementations need not be thread-safe: one correlator, one thread.
 */
public interface StateStore {
    /** The state of a group, or null when the group has no open window. */
    GroupState get(StateKey key);

    void put(StateKey key, GroupState state);

    void remove(StateKey key);

    /** Reserves room for {@code n} more entries; false (and nothing reserved) when over capacity. */
    boolean tryReserve(int n);

    /** Returns the room of {@code n} entries that were dropped. */
    void release(int n);

    /** Number of groups with an open window. */
    int groups();

    /** Number of entries currently reserved. */
    long entries();

    /** Most entries this store will hold. */
    long capacity();
}
