/**
 * Native reader for Windows XML Event Log ({@code .evtx}) files, JDK only.
 *
 * <p>{@link io.vigil.evtx.EvtxReader} reads a file and hands each {@link io.vigil.evtx.EvtxRecord}
 * (a tree in the evtx_dump JSON layout) and each {@link io.vigil.evtx.EvtxProblem} to an {@link
 * io.vigil.evtx.EvtxListener} in file order; {@link io.vigil.evtx.EvtxLimits} bounds what hostile input
 * can cost; {@link io.vigil.evtx.EvtxJson} writes a tree as one JSON line, {@link io.vigil.evtx.EvtxJsonLines} many of them fast. Everything in {@code
 * io.vigil.evtx.internal} is implementation and may change without notice.
 */
package io.vigil.evtx;
