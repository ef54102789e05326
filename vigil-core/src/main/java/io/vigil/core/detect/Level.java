package io.vigil.core.detect;

import java.util.Locale;
import java.util.Optional;

/** Sigma rule levels, ordered from least to most severe so that {@code --min-level} is a comparison. */
public enum Level {
    INFORMATIONAL,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** Parses a Sigma level name (case-insensitive; {@code info} is accepted for informational). */
    public static Optional<Level> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("info")) {
            return Optional.of(INFORMATIONAL);
        }
        for (Level level : values()) {
            if (level.label().equals(t)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /** The lower-case name used by Sigma and in all outputs. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
