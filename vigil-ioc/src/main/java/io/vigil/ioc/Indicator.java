package io.vigil.ioc;

import io.vigil.core.detect.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One indicator from a feed: a STIX {@code indicator}, a MISP attribute or a CSV row.
 *
 * <p>It matches an event when any of its {@code clauses} matches, and a clause matches when every
 * comparison in it is found somewhere in the event (STIX: OR of observations and of comparisons, AND
 * of comparisons within an observation, normalised to OR-of-ANDs). Most indicators have one clause of
 * one comparison.
 *
 * <p>{@code id} is the STIX indicator id, the MISP attribute uuid, or a name-based UUID for CSV rows;
 * {@code feed} the feed's name or file; {@code author} the feed's creator (STIX identity, MISP
 * organisation) or the feed name when unknown; {@code confidence} 0 to 100, or -1 when not stated.
 * {@code validFrom}/{@code validUntil} may be null (unbounded); an event is matched when its time is
 * in [validFrom, validUntil).
 */
public record Indicator(
        String id,
        String feed,
        String author,
        String description,
        List<String> tags,
        Level level,
        int confidence,
        Instant validFrom,
        Instant validUntil,
        List<List<Comparison>> clauses) {
    /** Comparisons allowed in one AND clause (a bit mask tracks them while matching). */
    public static final int MAX_CLAUSE_SIZE = 64;

    public Indicator {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(level, "level");
        tags = List.copyOf(tags);
        // a plain loop, not a stream: the built-in feed builds ~2,000 of these while the JVM is cold
        List<List<Comparison>> copies = new ArrayList<>(clauses.size());
        for (List<Comparison> clause : clauses) {
            copies.add(List.copyOf(clause));
        }
        clauses = List.copyOf(copies);
        if (clauses.isEmpty()) {
            throw new IllegalArgumentException("indicator " + id + " has no comparison");
        }
        for (List<Comparison> clause : clauses) {
            if (clause.isEmpty() || clause.size() > MAX_CLAUSE_SIZE) {
                throw new IllegalArgumentException("indicator " + id + " has a clause of " + clause.size()
                        + " comparisons (1 to " + MAX_CLAUSE_SIZE + " allowed)");
            }
        }
    }

    /** An indicator of one comparison, the common case. */
    public static Indicator single(
            String id,
            String feed,
            String author,
            String description,
            List<String> tags,
            Level level,
            int confidence,
            Comparison comparison) {
        return new Indicator(
                id, feed, author, description, tags, level, confidence, null, null, List.of(List.of(comparison)));
    }

    /** True when an event at {@code time} is inside the validity window; a null time always is. */
    public boolean validAt(Instant time) {
        if (time == null) {
            return true;
        }
        return (validFrom == null || !time.isBefore(validFrom)) && (validUntil == null || time.isBefore(validUntil));
    }
}
