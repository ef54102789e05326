package io.vigil.evtx;

/**
 * Receives what {@link EvtxReader} finds, in file order.
 *
 * <p>Contract: both methods are called on the thread that called {@code read}, never concurrently,
 * records in ascending file offset and each problem before the records that follow it in the file.
 * An exception thrown here stops the read and propagates to the caller unchanged.
 */
public interface EvtxListener {
    /** A record was decoded. */
    void onRecord(EvtxRecord record);

    /** Something was damaged or over a limit; the default ignores it (the result still counts it). */
    default void onProblem(EvtxProblem problem) {}
}
