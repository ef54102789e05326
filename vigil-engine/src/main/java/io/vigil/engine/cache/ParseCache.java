package io.vigil.engine.cache;

import io.vigil.sigma.RuleSource;
import io.vigil.sigma.parse.ParseStore;
import io.vigil.sigma.parse.ParsedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * Remembers what the YAML parser made of each rule file, so that a load whose files did not change
 * skips SnakeYAML (most of the cost of loading the SigmaHQ tree). Only parsing is cached: filters,
 * placeholders, log-source mapping and compilation run on every load, so no compile option can make a
 * cached entry wrong.
 *
 * <p>An entry is found by the file's shown path and used only when the file's whole text equals the
 * text it was parsed from, so an edit is seen however its size and mtime look (no hash to collide). A cache file belongs to one list of rule paths (its name hashes them) and
 * records the format version and the {@link BuildFingerprint} of the code that wrote it; another
 * build's file is silently replaced. A file that is not a complete cache file of this format (foreign,
 * truncated, corrupted: checked by a trailing CRC-32 and a strict reader) gives one warning and a
 * normal parse. Files are replaced atomically (temporary file, then a move), so a parallel run reads
 * either the old or the new file. A directory that cannot be written just means no cache.
 */
public final class ParseCache implements ParseStore {
    /** Bump whenever the encoding or what the parser stores changes. */
    static final int FORMAT_VERSION = 3;

    private static final byte[] MAGIC = "vigil-parse-cache\n".getBytes(StandardCharsets.US_ASCII);

    /** No caching: every load parses every file. */
    public static final ParseCache NONE = new ParseCache(null, CompletableFuture.completedFuture(null), w -> {});

    private final Path dir;
    /** The build fingerprint, computed beside the reading of the rule files; null means no cache. */
    private final CompletableFuture<String> build;

    private final Consumer<String> warnings;
    private final AtomicInteger hits = new AtomicInteger();

    private ParseCache(Path dir, CompletableFuture<String> build, Consumer<String> warnings) {
        this.dir = dir;
        this.build = build;
        this.warnings = warnings;
    }

    /**
     * A cache in {@code dir} (created when first written). {@code warnings} receives one line for a
     * cache file that had to be ignored. Without a build fingerprint (classes not loaded from files)
     * there is no way to tell builds apart, so there is no cache.
     */
    public static ParseCache in(Path dir, Consumer<String> warnings) {
        return new ParseCache(dir, CompletableFuture.supplyAsync(BuildFingerprint::current), warnings);
    }

    /** One file per list of rule paths, so that runs over different rule sets do not evict each other. */
    private Path fileFor(List<RuleSource> sources) {
        Checksum64 sum = new Checksum64();
        for (RuleSource s : sources) {
            sum.update(s.path().getBytes(StandardCharsets.UTF_8));
            sum.update(new byte[] {0});
        }
        return dir.resolve(sum.hex() + ".bin");
    }

    /** A parse and the exact text it was parsed from, as written to the cache. */
    private record Entry(String text, ParsedFile parsed) {}

    /**
     * An entry as read: the text and the encoded parse, still undecoded. Each encoded parse stands
     * alone (its own string table), so that hits decode in parallel and misses cost nothing.
     */
    private record Stored(ByteBuffer text, ByteBuffer parsed) {}

    /**
     * The parse of every source, in order: from the cache where an entry has the same path and exactly
     * the same text, else from {@code parser} (called once, with the sources that missed). Rewrites the
     * cache file when anything was parsed or when it held entries no longer needed.
     */
    @Override
    public List<ParsedFile> parse(List<RuleSource> sources, Function<List<RuleSource>, List<ParsedFile>> parser) {
        String build = this.build.join();
        if (dir == null || build == null) {
            return parser.apply(sources);
        }
        Path file = fileFor(sources);
        Map<String, Stored> cached = read(file, build);
        ParsedFile[] out = new ParsedFile[sources.size()];
        String[] corrupt = new String[1];
        IntStream.range(0, out.length).parallel().forEach(i -> {
            RuleSource s = sources.get(i);
            Stored e = cached.get(s.path());
            // The whole text is compared, not a hash or an mtime: any edit is seen.
            if (e != null && text(e.text()).equals(s.text())) {
                try {
                    out[i] = new DocumentCodec.Reader(e.parsed()).file();
                } catch (DocumentCodec.CorruptCacheException ex) {
                    corrupt[0] = ex.getMessage();
                }
            }
        });
        List<RuleSource> missing = new ArrayList<>();
        List<Integer> missingAt = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                missing.add(sources.get(i));
                missingAt.add(i);
            }
        }
        if (corrupt[0] != null) {
            warnings.accept("rule cache " + file + " has a damaged entry (" + corrupt[0] + "); parsing those rules");
        }
        hits.addAndGet(out.length - missing.size());
        if (!missing.isEmpty()) {
            List<ParsedFile> fresh = parser.apply(missing);
            for (int j = 0; j < fresh.size(); j++) {
                out[missingAt.get(j)] = fresh.get(j);
            }
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < out.length; i++) {
            entries.putIfAbsent(sources.get(i).path(), new Entry(sources.get(i).text(), out[i]));
        }
        if (!missing.isEmpty() || !entries.keySet().equals(cached.keySet())) {
            write(file, entries, build);
            prune(file);
        } else {
            touch(file);
        }
        return Arrays.asList(out);
    }

    /**
     * How many cache files (one per list of rule paths) are kept: each run over another list writes
     * one (~10 MB for the SigmaHQ trees), and without a limit they would pile up.
     */
    public static final int KEEP = 8;

    /** Marks a file as used, so that {@link #prune} keeps the files runs actually use. */
    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException | SecurityException e) {
            // a read-only cache still serves; it may only be pruned sooner
        }
    }

    /**
     * Deletes the cache files beyond the {@link #KEEP} most recently used, {@code kept} always
     * included. Only names this cache writes are considered: other files in the directory are left.
     */
    private void prune(Path kept) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dirFiles = Files.newDirectoryStream(dir)) {
            for (Path f : dirFiles) {
                if (isCacheFileName(f.getFileName().toString()) && !f.equals(kept)) {
                    files.add(f);
                }
            }
        } catch (IOException | SecurityException e) {
            return; // pruning is housekeeping: the next write tries again
        }
        Map<Path, FileTime> times = new HashMap<>();
        for (Path f : files) {
            try {
                times.put(f, Files.getLastModifiedTime(f));
            } catch (IOException e) {
                times.put(f, FileTime.fromMillis(0));
            }
        }
        files.sort(Comparator.comparing(times::get, Comparator.reverseOrder()));
        for (Path f : files.subList(Math.min(files.size(), KEEP - 1), files.size())) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException | SecurityException e) {
                // another run may be using or replacing it: left for a later prune
            }
        }
    }

    /** Hex digits then {@code .bin}, as {@link #fileFor} names them. */
    public static boolean isCacheFileName(String name) {
        if (!name.endsWith(".bin") || name.length() == ".bin".length()) {
            return false;
        }
        for (int i = 0; i < name.length() - ".bin".length(); i++) {
            char c = name.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String text(ByteBuffer utf8) {
        return new String(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining(), StandardCharsets.UTF_8);
    }

    /** How many files this cache has answered so far without parsing them. */
    public int hits() {
        return hits.get();
    }

    private Map<String, Stored> read(Path file, String build) {
        if (!Files.isRegularFile(file)) {
            return Map.of(); // first run, or no usable directory: nothing to read
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            warnings.accept("rule cache " + file + " is unreadable (" + e.getMessage() + "); parsing the rules");
            return Map.of();
        }
        try {
            return decode(bytes, build);
        } catch (StaleCacheException e) {
            return Map.of(); // another build or format: expected, replaced below
        } catch (DocumentCodec.CorruptCacheException e) {
            warnings.accept(
                    "rule cache " + file + " is not a valid cache file (" + e.getMessage() + "); parsing the rules");
            return Map.of();
        }
    }

    /** A well-formed cache file written by another build or format version. */
    private static final class StaleCacheException extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private static Map<String, Stored> decode(byte[] bytes, String build)
            throws DocumentCodec.CorruptCacheException, StaleCacheException {
        if (bytes.length < MAGIC.length + 8 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new DocumentCodec.CorruptCacheException("no cache header");
        }
        int bodyEnd = bytes.length - 8;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bodyEnd);
        if (ByteBuffer.wrap(bytes, bodyEnd, 8).getLong() != crc.getValue()) {
            throw new DocumentCodec.CorruptCacheException("checksum mismatch");
        }
        DocumentCodec.Reader r = new DocumentCodec.Reader(
                ByteBuffer.wrap(bytes, MAGIC.length, bodyEnd - MAGIC.length).slice());
        if (r.integer() != FORMAT_VERSION || !build.equals(r.string())) {
            throw new StaleCacheException();
        }
        int n = r.count();
        Map<String, Stored> out = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String path = r.string();
            ByteBuffer text = r.slice(r.count());
            out.put(path, new Stored(text, r.slice(r.count())));
        }
        if (!r.atEnd()) {
            throw new DocumentCodec.CorruptCacheException("trailing bytes");
        }
        return out;
    }

    private void write(Path file, Map<String, Entry> entries, String build) {
        DocumentCodec.Writer w = new DocumentCodec.Writer(1 << 20);
        w.raw(MAGIC);
        w.integer(FORMAT_VERSION);
        w.string(build);
        w.integer(entries.size());
        List<Entry> list = new ArrayList<>(entries.values());
        byte[][] encoded = new byte[list.size()][];
        IntStream.range(0, encoded.length).parallel().forEach(i -> {
            DocumentCodec.Writer one = new DocumentCodec.Writer(4096);
            one.file(list.get(i).parsed());
            encoded[i] = one.toByteArray();
        });
        int i = 0;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            w.string(e.getKey());
            byte[] text = e.getValue().text().getBytes(StandardCharsets.UTF_8);
            w.integer(text.length);
            w.raw(text);
            w.integer(encoded[i].length);
            w.raw(encoded[i++]);
        }
        byte[] body = w.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] all = Arrays.copyOf(body, body.length + 8);
        ByteBuffer.wrap(all, body.length, 8).putLong(crc.getValue());
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.write(tmp, all);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | SecurityException e) {
            // An unwritable cache directory only costs the next run its speed-up.
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // nothing more to do: a stray .tmp file is never read as a cache file
                }
            }
        }
    }
}
