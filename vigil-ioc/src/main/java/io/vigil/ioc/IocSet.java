package io.vigil.ioc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable, indexed collection of indicators: what loaders produce and {@link IocMatcher} reads.
 *
 * <p>Each comparison of each indicator becomes an "atom" filed in the index for its type: hash and
 * other exact keys in hash tables, DNS names in a label trie, addresses and ranges in per-prefix-length
 * tables, file names in a path-suffix table. Looking an event value up therefore costs the same for 10
 * indicators as for 100,000. Building is done once, before any event; the set is then safe to share
 * between threads. Several feeds are combined with {@link #merge}, which re-indexes them as one.
 */
public final class IocSet {
    private static final IocSet EMPTY = new Builder().build();

    private final List<Indicator> indicators;
    // atom id -> facts about the comparison it stands for
    final int[] atomClause;
    final int[] atomPosition;
    final Comparison[] atomComparison;
    // clause id -> indicator index and number of comparisons
    final int[] clauseIndicator;
    final int[] clauseSize;
    final Comparison[] clauseFirst;

    final KeyIndex hashes = new KeyIndex();
    final PathSuffixIndex files = new PathSuffixIndex();
    final DomainTrie domains = new DomainTrie();
    final IpPrefixTable ips = new IpPrefixTable();
    final KeyIndex urls = new KeyIndex();
    final KeyIndex pipes = new KeyIndex();
    final KeyIndex mutexes = new KeyIndex();
    final KeyIndex registry = new KeyIndex();
    final KeyIndex ports = new KeyIndex();

    // fingerprints for EncodedValueFilter: what a field value must contain for a lookup to find anything
    final KeyHashSet hashKeyPrints = new KeyHashSet();
    final KeyHashSet fileBasenames = new KeyHashSet();
    final KeyHashSet registryTails = new KeyHashSet();
    final KeyHashSet domainTails = new KeyHashSet();

    private IocSet(List<Indicator> indicators) {
        this.indicators = Collections.unmodifiableList(new ArrayList<>(indicators));
        int atoms = 0;
        int clauses = 0;
        for (Indicator ind : indicators) {
            clauses += ind.clauses().size();
            for (List<Comparison> clause : ind.clauses()) {
                atoms += clause.size();
            }
        }
        atomClause = new int[atoms];
        atomPosition = new int[atoms];
        atomComparison = new Comparison[atoms];
        clauseIndicator = new int[clauses];
        clauseSize = new int[clauses];
        clauseFirst = new Comparison[clauses];
        int atom = 0;
        int clauseId = 0;
        for (int i = 0; i < indicators.size(); i++) {
            for (List<Comparison> clause : indicators.get(i).clauses()) {
                clauseIndicator[clauseId] = i;
                clauseSize[clauseId] = clause.size();
                clauseFirst[clauseId] = clause.get(0);
                for (int pos = 0; pos < clause.size(); pos++) {
                    Comparison c = clause.get(pos);
                    atomClause[atom] = clauseId;
                    atomPosition[atom] = pos;
                    atomComparison[atom] = c;
                    file(c, atom);
                    atom++;
                }
                clauseId++;
            }
        }
    }

    private void file(Comparison c, int atom) {
        switch (c.type()) {
            case MD5, SHA1, SHA256, IMPHASH, HASH -> {
                hashes.add(c.key(), atom);
                hashKeyPrints.add(c.key(), 0, c.key().length());
            }
            case FILENAME -> {
                files.add(c.key(), atom);
                fileBasenames.add(
                        c.key(), c.key().lastIndexOf('\\') + 1, c.key().length());
            }
            case DOMAIN -> {
                domains.add(c.key(), atom, true);
                addDomainTail(c.key());
            }
            case HOSTNAME -> {
                domains.add(c.key(), atom, false);
                addDomainTail(c.key());
            }
            case IP, IP_SRC, IP_DST -> ips.add(c.key(), atom);
            case URL -> urls.add(c.key(), atom);
            case NAMED_PIPE -> pipes.add(c.key(), atom);
            case MUTEX -> mutexes.add(c.key(), atom);
            case REGKEY -> {
                registry.add(c.key(), atom);
                registryTails.add(
                        c.key(), c.key().lastIndexOf('\\') + 1, c.key().length());
            }
            case PORT -> ports.add(c.key(), atom);
        }
    }

    /** The last two labels of a DNS name key (keys have two labels or more; see LookupKeys#domain). */
    private void addDomainTail(String key) {
        int last = key.lastIndexOf('.');
        domainTails.add(key, key.lastIndexOf('.', last - 1) + 1, key.length());
    }

    /** A set with no indicators. */
    public static IocSet empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * One set holding every indicator of {@code sets}, in order; indicators are not deduplicated. A
     * single set is returned as it is (sets are immutable), not indexed a second time.
     */
    public static IocSet merge(Collection<IocSet> sets) {
        if (sets.size() == 1) {
            return sets.iterator().next();
        }
        Builder b = new Builder();
        for (IocSet s : sets) {
            s.indicators.forEach(b::add);
        }
        return b.build();
    }

    /** The indicators in load order; unmodifiable. */
    public List<Indicator> indicators() {
        return indicators;
    }

    public int size() {
        return indicators.size();
    }

    public boolean isEmpty() {
        return indicators.isEmpty();
    }

    /** Number of comparisons per {@link IocType#label()}, for load summaries. */
    public SortedMap<String, Integer> countsByType() {
        SortedMap<String, Integer> counts = new TreeMap<>();
        for (Comparison c : atomComparison) {
            counts.merge(c.type().label(), 1, Integer::sum);
        }
        return counts;
    }

    /** Collects indicators; {@link #build} indexes them. Not thread-safe. */
    public static final class Builder {
        private final List<Indicator> indicators = new ArrayList<>();

        private Builder() {}

        public Builder add(Indicator indicator) {
            indicators.add(indicator);
            return this;
        }

        public Builder addAll(Collection<Indicator> more) {
            indicators.addAll(more);
            return this;
        }

        public int size() {
            return indicators.size();
        }

        public IocSet build() {
            return new IocSet(indicators);
        }
    }
}
