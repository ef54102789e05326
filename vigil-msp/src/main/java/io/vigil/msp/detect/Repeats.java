package io.vigil.msp.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a detector from repeating itself: one firing per key within a hold time (the first logon of a
 * session fires, the next twenty do not).
 */
final class Repeats {
    private final Duration hold;
    private final Map<String, Instant> last = new HashMap<>();

    Repeats(Duration hold) {
        this.hold = hold;
    }

    /** True (and remembered) when {@code key} has not fired within the hold time before {@code t}. */
    boolean first(String key, Instant t) {
        Instant prev = last.get(key);
        if (prev != null && !t.isAfter(prev.plus(hold))) {
            return false;
        }
        last.put(key, t);
        return true;
    }
}
