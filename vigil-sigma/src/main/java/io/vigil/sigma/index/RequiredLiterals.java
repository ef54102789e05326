package io.vigil.sigma.index;

import io.vigil.sigma.match.AllOf;
import io.vigil.sigma.match.AnyOf;
import io.vigil.sigma.match.AnyPredicate;
import io.vigil.sigma.match.AtLeast;
import io.vigil.sigma.match.CidrPredicate;
import io.vigil.sigma.match.ExistsMatcher;
import io.vigil.sigma.match.FieldMatcher;
import io.vigil.sigma.match.FieldRefMatcher;
import io.vigil.sigma.match.GlobPredicate;
import io.vigil.sigma.match.KeywordMatcher;
import io.vigil.sigma.match.Matcher;
import io.vigil.sigma.match.NotMatcher;
import io.vigil.sigma.match.NullPredicate;
import io.vigil.sigma.match.NumberPredicate;
import io.vigil.sigma.match.RegexPredicate;
import io.vigil.sigma.match.StringPredicate;
import io.vigil.sigma.match.TimePartPredicate;
import io.vigil.sigma.match.ValuePredicate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A necessary condition of a matcher tree, for the literal prefilter of the rule index: the tree can
 * match an event only if at least one of {@link #needles} occurs in the lower-cased value of its field
 * (or, for keywords, of any field).
 * When no such condition can be proved (negations, regexes without a required literal, numbers, ...),
 * {@link #needles}
 * is null and {@link #reason} says why; the branch is then evaluated on every event of its bucket.
 *
 * <p>Why searching lower-cased values is sound: a case-insensitive literal is compared by the matcher
 * with the value lower-cased exactly as {@link io.vigil.core.event.Event#folded} does, so it is searched
 * as it is. A cased literal {@code L} occurring in a value {@code V} means {@code lower(V)} contains
 * {@code lower(L)}, because {@link String#toLowerCase} maps each character independently, except the
 * Greek capital sigma (final form depends on context) and surrogate halves: cased literals with those
 * are not used as needles.
 */
public record RequiredLiterals(List<Needle> needles, String reason, List<List<Needle>> also) {
    /**
     * One literal that a value of {@code field} must hold, in lower-cased form, where {@code place}
     * says; a null field means any value of any field (a keyword search, always {@link
     * Place#ANYWHERE}).
     */
    public record Needle(String field, String text, Place place) {
        /** A literal the value must contain anywhere. */
        public Needle(String field, String text) {
            this(field, text, Place.ANYWHERE);
        }
    }

    /** Where in the lower-cased value a needle must occur. */
    public enum Place {
        ANYWHERE,
        START,
        END,
        WHOLE
    }

    /** Why a subtree gives no literal condition; also the lint report's categories. */
    public static final String REGEX = "regex";

    public static final String NEGATION = "negation";
    public static final String KEYWORD = "keyword";
    public static final String NUMERIC = "numeric";
    public static final String CIDR = "cidr";
    public static final String EXISTS = "exists";
    public static final String NULL = "null";
    public static final String FIELDREF = "fieldref";
    public static final String EMPTY = "empty-or-wildcard-only";
    public static final String UNFOLDABLE = "unfoldable-cased-literal";
    public static final String OTHER = "other";

    /**
     * How many further conditions of an AND are kept besides the most selective: each is another set of
     * needles of which one must occur, checked only for branches whose first condition held.
     */
    static final int MAX_ALSO = 2;

    public RequiredLiterals {
        needles = needles == null ? null : List.copyOf(needles);
        // most conditions have no further ones: no stream for them (loading makes tens of thousands)
        also = also == null || also.isEmpty()
                ? List.of()
                : also.stream().map(List::copyOf).toList();
    }

    /** A condition of one set of needles. */
    public RequiredLiterals(List<Needle> needles, String reason) {
        this(needles, reason, List.of());
    }

    /** Whether a condition was found. */
    public boolean filterable() {
        return needles != null;
    }

    private static RequiredLiterals none(String reason) {
        return new RequiredLiterals(null, reason);
    }

    /** The condition of a matcher tree (never null). */
    public static RequiredLiterals of(Matcher m) {
        if (m instanceof FieldMatcher f) {
            return ofPredicate(f.field(), f.predicate());
        }
        if (m instanceof AllOf all) {
            return allOf(all.operands());
        }
        if (m instanceof AnyOf any) {
            return atLeast(1, any.operands());
        }
        if (m instanceof AtLeast a) {
            return a.count() >= a.operands().size() ? allOf(a.operands()) : atLeast(a.count(), a.operands());
        }
        if (m instanceof NotMatcher) {
            return none(NEGATION);
        }
        if (m instanceof KeywordMatcher k) {
            RequiredLiterals r = ofPredicate(null, k.predicate());
            return r.filterable() ? r : none(KEYWORD);
        }
        if (m instanceof ExistsMatcher) {
            return none(EXISTS);
        }
        if (m instanceof FieldRefMatcher) {
            return none(FIELDREF);
        }
        return none(OTHER);
    }

    /** AND: every operand's condition is necessary (see {@link #conjunction}). */
    private static RequiredLiterals allOf(List<Matcher> operands) {
        List<List<Needle>> clauses = new ArrayList<>();
        String reason = null;
        for (Matcher op : operands) {
            RequiredLiterals r = of(op);
            if (!r.filterable()) {
                reason = reason == null ? r.reason : reason;
            } else {
                clauses.add(r.needles);
                clauses.addAll(r.also);
            }
        }
        // An empty AND matches every event.
        return clauses.isEmpty() ? none(reason == null ? EMPTY : reason) : conjunction(clauses);
    }

    /**
     * The condition of necessary clauses, all of which must hold: the most selective is the branch's
     * condition; the next most selective are kept as {@link #also} when checking them costs little:
     * all their needles anchored (a walk of a few characters), or all long and in fields the first
     * condition searches anyway (more patterns in a scan that is made regardless).
     */
    private static RequiredLiterals conjunction(List<List<Needle>> clauses) {
        // stable: equal costs keep the operands' order
        clauses.sort(java.util.Comparator.comparingDouble(RequiredLiterals::cost));
        List<Needle> first = clauses.get(0);
        Set<String> searched = new java.util.HashSet<>();
        for (Needle n : first) {
            searched.add(n.field());
        }
        List<List<Needle>> also = new ArrayList<>();
        for (List<Needle> c : clauses.subList(1, clauses.size())) {
            boolean cheap = c.stream().allMatch(n -> n.field() != null && n.place() != Place.ANYWHERE)
                    || c.stream()
                            .allMatch(n -> n.field() != null
                                    && searched.contains(n.field())
                                    // shorter patterns would cost the field's search its skips
                                    && n.text().length() >= WindowScan.MIN_LENGTH);
            if (also.size() < MAX_ALSO && cheap && !also.contains(c) && !c.equals(first)) {
                also.add(c);
            }
        }
        return new RequiredLiterals(first, null, also);
    }

    /**
     * At least {@code count} operands match. When more than the unfilterable operands are needed, one
     * filterable operand must match: the union of their conditions is necessary.
     */
    private static RequiredLiterals atLeast(int count, List<Matcher> operands) {
        Set<Needle> union = new LinkedHashSet<>();
        int unfilterable = 0;
        String reason = null;
        for (Matcher op : operands) {
            RequiredLiterals r = of(op);
            if (r.filterable()) {
                union.addAll(r.needles);
            } else {
                unfilterable++;
                reason = reason == null ? r.reason : reason;
            }
        }
        if (count <= 0) {
            return none(EMPTY);
        }
        if (count > unfilterable) {
            return new RequiredLiterals(new ArrayList<>(union), null);
        }
        return none(reason);
    }

    private static RequiredLiterals ofPredicate(String field, ValuePredicate p) {
        if (p instanceof StringPredicate s) {
            Place place = field == null
                    ? Place.ANYWHERE
                    : switch (s.mode()) {
                        case EQUALS -> Place.WHOLE;
                        case PREFIX -> Place.START;
                        case SUFFIX -> Place.END;
                        case CONTAINS -> Place.ANYWHERE;
                    };
            return literal(field, s.needle(), s.cased(), place);
        }
        if (p instanceof GlobPredicate g) {
            // every literal run of a glob occurs in a match
            List<List<Needle>> clauses = new ArrayList<>();
            for (String run : g.literalRuns()) {
                RequiredLiterals r = literal(field, run, g.cased(), Place.ANYWHERE);
                if (r.filterable()) {
                    clauses.add(r.needles);
                }
            }
            return !clauses.isEmpty()
                    ? conjunction(clauses)
                    : none(g.literalRuns().isEmpty() ? EMPTY : UNFOLDABLE);
        }
        if (p instanceof AnyPredicate any) {
            Set<Needle> union = new LinkedHashSet<>();
            for (ValuePredicate op : any.operands()) {
                RequiredLiterals r = ofPredicate(field, op);
                if (!r.filterable()) {
                    return r;
                }
                union.addAll(r.needles);
            }
            return union.isEmpty() ? none(EMPTY) : new RequiredLiterals(new ArrayList<>(union), null);
        }
        if (p instanceof RegexPredicate re) {
            // every required run occurs in a match
            List<List<Needle>> clauses = new ArrayList<>();
            for (String run : RegexLiterals.of(re.pattern())) {
                // Runs are ASCII and already lower-cased: no sigma or surrogate concerns.
                clauses.add(List.of(new Needle(field, run)));
            }
            return !clauses.isEmpty() ? conjunction(clauses) : none(REGEX);
        }
        if (p instanceof NumberPredicate || p instanceof TimePartPredicate) {
            return none(NUMERIC);
        }
        if (p instanceof CidrPredicate) {
            return none(CIDR);
        }
        if (p instanceof NullPredicate) {
            return none(NULL);
        }
        return none(OTHER);
    }

    /**
     * {@code text} is the literal as the matcher compares it: already lower-cased unless cased. A cased
     * literal keeps its place: lower-casing maps each character on its own (the exceptions are left
     * out below), so {@code lower(V)} begins with, ends with or equals {@code lower(L)} when {@code V}
     * does with {@code L}.
     */
    private static RequiredLiterals literal(String field, String text, boolean cased, Place place) {
        if (text.isEmpty()) {
            // Contained in every value, and '' also matches an empty (null) value.
            return none(EMPTY);
        }
        if (cased) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\u03a3' || Character.isSurrogate(c)) {
                    return none(UNFOLDABLE);
                }
            }
            text = text.toLowerCase(Locale.ROOT);
        }
        return new RequiredLiterals(List.of(new Needle(field, text, place)), null);
    }

    /**
     * Estimated cost of the condition: how often it lets an event through. Short literals occur in
     * many values, so each needle weighs more the shorter it is, up to 16 characters: with a bound of
     * 8, {@code EventType: SetValue} weighed as much as a 46-character path in {@code Details} and, first
     * among equals, let every registry write through to the rule (50,000 tests per million events,
     * none matching).
     */
    double cost() {
        return cost(needles);
    }

    private static double cost(List<Needle> needles) {
        double c = 0;
        for (Needle n : needles) {
            c += 1.0 / (1 << Math.min(n.text().length(), 16));
        }
        return c;
    }
}
