package io.vigil.sigma.compile;

import io.vigil.sigma.compile.SigmaString.CharSet;
import io.vigil.sigma.compile.SigmaString.Lit;
import io.vigil.sigma.compile.SigmaString.Part;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The string-rewriting value modifiers: position wildcards, {@code windash} and the encodings. Each
 * maps one value to one or more alternative values (OR-ed by the caller).
 */
final class ValueTransforms {
    /** The five dash characters of the specification: hyphen, slash, en dash, em dash, horizontal bar. */
    static final String WINDASH = "-/\u2013\u2014\u2015";

    /** Bound on alternatives produced by expanding character sets before encoding. */
    private static final int MAX_VARIANTS = 4096;

    private ValueTransforms() {}

    static List<SigmaString> apply(String name, SigmaString v) throws CompileException {
        return switch (name) {
            case "contains" -> List.of(v.withLeadingStar().withTrailingStar());
            case "startswith" -> List.of(v.withTrailingStar());
            case "endswith" -> List.of(v.withLeadingStar());
            case "windash" -> List.of(windash(v));
            case "base64" -> base64(v, false);
            case "base64offset" -> base64(v, true);
            case "utf16le", "wide" -> utf16(v, false, false);
            case "utf16be" -> utf16(v, true, false);
            case "utf16" -> utf16(v, false, true);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * Replaces a {@code -} or {@code /} that starts a word (not preceded by a word character, followed by
     * one) with the set of dash characters, as command-line switches are written.
     */
    static SigmaString windash(SigmaString v) {
        List<Part> out = new ArrayList<>();
        List<Part> parts = v.parts();
        for (int pi = 0; pi < parts.size(); pi++) {
            Part p = parts.get(pi);
            if (!(p instanceof Lit lit)) {
                out.add(p);
                continue;
            }
            String t = lit.text();
            StringBuilder run = new StringBuilder();
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                boolean prevWord = i > 0 ? isWord(t.charAt(i - 1)) : false;
                boolean nextWord = i + 1 < t.length() && isWord(t.charAt(i + 1));
                if ((c == '-' || c == '/') && !prevWord && nextWord) {
                    if (run.length() > 0) {
                        out.add(new Lit(run.toString()));
                        run.setLength(0);
                    }
                    out.add(new CharSet(WINDASH));
                } else {
                    run.append(c);
                }
            }
            if (run.length() > 0) {
                out.add(new Lit(run.toString()));
            }
        }
        return v.withParts(out, v.isBytes());
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static List<SigmaString> base64(SigmaString v, boolean offsets) throws CompileException {
        List<SigmaString> variants = v.hasSets() ? v.expandSets(MAX_VARIANTS) : List.of(v);
        List<SigmaString> out = new ArrayList<>();
        for (SigmaString s : variants) {
            if (!s.isPlain()) {
                throw new CompileException(
                        "invalid-modifier-chain",
                        "base64 cannot encode wildcards: put contains/startswith/endswith after the encoding");
            }
            byte[] bytes = s.isBytes()
                    ? s.plainText().getBytes(StandardCharsets.ISO_8859_1)
                    : s.plainText().getBytes(StandardCharsets.UTF_8);
            if (!offsets) {
                out.add(SigmaString.literal(Base64.getEncoder().encodeToString(bytes)));
                continue;
            }
            for (int shift = 0; shift < 3; shift++) {
                String encoded = shifted(bytes, shift);
                if (!encoded.isEmpty()) {
                    out.add(SigmaString.literal(encoded));
                }
            }
        }
        return out;
    }

    /**
     * The part of the base64 text of {@code bytes} that is the same wherever the bytes sit in a longer
     * stream, when they start {@code shift} bytes after a 3-byte boundary: the characters that also
     * depend on neighbouring bytes are cut off at both ends.
     */
    static String shifted(byte[] bytes, int shift) {
        byte[] padded = new byte[bytes.length + shift];
        System.arraycopy(bytes, 0, padded, shift, bytes.length);
        String enc = Base64.getEncoder().encodeToString(padded);
        int start = new int[] {0, 2, 3}[shift];
        int end = enc.length() - new int[] {0, 3, 2}[padded.length % 3];
        return start >= end ? "" : enc.substring(start, end);
    }

    /** UTF-16 encodes each variant of the value (a dash set from windash gives one variant per dash). */
    private static List<SigmaString> utf16(SigmaString v, boolean bigEndian, boolean bom) throws CompileException {
        if (v.isBytes()) {
            throw new CompileException("invalid-modifier-chain", "a value cannot be UTF-16 encoded twice");
        }
        List<SigmaString> out = new ArrayList<>();
        for (SigmaString s : v.hasSets() ? v.expandSets(MAX_VARIANTS) : List.of(v)) {
            out.add(utf16One(s, bigEndian, bom));
        }
        return out;
    }

    private static SigmaString utf16One(SigmaString v, boolean bigEndian, boolean bom) {
        List<Part> out = new ArrayList<>();
        if (bom) {
            out.add(new Lit("\u00ff\u00fe"));
        }
        for (Part p : v.parts()) {
            if (p instanceof Lit lit) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < lit.text().length(); i++) {
                    char c = lit.text().charAt(i);
                    char lo = (char) (c & 0xff);
                    char hi = (char) ((c >> 8) & 0xff);
                    sb.append(bigEndian ? hi : lo).append(bigEndian ? lo : hi);
                }
                out.add(new Lit(sb.toString()));
            } else {
                out.add(p);
            }
        }
        return v.withParts(out, true);
    }
}
