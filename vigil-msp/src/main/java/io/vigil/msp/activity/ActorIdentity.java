package io.vigil.msp.activity;

import io.vigil.msp.register.Identity;
import java.util.ArrayList;
import java.util.List;

/**
 * The MSP identities an account stands for, narrowed by the source it acted from: a technician's own
 * account gives one identity; a shared credential gives the identity whose allowed sources include the
 * source, or stays ambiguous ({@link #resolved()} null, {@link #key()} all ids joined with "|").
 */
public record ActorIdentity(List<Identity> candidates, Identity resolved) {
    public static final ActorIdentity NONE = new ActorIdentity(List.of(), null);

    public ActorIdentity {
        candidates = List.copyOf(candidates);
    }

    /** Resolves {@code candidates} by the source address and host the account acted from. */
    public static ActorIdentity of(List<Identity> candidates, String sourceIp, String sourceHost) {
        if (candidates.isEmpty()) {
            return NONE;
        }
        if (candidates.size() == 1) {
            return new ActorIdentity(candidates, candidates.get(0));
        }
        List<Identity> allowing = new ArrayList<>();
        for (Identity id : candidates) {
            if (id.allowsSource(sourceIp) || id.allowsSource(sourceHost)) {
                allowing.add(id);
            }
        }
        return new ActorIdentity(candidates, allowing.size() == 1 ? allowing.get(0) : null);
    }

    public boolean isMsp() {
        return !candidates.isEmpty();
    }

    /** The identity id, or every candidate id sorted and joined with "|"; null for no MSP identity. */
    public String key() {
        if (resolved != null) {
            return resolved.id();
        }
        if (candidates.isEmpty()) {
            return null;
        }
        return String.join("|", candidates.stream().map(Identity::id).sorted().toList());
    }

    /** True when the source is allowed for the resolved identity (false when ambiguous or unknown). */
    public boolean allows(String sourceIp, String sourceHost) {
        return resolved != null && (resolved.allowsSource(sourceIp) || resolved.allowsSource(sourceHost));
    }
}
