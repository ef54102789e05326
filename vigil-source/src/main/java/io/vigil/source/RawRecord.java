package io.vigil.source;

import io.vigil.core.event.Provenance;
import java.util.Map;

/**
 * One JSON object read from an input, as a plain tree, before any normalisation: the hand-off between
 * reading bytes and turning them into events, so that readers never need to know the event model.
 *
 * <p>Objects are {@link java.util.LinkedHashMap}s (keys in input order), arrays are
 * {@link java.util.ArrayList}s, and leaves are {@link String}, {@link Long} (integers that fit),
 * {@link Double} (fractions, and integers too large for a long that a double holds exactly), {@link
 * Boolean} or {@code null}; integers that neither holds exactly are kept as their digits in a {@link
 * String}. The tree is owned by the receiver, which may modify it.
 *
 * @param tree the object, never null
 * @param provenance where the object starts: {@link Provenance#line} of its opening brace
 */
public record RawRecord(Map<String, Object> tree, Provenance provenance) {}
