package io.vigil.ioc.load;

import io.vigil.core.detect.Level;
import java.util.Objects;

/**
 * What the user says about a feed when loading it.
 *
 * @param defaultLevel level of detections from indicators that do not state one (STIX {@code
 *     x_vigil_level}); {@link Level#LOW} by default, because community lists are broad
 * @param defaultConfidence confidence (0 to 100) of indicators that do not state one, or -1 for none
 * @param includeNonDetection load indicators the feed marks as not for detection (MISP {@code to_ids:
 *     false}, STIX {@code x_vigil_detect: false}); by MISP convention they are context, not alerts, so
 *     they are left out unless this is set
 */
public record FeedOptions(Level defaultLevel, int defaultConfidence, boolean includeNonDetection) {
    public FeedOptions {
        Objects.requireNonNull(defaultLevel, "defaultLevel");
        if (defaultConfidence < -1 || defaultConfidence > 100) {
            throw new IllegalArgumentException("confidence must be 0 to 100, or -1 for none");
        }
    }

    public static FeedOptions defaults() {
        return new FeedOptions(Level.LOW, -1, false);
    }

    public FeedOptions withDefaultLevel(Level level) {
        return new FeedOptions(level, defaultConfidence, includeNonDetection);
    }

    public FeedOptions withDefaultConfidence(int confidence) {
        return new FeedOptions(defaultLevel, confidence, includeNonDetection);
    }

    public FeedOptions withNonDetection(boolean include) {
        return new FeedOptions(defaultLevel, defaultConfidence, include);
    }
}
