package io.vigil.ioc.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.diag.SourceLocation;
import io.vigil.ioc.IocSet;
import java.io.IOException;
import java.io.InputStream;

/**
 * Entry point for loading indicator feeds: detects the format from the content (never from the file
 * name) and hands it to {@link StixLoader}, {@link MispLoader} or {@link CsvLoader}; also loads the
 * built-in bundle.
 *
 * <p>Detection: JSON (first non-blank character {@code {} or {@code [}) is STIX when it has {@code
 * "type": "bundle"}, {@code "objects"} or STIX objects, MISP when it has {@code Event}, {@code response}
 * or {@code Attribute}; anything else is a CSV/plain list. Problems go to the {@link DiagnosticSink}
 * with the feed name and a location; loading never throws for bad content. Feeds larger than {@value
 * #MAX_BYTES} bytes are refused.
 */
public final class FeedLoader {
    /** Largest feed read, in bytes. */
    public static final int MAX_BYTES = 256 << 20;

    /** Feed name of the built-in bundle in detections ({@code ioc.feed}, {@code rule.path}). */
    public static final String BUILTIN_NAME = "builtin:apt10-msp";

    /** Class-path location of the built-in bundle. */
    public static final String BUILTIN_RESOURCE = "/io/vigil/ioc/builtin/apt10-msp.stix2.json";

    private FeedLoader() {}

    public static IocSet load(String feed, byte[] content, DiagnosticSink sink) {
        return load(feed, content, FeedOptions.defaults(), sink);
    }

    public static IocSet load(String feed, byte[] content, FeedOptions options, DiagnosticSink sink) {
        return switch (detect(content)) {
            case STIX -> StixLoader.load(feed, content, options, sink);
            case MISP -> MispLoader.load(feed, content, options, sink);
            case CSV -> CsvLoader.load(feed, content, options, sink);
            case UNKNOWN -> {
                unknown(feed, content, sink);
                yield IocSet.empty();
            }
        };
    }

    /**
     * Reads {@code in} (not closed here) and loads it. Only a failure to read is an exception; a feed
     * over {@link #MAX_BYTES} is reported and yields an empty set.
     */
    public static IocSet load(String feed, InputStream in, FeedOptions options, DiagnosticSink sink)
            throws IOException {
        byte[] content = in.readNBytes(MAX_BYTES + 1);
        if (content.length > MAX_BYTES) {
            sink.report(Diagnostic.error(
                    "ioc-too-large",
                    "feed is larger than " + MAX_BYTES + " bytes; not loaded",
                    SourceLocation.file(feed)));
            return IocSet.empty();
        }
        return load(feed, content, options, sink);
    }

    /**
     * Class-path location of the built-in bundle as a {@link PreparedFeed}, written from {@link
     * #BUILTIN_RESOURCE} by the build (never committed).
     */
    static final String BUILTIN_PREPARED = "/io/vigil/ioc/builtin/apt10-msp.prepared";

    /** The built-in APT10 / Cloud Hopper / TA17-117A bundle (see docs/ioc.md), default options. */
    public static IocSet builtin(DiagnosticSink sink) {
        return builtin(FeedOptions.defaults(), sink);
    }

    /**
     * The built-in bundle, from its prepared form when the build wrote one (the same indicators and
     * diagnostics in a few milliseconds instead of parsing the STIX file), else from the STIX file.
     */
    public static IocSet builtin(FeedOptions options, DiagnosticSink sink) {
        try (InputStream in = FeedLoader.class.getResourceAsStream(BUILTIN_PREPARED)) {
            if (in != null) {
                IocSet set = PreparedFeed.load(BUILTIN_NAME, in.readAllBytes(), options, sink);
                if (set != null) {
                    return set;
                }
            }
        } catch (IOException e) {
            // the STIX file below is the same bundle; its own read failure is reported
        }
        return builtinFromStix(options, sink);
    }

    /** The built-in bundle parsed from its STIX file, as any other feed is. */
    static IocSet builtinFromStix(FeedOptions options, DiagnosticSink sink) {
        try (InputStream in = FeedLoader.class.getResourceAsStream(BUILTIN_RESOURCE)) {
            if (in == null) {
                sink.report(Diagnostic.error(
                        "ioc-builtin-missing",
                        "built-in bundle " + BUILTIN_RESOURCE + " is not on the class path",
                        SourceLocation.file(BUILTIN_NAME)));
                return IocSet.empty();
            }
            return StixLoader.load(BUILTIN_NAME, in.readAllBytes(), options, sink);
        } catch (IOException e) {
            sink.report(Diagnostic.error(
                    "ioc-unreadable", String.valueOf(e.getMessage()), SourceLocation.file(BUILTIN_NAME)));
            return IocSet.empty();
        }
    }

    /** The format of {@code content}, from its first JSON keys or its first character. */
    public static FeedFormat detect(byte[] content) {
        int i = 0;
        if (content.length >= 3
                && (content[0] & 0xff) == 0xef
                && (content[1] & 0xff) == 0xbb
                && (content[2] & 0xff) == 0xbf) {
            i = 3;
        }
        while (i < content.length
                && (content[i] == ' ' || content[i] == '\t' || content[i] == '\r' || content[i] == '\n')) {
            i++;
        }
        if (i == content.length || content[i] != '{' && content[i] != '[') {
            return FeedFormat.CSV;
        }
        try (JsonParser p = JsonTrees.parser(content)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                t = p.nextToken();
                if (t != JsonToken.START_OBJECT) {
                    return FeedFormat.UNKNOWN;
                }
            }
            return keys(p);
        } catch (IOException e) {
            return FeedFormat.UNKNOWN;
        }
    }

    /** Looks at the keys of the object the parser is in until one tells the format. */
    private static FeedFormat keys(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "Event", "response", "Attribute":
                    return FeedFormat.MISP;
                case "objects", "spec_version", "pattern":
                    return FeedFormat.STIX;
                case "type":
                    if (v == JsonToken.VALUE_STRING) {
                        String type = p.getText();
                        if (type.equals("bundle") || type.equals("indicator") || type.equals("identity")) {
                            return FeedFormat.STIX;
                        }
                    }
                    p.skipChildren();
                    break;
                default:
                    p.skipChildren();
            }
        }
        return FeedFormat.UNKNOWN;
    }

    /** Reports why JSON content was not recognised: its first syntax error, or its shape. */
    private static void unknown(String feed, byte[] content, DiagnosticSink sink) {
        try (JsonParser p = JsonTrees.parser(content)) {
            while (p.nextToken() != null) {
                // read to the end to find the first syntax error
            }
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            sink.report(Diagnostic.error(
                    "ioc-json-syntax",
                    e.getOriginalMessage() + "; format not recognised",
                    SourceLocation.of(feed, JsonTrees.line(l), JsonTrees.column(l))));
            return;
        } catch (IOException e) {
            sink.report(Diagnostic.error("ioc-unreadable", String.valueOf(e.getMessage()), SourceLocation.file(feed)));
            return;
        }
        sink.report(Diagnostic.error(
                "ioc-unknown-format",
                "JSON that is neither a STIX bundle nor MISP event JSON; nothing loaded",
                SourceLocation.of(feed, 1, 1)));
    }
}
