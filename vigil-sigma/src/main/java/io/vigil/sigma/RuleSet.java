package io.vigil.sigma;

import io.vigil.core.event.Event;
import io.vigil.sigma.compile.CompiledRule;
import java.util.List;
import java.util.function.Consumer;

/**
 * The compiled rules of a run, immutable and shared by all matching threads. {@link #match} reports
 * the rules that fire on an event, in load order, so that output order is deterministic.
 */
public final class RuleSet {
    private final List<CompiledRule> rules;
    private final List<CompiledRule> active;

    RuleSet(List<CompiledRule> rules) {
        this.rules = List.copyOf(rules);
        this.active =
                this.rules.stream().filter(r -> r.inactiveReason() == null).toList();
    }

    public List<CompiledRule> rules() {
        return rules;
    }

    public void match(Event event, Consumer<CompiledRule> onMatch) {
        for (CompiledRule r : active) {
            if (r.matches(event)) {
                onMatch.accept(r);
            }
        }
    }
}
