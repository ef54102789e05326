package io.vigil.evtx.internal;

import io.vigil.evtx.EvtxProblem;

/**
 * Raised inside the decoder when bytes do not follow the format or exceed a limit; the chunk decoder
 * turns it into an {@link EvtxProblem} for the record being read. It never leaves the reader.
 */
final class EvtxFormatException extends RuntimeException {
    private final EvtxProblem.Kind kind;

    EvtxFormatException(EvtxProblem.Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    static EvtxFormatException malformed(String message) {
        return new EvtxFormatException(EvtxProblem.Kind.RECORD_BINXML, message);
    }

    static EvtxFormatException limit(String message) {
        return new EvtxFormatException(EvtxProblem.Kind.RECORD_LIMIT, message);
    }

    EvtxProblem.Kind kind() {
        return kind;
    }
}
