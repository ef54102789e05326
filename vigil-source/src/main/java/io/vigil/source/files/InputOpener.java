package io.vigil.source.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Opens the bytes of an {@link InputFile}, whether a plain file or a zip member, so that readers do not
 * care where an input lives.
 *
 * <p>The stream is the stored content: zip members come out inflated, but gzip content is returned as
 * is (readers detect it). Member streams stop with an {@link ArchiveLimitException} past {@link
 * ArchiveLimits#maxExpandedBytes()}. Closing the stream releases the archive. Thread-safe.
 */
public final class InputOpener {
    private final ArchiveLimits limits;

    public InputOpener(ArchiveLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public static InputOpener withDefaults() {
        return new InputOpener(ArchiveLimits.DEFAULTS);
    }

    public InputStream open(InputFile input) throws IOException {
        if (!input.inArchive()) {
            return Files.newInputStream(input.path());
        }
        ZipFile zip = new ZipFile(input.path().toFile(), StandardCharsets.UTF_8);
        try {
            ZipEntry entry = zip.getEntry(input.archiveMember());
            if (entry == null) {
                throw new NoSuchFileException(input.displayPath());
            }
            return new CappedMemberStream(zip.getInputStream(entry), zip, limits.maxExpandedBytes());
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** A member stream that refuses to expand past the limit and closes its archive when closed. */
    private static final class CappedMemberStream extends FilterInputStream {
        private final ZipFile zip;
        private final long cap;
        private long count;

        CappedMemberStream(InputStream in, ZipFile zip, long cap) {
            super(in);
            this.zip = zip;
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                account(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                account(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skippedBytes = super.skip(n);
            account(skippedBytes);
            return skippedBytes;
        }

        private void account(long n) throws ArchiveLimitException {
            count += n;
            if (count > cap) {
                throw new ArchiveLimitException("archive member expands to more than " + cap + " bytes");
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                zip.close();
            }
        }
    }
}
