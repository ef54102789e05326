package io.vigil.sigma;

import java.util.Map;

/**
 * Counts from loading a rule set: files read, rule documents found, loaded and rejected (by diagnostic
 * code), and loaded rules that cannot fire on Windows events (by log source product).
 */
public record LoadSummary(
        int files, int rules, int loaded, int rejected, Map<String, Integer> byReason, Map<String, Integer> inactive) {
    public LoadSummary {
        byReason = Map.copyOf(byReason);
        inactive = Map.copyOf(inactive);
    }
}
