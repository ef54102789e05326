package io.vigil.source.files;

import java.io.IOException;

/** Thrown while reading an archive member that expands beyond {@link ArchiveLimits#maxExpandedBytes}. */
public final class ArchiveLimitException extends IOException {
    public ArchiveLimitException(String message) {
        super(message);
    }
}
