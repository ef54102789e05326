package io.vigil.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A modifier chain as the reference evaluator reads it: flags for the comparison kind and, in the
 * order written, the string-rewriting modifiers. No validation: the reference only runs rules that
 * the engine accepted.
 */
final class ReferenceModifiers {
    private static final Set<String> POSITIONS = Set.of("contains", "startswith", "endswith");

    boolean all;
    boolean cased;
    boolean neq;
    boolean exists;
    boolean fieldref;
    boolean re;
    boolean cidr;
    boolean expand;
    String regexFlags = "";
    String compare;
    String timePart;
    final List<String> transforms = new ArrayList<>();

    static ReferenceModifiers of(List<String> names) {
        ReferenceModifiers m = new ReferenceModifiers();
        for (String raw : names) {
            String n = raw.toLowerCase(Locale.ROOT);
            switch (n) {
                case "all" -> m.all = true;
                case "cased" -> m.cased = true;
                case "neq" -> m.neq = true;
                case "exists" -> m.exists = true;
                case "fieldref" -> m.fieldref = true;
                case "re" -> m.re = true;
                case "i", "m", "s" -> m.regexFlags += n;
                case "cidr" -> m.cidr = true;
                case "expand" -> m.expand = true;
                case "lt", "lte", "gt", "gte" -> m.compare = n;
                case "minute", "hour", "day", "week", "month", "year" -> m.timePart = n;
                default -> m.transforms.add(n);
            }
        }
        return m;
    }

    boolean hasPosition() {
        return transforms.stream().anyMatch(POSITIONS::contains);
    }

    boolean has(String transform) {
        return transforms.contains(transform);
    }
}
