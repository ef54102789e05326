package io.vigil.evtx.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Random-access bytes of one EVTX file: a file channel, or a buffer already in memory. */
public interface ByteSource {
    long size() throws IOException;

    /** Reads up to {@code len} bytes at {@code position}; fewer only at the end of the source. */
    int read(long position, byte[] dst, int len) throws IOException;

    static ByteSource of(FileChannel channel) {
        return new ByteSource() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public int read(long position, byte[] dst, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(dst, 0, len);
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, position + buffer.position());
                    if (n < 0) {
                        break;
                    }
                }
                return buffer.position();
            }
        };
    }

    static ByteSource of(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        return new ByteSource() {
            @Override
            public long size() {
                return view.remaining();
            }

            @Override
            public int read(long position, byte[] dst, int len) {
                if (position >= view.remaining()) {
                    return 0;
                }
                int n = (int) Math.min(len, view.remaining() - position);
                view.get(view.position() + (int) position, dst, 0, n);
                return n;
            }
        };
    }
}
