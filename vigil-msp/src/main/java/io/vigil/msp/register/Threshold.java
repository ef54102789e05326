package io.vigil.msp.register;

import java.util.Arrays;
import java.util.Optional;

/**
 * The MSP detection thresholds a register may set under {@code thresholds:} (docs/msp-detections.md),
 * each with the kind of value it takes, so that the parser can check values where they are written.
 */
public enum Threshold {
    FIRST_SEEN_LEARNING(Kind.DURATION),
    CONCURRENCY_WINDOW(Kind.DURATION),
    SHARED_CREDENTIAL_TECHNICIANS(Kind.COUNT),
    SHARED_CREDENTIAL_WINDOW(Kind.DURATION),
    FANOUT_HOSTS(Kind.COUNT),
    FANOUT_WINDOW(Kind.DURATION),
    COMPROMISED_SOURCE_WINDOW(Kind.DURATION),
    LOG_CLEAR_WINDOW(Kind.DURATION),
    SILENCE(Kind.DURATION),
    EGRESS_FACTOR(Kind.FACTOR),
    EGRESS_WINDOW(Kind.DURATION),
    INGEST_BYTES(Kind.COUNT),
    MAX_FACTS(Kind.COUNT);

    /** What a value means: a duration ({@code 30m}, {@code 48h}, {@code 7d}), a whole count, or a factor. */
    public enum Kind {
        DURATION,
        COUNT,
        FACTOR
    }

    private final Kind kind;

    Threshold(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The key as written in the register: lower case with underscores. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Threshold> byKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key().equals(key)).findFirst();
    }
}
