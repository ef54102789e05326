package io.vigil.sigma;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts from loading a rule set: files read, rule documents found, loaded and rejected (by diagnostic
 * code), and loaded rules that cannot fire on Windows events (by log source product). Both maps iterate
 * in key order.
 */
public record LoadSummary(
        int files, int rules, int loaded, int rejected, Map<String, Integer> byReason, Map<String, Integer> inactive) {
    public LoadSummary {
        // Sorted, not Map.copyOf: its iteration order changes from one JVM run to the next, and these
        // maps are printed (lint output, the hunt summary).
        byReason = Collections.unmodifiableMap(new TreeMap<>(byReason));
        inactive = Collections.unmodifiableMap(new TreeMap<>(inactive));
    }
}
