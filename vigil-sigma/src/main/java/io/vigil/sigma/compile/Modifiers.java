package io.vigil.sigma.compile;

import io.vigil.sigma.match.NumberPredicate;
import io.vigil.sigma.match.TimePartPredicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A validated modifier chain ({@code field|mod1|mod2}): which value transformations run, in order, and
 * which final comparison applies. Invalid chains are rejected here, at compile time, with the reason.
 */
final class Modifiers {
    /** Modifiers that rewrite string values, applied in the order written. */
    static final Set<String> TRANSFORMS = Set.of(
            "contains",
            "startswith",
            "endswith",
            "windash",
            "base64",
            "base64offset",
            "utf16le",
            "utf16be",
            "utf16",
            "wide");

    private static final Set<String> POSITIONS = Set.of("contains", "startswith", "endswith");

    boolean all;
    boolean cased;
    boolean neq;
    boolean exists;
    boolean expand;
    boolean fieldref;
    boolean re;
    boolean cidr;
    int reFlags;
    NumberPredicate.Op compare;
    TimePartPredicate.Part timePart;
    final List<String> transforms = new ArrayList<>();

    static Modifiers parse(List<String> names) throws CompileException {
        Modifiers m = new Modifiers();
        for (String raw : names) {
            String name = raw.toLowerCase(Locale.ROOT);
            switch (name) {
                case "all" -> m.all = true;
                case "cased" -> m.cased = true;
                case "neq" -> m.neq = true;
                case "exists" -> m.exists = true;
                case "expand" -> m.expand = true;
                case "fieldref" -> m.fieldref = true;
                case "re" -> m.re = true;
                case "i", "m", "s" -> {
                    if (!m.re) {
                        throw new CompileException(
                                "invalid-modifier-chain", "regex flag '" + name + "' must follow 're'");
                    }
                    m.reFlags |= switch (name) {
                        case "i" -> com.google.re2j.Pattern.CASE_INSENSITIVE;
                        case "m" -> com.google.re2j.Pattern.MULTILINE;
                        default -> com.google.re2j.Pattern.DOTALL;
                    };
                }
                case "cidr" -> m.cidr = true;
                case "lt", "lte", "gt", "gte" -> {
                    if (m.compare != null) {
                        throw new CompileException("invalid-modifier-chain", "only one of lt/lte/gt/gte is allowed");
                    }
                    m.compare = NumberPredicate.Op.valueOf(name.toUpperCase(Locale.ROOT));
                }
                case "minute", "hour", "day", "week", "month", "year" -> {
                    if (m.timePart != null) {
                        throw new CompileException("invalid-modifier-chain", "only one time-part modifier is allowed");
                    }
                    m.timePart = TimePartPredicate.Part.valueOf(name.toUpperCase(Locale.ROOT));
                }
                default -> {
                    if (!TRANSFORMS.contains(name)) {
                        throw new CompileException("unknown-modifier", "unknown modifier '" + raw + "'");
                    }
                    m.transforms.add(name);
                }
            }
        }
        m.validate();
        return m;
    }

    private void validate() throws CompileException {
        int kinds = (exists ? 1 : 0)
                + (re ? 1 : 0)
                + (cidr ? 1 : 0)
                + (fieldref ? 1 : 0)
                + (compare != null && timePart == null ? 1 : 0)
                + (timePart != null ? 1 : 0);
        if (kinds > 1) {
            throw new CompileException(
                    "invalid-modifier-chain", "exists, re, cidr, fieldref, lt/gt and time parts cannot be combined");
        }
        boolean special = exists || re || cidr || compare != null || timePart != null;
        if (special && !transforms.isEmpty()) {
            throw new CompileException(
                    "invalid-modifier-chain",
                    "'" + transforms.get(0) + "' cannot be combined with exists, re, cidr, lt/gt or time parts");
        }
        if (fieldref && !POSITIONS.containsAll(transforms)) {
            throw new CompileException(
                    "invalid-modifier-chain", "fieldref combines only with contains, startswith and endswith");
        }
        if (transforms.contains("base64") && transforms.contains("base64offset")) {
            throw new CompileException("invalid-modifier-chain", "base64 and base64offset exclude each other");
        }
        if (expand && special) {
            throw new CompileException("invalid-modifier-chain", "expand applies to string values only");
        }
        if (exists && (all || neq)) {
            throw new CompileException("invalid-modifier-chain", "exists takes a single true/false value");
        }
    }

    boolean hasPosition() {
        for (String t : transforms) {
            if (POSITIONS.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
