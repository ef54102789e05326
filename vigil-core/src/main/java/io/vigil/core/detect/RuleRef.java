package io.vigil.core.detect;

import java.util.List;

/**
 * The identity and metadata of the rule behind a detection, as carried into every output.
 *
 * <p>The author is always carried: the Detection Rule License that covers SigmaHQ rules asks for it.
 * {@code path} is the rule file as given by the user, or {@code builtin:<name>} for bundled rules.
 */
public record RuleRef(
        String id, String title, Level level, String status, String author, List<String> tags, String path) {
    public RuleRef {
        tags = List.copyOf(tags);
    }
}
