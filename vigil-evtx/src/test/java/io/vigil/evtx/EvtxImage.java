package io.vigil.evtx;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Builds EVTX files byte by byte for tests: a file header, chunks with correct CRC32s, records, and
 * binary XML written token by token (names and template definitions stored inline, as Windows does
 * on first use). Tests make valid files with it and then damage them on purpose.
 */
final class EvtxImage {
    static final int HEADER = 4096;
    static final int CHUNK = 0x10000;

    private EvtxImage() {}

    /** A file holding {@code chunks}, with a header that counts them and a valid checksum. */
    static byte[] file(List<byte[]> chunks) {
        byte[] out = new byte[HEADER + CHUNK * chunks.size()];
        put(out, 0, "ElfFile\0".getBytes(StandardCharsets.US_ASCII));
        le64(out, 8, 0);
        le64(out, 16, chunks.size() - 1);
        le64(out, 24, 1000);
        le32(out, 32, 128);
        le16(out, 36, 1);
        le16(out, 38, 3);
        le16(out, 40, HEADER);
        le16(out, 42, chunks.size());
        fixFileHeaderCrc(out);
        for (int i = 0; i < chunks.size(); i++) {
            System.arraycopy(chunks.get(i), 0, out, HEADER + i * CHUNK, CHUNK);
        }
        return out;
    }

    static void fixFileHeaderCrc(byte[] file) {
        CRC32 crc = new CRC32();
        crc.update(file, 0, 120);
        le32(file, 124, (int) crc.getValue());
    }

    /** Recomputes both CRC32s of the chunk at {@code offset} (after a deliberate edit). */
    static void fixChunkCrcs(byte[] file, int offset) {
        int free = (int) u32(file, offset + 48);
        CRC32 data = new CRC32();
        data.update(file, offset + 512, Math.max(0, Math.min(free, CHUNK) - 512));
        le32(file, offset + 52, (int) data.getValue());
        CRC32 header = new CRC32();
        header.update(file, offset, 120);
        header.update(file, offset + 128, 384);
        le32(file, offset + 124, (int) header.getValue());
    }

    /** One chunk being filled with records. */
    static final class Chunk {
        final byte[] data = new byte[CHUNK];
        int pos = 512;
        private long firstId = -1;
        private long lastId;
        private int lastRecord;

        /** Appends a record whose binary XML {@code body} writes; returns the record's chunk offset. */
        int record(long id, long filetime, Consumer<BinXml> body) {
            int start = pos;
            le32(data, start, 0x2a2a);
            le64(data, start + 8, id);
            le64(data, start + 16, filetime);
            pos = start + 24;
            body.accept(new BinXml(this, false));
            pos += 4;
            int size = pos - start;
            le32(data, start + 4, size);
            le32(data, pos - 4, size);
            if (firstId < 0) {
                firstId = id;
            }
            lastId = id;
            lastRecord = start;
            return start;
        }

        byte[] finish() {
            put(data, 0, "ElfChnk\0".getBytes(StandardCharsets.US_ASCII));
            le64(data, 8, firstId);
            le64(data, 16, lastId);
            le64(data, 24, firstId);
            le64(data, 32, lastId);
            le32(data, 40, 128);
            le32(data, 44, lastRecord);
            le32(data, 48, pos);
            fixChunkCrcs(data, 0);
            return data;
        }
    }

    /** A typed substitution value: its type byte and a writer for its bytes. */
    record Value(int type, Consumer<BinXml> bytes) {
        static Value raw(int type, byte[] bytes) {
            return new Value(type, w -> w.bytes(bytes));
        }

        static Value string(String s) {
            return raw(0x01, s.getBytes(StandardCharsets.UTF_16LE));
        }

        static Value number(int type, long v, int width) {
            byte[] b = new byte[width];
            for (int i = 0; i < width; i++) {
                b[i] = (byte) (v >>> (8 * i));
            }
            return raw(type, b);
        }

        static Value binXml(Consumer<BinXml> body) {
            return new Value(0x21, w -> body.accept(new BinXml(w.chunk, false)));
        }
    }

    /** Writes binary XML tokens at the chunk's current position. */
    static final class BinXml {
        private final Chunk chunk;
        private final boolean dependencyIds;

        BinXml(Chunk chunk, boolean dependencyIds) {
            this.chunk = chunk;
            this.dependencyIds = dependencyIds;
        }

        int position() {
            return chunk.pos;
        }

        BinXml bytes(byte[] b) {
            put(chunk.data, chunk.pos, b);
            chunk.pos += b.length;
            return this;
        }

        BinXml u8(int v) {
            chunk.data[chunk.pos++] = (byte) v;
            return this;
        }

        BinXml u16(int v) {
            le16(chunk.data, chunk.pos, v);
            chunk.pos += 2;
            return this;
        }

        BinXml u32(long v) {
            le32(chunk.data, chunk.pos, (int) v);
            chunk.pos += 4;
            return this;
        }

        BinXml fragmentHeader() {
            return u8(0x0f).u8(1).u8(1).u8(0);
        }

        BinXml eof() {
            return u8(0x00);
        }

        /** {@code <name} with the name stored inline; {@code attributes} selects token 0x41. */
        BinXml open(String name, boolean attributes) {
            u8(attributes ? 0x41 : 0x01);
            if (dependencyIds) {
                u16(0xffff);
            }
            u32(0); // data size, not needed by readers that follow the tokens
            name(name);
            return attributes ? u32(0) : this;
        }

        BinXml attribute(String name) {
            u8(0x06);
            return name(name);
        }

        BinXml closeStart() {
            return u8(0x02);
        }

        BinXml closeEmpty() {
            return u8(0x03);
        }

        BinXml end() {
            return u8(0x04);
        }

        BinXml text(String s) {
            u8(0x05).u8(0x01).u16(s.length());
            return bytes(s.getBytes(StandardCharsets.UTF_16LE));
        }

        BinXml substitution(int index, int type, boolean optional) {
            return u8(optional ? 0x0e : 0x0d).u16(index).u8(type);
        }

        BinXml charRef(int c) {
            return u8(0x08).u16(c);
        }

        BinXml entityRef(String name) {
            u8(0x09);
            return name(name);
        }

        BinXml cdata(String s) {
            u8(0x07).u16(s.length());
            return bytes(s.getBytes(StandardCharsets.UTF_16LE));
        }

        BinXml pi(String target, String data) {
            u8(0x0a);
            name(target);
            u8(0x0b).u16(data.length());
            return bytes(data.getBytes(StandardCharsets.UTF_16LE));
        }

        /** {@code <name>text</name>}. */
        BinXml element(String name, String text) {
            return open(name, false).closeStart().text(text).end();
        }

        /**
         * A template instance whose definition is stored inline here; returns the definition's chunk
         * offset so that later records can reuse it with {@link #instanceOf}.
         */
        int template(Consumer<BinXml> definition, List<Value> values) {
            u8(0x0c).u8(1).u32(0);
            int offset = chunk.pos + 4;
            u32(offset);
            u32(0);
            bytes(new byte[16]);
            int sizeAt = chunk.pos;
            u32(0);
            int start = chunk.pos;
            definition.accept(new BinXml(chunk, true));
            le32(chunk.data, sizeAt, chunk.pos - start);
            values(values);
            return offset;
        }

        /** A template instance of a definition stored earlier in the chunk. */
        BinXml instanceOf(int definitionOffset, List<Value> values) {
            u8(0x0c).u8(1).u32(0).u32(definitionOffset);
            values(values);
            return this;
        }

        private void values(List<Value> values) {
            u32(values.size());
            int descriptors = chunk.pos;
            chunk.pos += 4 * values.size();
            for (int i = 0; i < values.size(); i++) {
                int start = chunk.pos;
                values.get(i).bytes().accept(this);
                le16(chunk.data, descriptors + 4 * i, chunk.pos - start);
                chunk.data[descriptors + 4 * i + 2] = (byte) values.get(i).type();
            }
        }

        private BinXml name(String name) {
            u32(chunk.pos + 4);
            u32(0).u16(0).u16(name.length());
            bytes(name.getBytes(StandardCharsets.UTF_16LE));
            return u16(0);
        }
    }

    static long u32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }

    static void le16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void le32(byte[] b, int off, int v) {
        le16(b, off, v);
        le16(b, off + 2, v >>> 16);
    }

    static void le64(byte[] b, int off, long v) {
        le32(b, off, (int) v);
        le32(b, off + 4, (int) (v >>> 32));
    }

    private static void put(byte[] b, int off, byte[] src) {
        System.arraycopy(src, 0, b, off, src.length);
    }
}
