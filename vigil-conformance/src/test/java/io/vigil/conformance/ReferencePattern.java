package io.vigil.conformance;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One Sigma string value of the reference evaluator, as a list of tokens (a {@link Character} for a
 * literal character, {@link #STAR} or {@link #ONE} for a wildcard), plus whether its characters stand
 * for bytes (after a UTF-16 modifier). Each string modifier is done here in the most literal way:
 * position modifiers add wildcard tokens, windash lists every variant, the encodings encode.
 */
record ReferencePattern(List<Object> tokens, boolean bytes) {
    static final Object STAR = new Object() {
        @Override
        public String toString() {
            return "*";
        }
    };
    static final Object ONE = new Object() {
        @Override
        public String toString() {
            return "?";
        }
    };

    static final String DASHES = "-/\u2013\u2014\u2015";
    private static final Pattern WINDASH_POSITION = Pattern.compile("\\B[-/]\\b");
    private static final int MAX_WINDASH_POSITIONS = 6;

    ReferencePattern {
        tokens = List.copyOf(tokens);
    }

    /** A rule string: {@code *} and {@code ?} are wildcards; {@code \*}, {@code \?}, {@code \\} escapes. */
    static ReferencePattern sigma(String text) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = c == '\\' && i + 1 < text.length() && "*?\\".indexOf(text.charAt(i + 1)) >= 0;
            if (escape) {
                out.add(text.charAt(++i));
            } else if (c == '*') {
                out.add(STAR);
            } else if (c == '?') {
                out.add(ONE);
            } else {
                out.add(c);
            }
        }
        return new ReferencePattern(out, false);
    }

    /** Text without wildcards (numbers, booleans, field values used by fieldref). */
    static ReferencePattern literal(String text) {
        List<Object> out = new ArrayList<>();
        for (char c : text.toCharArray()) {
            out.add(c);
        }
        return new ReferencePattern(out, false);
    }

    ReferencePattern withStars(boolean before, boolean after) {
        List<Object> out = new ArrayList<>();
        if (before) {
            out.add(STAR);
        }
        out.addAll(tokens);
        if (after) {
            out.add(STAR);
        }
        return new ReferencePattern(out, bytes);
    }

    /** Applies one string-rewriting modifier; the result is a list of alternatives. */
    List<ReferencePattern> apply(String modifier) {
        return switch (modifier) {
            case "contains" -> List.of(withStars(true, true));
            case "startswith" -> List.of(withStars(false, true));
            case "endswith" -> List.of(withStars(true, false));
            case "windash" -> windash();
            case "base64" -> List.of(literal(Base64.getEncoder().encodeToString(plainBytes())));
            case "base64offset" -> base64offset();
            case "utf16le", "wide" -> List.of(utf16(false, false));
            case "utf16be" -> List.of(utf16(true, false));
            case "utf16" -> List.of(utf16(false, true));
            default -> throw new UnsupportedOperationException("modifier " + modifier);
        };
    }

    /** Every variant with each dash position replaced by each of the five dashes. */
    private List<ReferencePattern> windash() {
        StringBuilder probe = new StringBuilder();
        for (Object t : tokens) {
            probe.append(t instanceof Character c ? c.charValue() : '*');
        }
        List<Integer> positions = new ArrayList<>();
        Matcher m = WINDASH_POSITION.matcher(probe.toString());
        while (m.find()) {
            positions.add(m.start());
        }
        if (positions.size() > MAX_WINDASH_POSITIONS) {
            throw new UnsupportedOperationException("too many windash positions in " + this);
        }
        List<ReferencePattern> out = new ArrayList<>();
        int variants = (int) Math.pow(DASHES.length(), positions.size());
        for (int v = 0; v < variants; v++) {
            List<Object> copy = new ArrayList<>(tokens);
            int code = v;
            for (int p : positions) {
                copy.set(p, DASHES.charAt(code % DASHES.length()));
                code /= DASHES.length();
            }
            out.add(new ReferencePattern(copy, bytes));
        }
        return out;
    }

    private byte[] plainBytes() {
        StringBuilder sb = new StringBuilder();
        for (Object t : tokens) {
            if (!(t instanceof Character c)) {
                throw new UnsupportedOperationException("cannot base64-encode a wildcard");
            }
            sb.append(c);
        }
        return sb.toString().getBytes(bytes ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /**
     * The standard algorithm (as in pySigma): for each of the three alignments, encode the value after
     * 0, 1 or 2 filler bytes and keep only the characters that do not depend on the neighbouring bytes.
     */
    private List<ReferencePattern> base64offset() {
        byte[] value = plainBytes();
        int[] startCut = {0, 2, 3};
        int[] endCut = {0, 3, 2};
        List<ReferencePattern> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[value.length + i];
            java.util.Arrays.fill(shifted, (byte) ' ');
            System.arraycopy(value, 0, shifted, i, value.length);
            String enc = Base64.getEncoder().encodeToString(shifted);
            int end = enc.length() - endCut[(value.length + i) % 3];
            // An empty middle would match everything: such alignments are left out.
            if (startCut[i] < end) {
                out.add(literal(enc.substring(startCut[i], end)));
            }
        }
        return out;
    }

    private ReferencePattern utf16(boolean bigEndian, boolean bom) {
        if (bytes) {
            throw new UnsupportedOperationException("UTF-16 twice");
        }
        List<Object> out = new ArrayList<>();
        if (bom) {
            out.add((char) 0xff);
            out.add((char) 0xfe);
        }
        for (Object t : tokens) {
            if (t instanceof Character c) {
                char lo = (char) (c & 0xff);
                char hi = (char) (c >>> 8);
                out.add(bigEndian ? hi : lo);
                out.add(bigEndian ? lo : hi);
            } else {
                out.add(t);
            }
        }
        return new ReferencePattern(out, true);
    }

    /** The RE2/J regex that matches exactly the strings this pattern stands for (use with matches()). */
    String regex(boolean cased) {
        StringBuilder re = new StringBuilder(cased ? "(?s)" : "(?si)");
        StringBuilder run = new StringBuilder();
        for (Object t : tokens) {
            if (t instanceof Character c) {
                run.append(c);
                continue;
            }
            if (run.length() > 0) {
                re.append(Pattern.quote(run.toString()));
                run.setLength(0);
            }
            re.append(t == STAR ? ".*" : ".");
        }
        if (run.length() > 0) {
            re.append(Pattern.quote(run.toString()));
        }
        return re.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Object t : tokens) {
            sb.append(t);
        }
        return sb.toString();
    }
}
