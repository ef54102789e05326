package io.vigil.correlate.state;

/**
 * Identifies the window state of one group of one correlation.
 *
 * <p>A value class with its hash computed once: it is looked up for every input, and a record's
 * generated equality showed up as the correlator's hottest frame.
 */
public final class StateKey {
    private final int correlation;
    private final String group;
    private final int hash;

    /**
     * @param correlation the correlation's position in its {@link io.vigil.correlate.CorrelationPlan}
     * @param group the group key: the group-by values lower-cased and joined so that distinct value
     *     lists never collide; empty without group-by
     */
    public StateKey(int correlation, String group) {
        this.correlation = correlation;
        this.group = group;
        this.hash = 31 * correlation + group.hashCode();
    }

    public int correlation() {
        return correlation;
    }

    public String group() {
        return group;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateKey k && k.hash == hash && k.correlation == correlation && k.group.equals(group);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "StateKey[" + correlation + ", " + group + "]";
    }
}
