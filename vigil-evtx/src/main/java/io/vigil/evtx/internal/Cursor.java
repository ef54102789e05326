package io.vigil.evtx.internal;

/**
 * A read position over chunk bytes that can never read outside {@code [position, limit)}: every
 * structure in a chunk is located by offsets taken from untrusted input, so each read is checked and
 * a bad offset becomes an {@link EvtxFormatException} instead of an index error.
 */
final class Cursor {
    private final byte[] data;
    private final int start;
    private final int limit;
    private int pos;

    Cursor(byte[] data, int start, int limit) {
        if (start < 0 || limit > data.length || start > limit) {
            throw EvtxFormatException.malformed("offset 0x" + Integer.toHexString(start) + " outside chunk");
        }
        this.data = data;
        this.start = start;
        this.pos = start;
        this.limit = limit;
    }

    int position() {
        return pos;
    }

    int limit() {
        return limit;
    }

    int remaining() {
        return limit - pos;
    }

    boolean hasRemaining() {
        return pos < limit;
    }

    void seek(int position) {
        if (position < start || position > limit) {
            throw EvtxFormatException.malformed("offset 0x" + Integer.toHexString(position) + " outside structure");
        }
        pos = position;
    }

    void skip(long count) {
        require(count);
        pos += (int) count;
    }

    int u8() {
        require(1);
        return data[pos++] & 0xff;
    }

    int u16() {
        require(2);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    int i32() {
        require(4);
        int v = LittleEndian.i32(data, pos);
        pos += 4;
        return v;
    }

    long u32() {
        return i32() & 0xffffffffL;
    }

    long i64() {
        require(8);
        long v = LittleEndian.i64(data, pos);
        pos += 8;
        return v;
    }

    /** {@code chars} UTF-16LE code units as a string. */
    String utf16(int chars) {
        require(2L * chars);
        String s = Utf16.decode(data, pos, chars, false);
        pos += 2 * chars;
        return s;
    }

    private void require(long count) {
        if (count < 0 || count > limit - pos) {
            throw truncated(count);
        }
    }

    private EvtxFormatException truncated(long count) {
        return EvtxFormatException.malformed("structure at 0x" + Integer.toHexString(pos) + " needs " + count
                + " bytes, only " + (limit - pos) + " left");
    }
}
