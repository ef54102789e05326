package io.vigil.evtx;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event record, decoded, with where it came from.
 *
 * <p>Contract: {@code tree} is {@code {"Event": {...}}} in the layout of the Rust {@code evtx_dump} JSON
 * output (XML attributes under {@code "#attributes"}, element text under {@code "#text"}, named {@code
 * <Data>} flattened to keys, unnamed ones under {@code "Data": {"#text": ...}}, duplicate element names
 * suffixed {@code _1}, {@code _2}...). It holds only {@code LinkedHashMap<String, Object>}, {@code
 * ArrayList<Object>}, {@code String}, {@code Long}, {@code Double}, {@code Boolean} and {@code null};
 * integer substitution values are {@code Long} (an unsigned 64-bit value above {@code Long.MAX_VALUE}
 * is its decimal {@code String}). Timestamps in the tree have 100 ns precision (7 fraction digits).
 * {@code timestamp} is the record header's written time; the event's own time is {@code
 * Event.System.TimeCreated.#attributes.SystemTime}. The tree is owned by the receiver and may be
 * modified.
 *
 * @param recordId the event record identifier from the record header
 * @param chunkIndex zero-based chunk number
 * @param fileOffset absolute file offset of the record's signature
 * @param timestamp the time the record was written, 100 ns precision
 * @param tree the decoded record in the evtx_dump JSON layout
 */
public record EvtxRecord(long recordId, int chunkIndex, long fileOffset, Instant timestamp, Map<String, Object> tree) {
    public EvtxRecord {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(tree, "tree");
    }
}
