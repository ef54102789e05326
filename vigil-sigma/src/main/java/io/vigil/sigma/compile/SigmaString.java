package io.vigil.sigma.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma string value after wildcard parsing: literal text, {@code *}, {@code ?} and character sets
 * (produced by {@code windash}). Transformations (position modifiers, encodings) produce new instances.
 *
 * <p>Escaping follows the specification: {@code \*} and {@code \?} are literal wildcard characters,
 * {@code \\} is one backslash, and a backslash before any other character is literal.
 */
final class SigmaString {
    sealed interface Part permits Lit, Star, One, CharSet {}

    record Lit(String text) implements Part {}

    record Star() implements Part {}

    record One() implements Part {}

    record CharSet(String chars) implements Part {}

    static final Star STAR = new Star();
    static final One ONE = new One();

    private final List<Part> parts;
    /** True when the characters stand for bytes (0-255) produced by a UTF-16 encoding modifier. */
    private final boolean bytes;

    SigmaString(List<Part> parts, boolean bytes) {
        this.parts = merge(parts);
        this.bytes = bytes;
    }

    static SigmaString parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            // Plain runs are copied whole: most of a value is neither a wildcard nor a backslash.
            int special = i;
            while (special < n) {
                char c = text.charAt(special);
                if (c == '\\' || c == '*' || c == '?') {
                    break;
                }
                special++;
            }
            if (special == n && lit.length() == 0) {
                parts.add(new Lit(i == 0 ? text : text.substring(i)));
                return new SigmaString(parts, false);
            }
            if (special > i) {
                lit.append(text.substring(i, special)); // one array copy, where append(text, i, j) goes by char
            }
            if (special == n) {
                break;
            }
            char c = text.charAt(special);
            i = special + 1;
            if (c == '\\') {
                if (i < n && (text.charAt(i) == '*' || text.charAt(i) == '?' || text.charAt(i) == '\\')) {
                    lit.append(text.charAt(i));
                    i++;
                } else {
                    lit.append(c);
                }
            } else {
                if (lit.length() > 0) {
                    parts.add(new Lit(lit.toString()));
                    lit.setLength(0);
                }
                parts.add(c == '*' ? STAR : ONE);
            }
        }
        if (lit.length() > 0) {
            parts.add(new Lit(lit.toString()));
        }
        return new SigmaString(parts, false);
    }

    static SigmaString literal(String text) {
        return new SigmaString(List.of(new Lit(text)), false);
    }

    private static List<Part> merge(List<Part> in) {
        List<Part> out = new ArrayList<>();
        for (Part p : in) {
            if (p instanceof Lit l && l.text().isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                Part last = out.get(out.size() - 1);
                if (p instanceof Lit l && last instanceof Lit prev) {
                    out.set(out.size() - 1, new Lit(prev.text() + l.text()));
                    continue;
                }
                if (p instanceof Star && last instanceof Star) {
                    continue;
                }
            }
            out.add(p);
        }
        return List.copyOf(out);
    }

    List<Part> parts() {
        return parts;
    }

    boolean isBytes() {
        return bytes;
    }

    boolean isPlain() {
        for (Part p : parts) {
            if (!(p instanceof Lit)) {
                return false;
            }
        }
        return true;
    }

    boolean hasSets() {
        for (Part p : parts) {
            if (p instanceof CharSet) {
                return true;
            }
        }
        return false;
    }

    /** The text of a plain string (no wildcards, no sets). */
    String plainText() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            sb.append(((Lit) p).text());
        }
        return sb.toString();
    }

    SigmaString withLeadingStar() {
        if (!parts.isEmpty() && parts.get(0) instanceof Star) {
            return this;
        }
        List<Part> p = new ArrayList<>();
        p.add(STAR);
        p.addAll(parts);
        return new SigmaString(p, bytes);
    }

    SigmaString withTrailingStar() {
        if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof Star) {
            return this;
        }
        List<Part> p = new ArrayList<>(parts);
        p.add(STAR);
        return new SigmaString(p, bytes);
    }

    SigmaString withParts(List<Part> newParts, boolean newBytes) {
        return new SigmaString(newParts, newBytes);
    }

    /** Every string obtained by choosing one character of each set; {@code limit} bounds the count. */
    List<SigmaString> expandSets(int limit) throws CompileException {
        List<List<Part>> acc = new ArrayList<>();
        acc.add(new ArrayList<>());
        for (Part p : parts) {
            if (p instanceof CharSet cs) {
                List<List<Part>> next = new ArrayList<>();
                for (List<Part> prefix : acc) {
                    for (int i = 0; i < cs.chars().length(); i++) {
                        List<Part> copy = new ArrayList<>(prefix);
                        copy.add(new Lit(String.valueOf(cs.chars().charAt(i))));
                        next.add(copy);
                    }
                }
                if (next.size() > limit) {
                    throw new CompileException("value-explosion", "value expands to more than " + limit + " variants");
                }
                acc = next;
            } else {
                for (List<Part> prefix : acc) {
                    prefix.add(p);
                }
            }
        }
        List<SigmaString> out = new ArrayList<>();
        for (List<Part> p : acc) {
            out.add(new SigmaString(p, bytes));
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Lit l) {
                sb.append(l.text().replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?"));
            } else if (p instanceof Star) {
                sb.append('*');
            } else if (p instanceof One) {
                sb.append('?');
            } else if (p instanceof CharSet cs) {
                sb.append('[').append(cs.chars()).append(']');
            }
        }
        return sb.toString();
    }
}
