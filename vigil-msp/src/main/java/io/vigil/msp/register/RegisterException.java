package io.vigil.msp.register;

import io.vigil.core.diag.SourceLocation;

/**
 * A register that cannot be used: the first problem found, with the place in the file it was found at.
 * The hunt stops on it (docs/msp-register.md) because a half-understood register attributes events
 * wrongly. {@link #getMessage()} reads {@code file:line:column: message} so that editors can jump to it.
 */
public final class RegisterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient SourceLocation location;
    private final String problem;

    public RegisterException(SourceLocation location, String problem) {
        super(location + ": " + problem);
        this.location = location;
        this.problem = problem;
    }

    /** Where the problem is (line and column are 1-based; -1 when only the file is known). */
    public SourceLocation location() {
        return location;
    }

    /** The message without the location. */
    public String problem() {
        return problem;
    }
}
