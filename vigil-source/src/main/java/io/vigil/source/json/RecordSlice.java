package io.vigil.source.json;

/**
 * The bytes of one top-level JSON value, cut from an input but not yet parsed: the hand-off from the
 * thread that reads an input to the threads that parse it ({@link JsonRecordReader#split} then {@link
 * JsonRecordReader#parse}), so that parsing can run on several cores while records keep their order.
 *
 * <p>The slice owns its array. {@code line}/{@code column} (1-based, columns in bytes) locate the value's
 * first byte in the input; {@code nextLine} is the line the input was at when the value ended.
 *
 * @param displayPath the input as shown to the user
 * @param bytes the value's bytes, {@code length} long from index 0; empty when {@code oversized}
 * @param end how the value ended
 * @param oversized true when the value exceeded {@link JsonLimits#maxRecordBytes()} and was not kept
 */
public record RecordSlice(
        String displayPath,
        byte[] bytes,
        int length,
        long line,
        int column,
        RecordSlice.End end,
        boolean oversized,
        long nextLine) {
    /** How a value's bytes ended. */
    public enum End {
        /** The value closed (or, for a scalar, its line or array element ended). */
        COMPLETE,
        /** A new record started on a fresh line before the value closed. */
        NEW_RECORD,
        /** The input ended before the value closed. */
        END_OF_INPUT
    }

    /** Bytes this slice holds, for batching by size. */
    public int weight() {
        return length;
    }
}
