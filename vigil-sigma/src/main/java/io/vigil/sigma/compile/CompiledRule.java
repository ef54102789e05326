package io.vigil.sigma.compile;

import io.vigil.core.detect.RuleRef;
import io.vigil.core.event.Event;
import java.util.List;

/**
 * A rule compiled once into immutable matcher trees, one branch per event source of its log source.
 * Holds no per-event state, so it is shared by all threads. A rule whose log source has no mapping has
 * no branch and an {@code inactiveReason}; it loads but never fires.
 */
public final class CompiledRule {
    private final RuleRef ref;
    private final List<Branch> branches;
    private final String inactiveReason;

    public CompiledRule(RuleRef ref, List<Branch> branches, String inactiveReason) {
        this.ref = ref;
        this.branches = List.copyOf(branches);
        this.inactiveReason = inactiveReason;
    }

    public RuleRef ref() {
        return ref;
    }

    public List<Branch> branches() {
        return branches;
    }

    /** Null when the rule can fire; otherwise why it cannot (e.g. a non-Windows log source). */
    public String inactiveReason() {
        return inactiveReason;
    }

    public boolean matches(Event event) {
        for (Branch b : branches) {
            if (b.matches(event)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "CompiledRule[" + ref.id() + " " + ref.title() + "]";
    }
}
