package io.vigil.ioc;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Addresses and CIDR ranges, looked up by longest-prefix style probing: one hash table per prefix
 * length that some indicator uses, keyed by the masked address. A lookup masks the address once per
 * length in use (at most 33 for IPv4, 129 for IPv6; in practice a handful) and probes; this is the
 * level-compressed form of a binary prefix trie, with memory linear in the number of ranges instead
 * of in their bits.
 */
final class IpPrefixTable {
    private final Map<IpAddress, int[]>[] v4 = newTables(33);
    private final Map<IpAddress, int[]>[] v6 = newTables(129);
    private final BitSet v4Lengths = new BitSet(33);
    private final BitSet v6Lengths = new BitSet(129);

    @SuppressWarnings("unchecked")
    private static Map<IpAddress, int[]>[] newTables(int n) {
        return (Map<IpAddress, int[]>[]) new Map<?, ?>[n];
    }

    /** Adds a range in the canonical {@code address/prefix} form of {@link LookupKeys#ipRange}. */
    void add(String range, int atom) {
        int slash = range.indexOf('/');
        IpAddress ip = IpAddress.parse(range.substring(0, slash));
        int prefix = Integer.parseInt(range.substring(slash + 1));
        Map<IpAddress, int[]>[] tables = ip.v4() ? v4 : v6;
        if (tables[prefix] == null) {
            tables[prefix] = new HashMap<>();
        }
        AtomLists.add(tables[prefix], ip.masked(prefix), atom);
        (ip.v4() ? v4Lengths : v6Lengths).set(prefix);
    }

    boolean isEmpty() {
        return v4Lengths.isEmpty() && v6Lengths.isEmpty();
    }

    boolean hasV6() {
        return !v6Lengths.isEmpty();
    }

    void lookup(IpAddress ip, IntConsumer out) {
        Map<IpAddress, int[]>[] tables = ip.v4() ? v4 : v6;
        BitSet lengths = ip.v4() ? v4Lengths : v6Lengths;
        for (int len = lengths.nextSetBit(0); len >= 0; len = lengths.nextSetBit(len + 1)) {
            int[] atoms = tables[len].get(len == ip.width() ? ip : ip.masked(len));
            if (atoms != null) {
                for (int a : atoms) {
                    out.accept(a);
                }
            }
        }
    }
}
