package io.vigil.sigma;

import io.vigil.core.event.Event;
import io.vigil.sigma.compile.CompiledRule;
import io.vigil.sigma.index.IndexCoverage;
import io.vigil.sigma.index.RequiredLiterals;
import io.vigil.sigma.index.RuleIndex;
import java.util.List;
import java.util.function.Consumer;

/**
 * The compiled rules of a run, immutable and shared by all matching threads. {@link #match} reports
 * the rules that fire on an event, in load order, so that output order is deterministic.
 */
public final class RuleSet {
    private final List<CompiledRule> rules;
    private final RuleIndex index;

    RuleSet(List<CompiledRule> rules) {
        this.rules = List.copyOf(rules);
        this.index = new RuleIndex(this.rules);
    }

    public List<CompiledRule> rules() {
        return rules;
    }

    /** Reports every rule that fires on the event, in load order, using the rule index. */
    public void match(Event event, Consumer<CompiledRule> onMatch) {
        index.match(event, i -> onMatch.accept(rules.get(i)));
    }

    /** What the index skips for these rules, for the lint report. */
    public IndexCoverage indexCoverage() {
        return index.coverage(rules);
    }

    /** The literal condition the index found for each branch of a rule (in branch order). */
    public List<RequiredLiterals> requiredLiterals(CompiledRule rule) {
        return index.literalsOf(rules.indexOf(rule));
    }

    /** The plain reference path: every rule tested in turn. Used to check the index. */
    public void matchWithoutIndex(Event event, Consumer<CompiledRule> onMatch) {
        for (CompiledRule r : rules) {
            if (r.matches(event)) {
                onMatch.accept(r);
            }
        }
    }
}
