package io.vigil.core.event;

/**
 * The {@link FieldLayout}s of the events one thread builds, found by following the names as a builder
 * puts them: a trie whose paths are name sequences, so that events of one shape share one layout and
 * their builders skip hashing every name into a table of their own. A normaliser keeps one per thread
 * and passes it to {@link Event#builder(int, FieldLayouts)}.
 *
 * <p>Not thread-safe. Bounded: past {@link #MAX_NODES} nodes, or {@link #MAX_CHILDREN} names after one
 * path, a builder leaves the trie and makes a layout of its own, so inputs with ever new names cost
 * memory only up to the bound. Names are compared by identity first (normalisers pass the same String
 * instances for the same names), then by equality.
 */
public final class FieldLayouts {
    static final int MAX_NODES = 1 << 14;
    static final int MAX_CHILDREN = 64;

    final Node root = new Node(null, null, 0);
    private int nodes = 1;

    public FieldLayouts() {}

    /** Nodes made so far (for tests of the bound). */
    int nodes() {
        return nodes;
    }

    /** The node after {@code at} for {@code name}, made now if it may be; null off the trie. */
    private Node grow(Node at, String name) {
        if (nodes >= MAX_NODES || at.childCount() >= MAX_CHILDREN) {
            return null;
        }
        // a name put twice stays in its first slot: no layout of distinct names follows, and the edge
        // is kept (as null) so that the path is not walked again for it
        Node child = new Node(at, name, at.depth + 1);
        for (Node n = at; n.parent != null; n = n.parent) {
            if (n.name.equals(name)) {
                child = null;
                break;
            }
        }
        if (child != null) {
            nodes++;
        }
        at.add(name, child);
        return child;
    }

    /** The path of the names put so far. */
    static final class Node {
        private static final String[] NO_NAMES = {};
        private static final Node[] NO_NODES = {};

        private final Node parent;
        private final String name;
        /** Names on the path, this one included. */
        final int depth;

        /**
         * The first name put after this path and where it leads, in the node itself: most paths have
         * one, and following it then reads no arrays (a put is a few dependent loads, each a likely
         * cache miss).
         */
        private String firstName;

        private Node firstChild;
        /** The names after the first, and where they lead. */
        private String[] childNames = NO_NAMES;

        private Node[] children = NO_NODES;
        /** How many of {@link #childNames} are used. */
        private int moreCount;

        private FieldLayout layout;

        private Node(Node parent, String name, int depth) {
            this.parent = parent;
            this.name = name;
            this.depth = depth;
        }

        /** The node after putting {@code name}, or null when the builder must leave the trie. */
        Node next(String name, FieldLayouts owner) {
            if (firstName == name) {
                return firstChild;
            }
            String[] names = childNames;
            int n = moreCount;
            for (int i = 0; i < n; i++) {
                if (names[i] == name) {
                    return children[i];
                }
            }
            if (name.equals(firstName)) {
                return firstChild;
            }
            for (int i = 0; i < n; i++) {
                if (names[i].equals(name)) {
                    return children[i];
                }
            }
            return owner.grow(this, name);
        }

        /** Names after this path, the first one included. */
        int childCount() {
            return firstName == null ? 0 : 1 + moreCount;
        }

        private void add(String name, Node child) {
            if (firstName == null) {
                firstName = name;
                firstChild = child;
                return;
            }
            if (moreCount == childNames.length) {
                int size = Math.max(2, moreCount * 2);
                childNames = java.util.Arrays.copyOf(childNames, size);
                children = java.util.Arrays.copyOf(children, size);
            }
            childNames[moreCount] = name;
            children[moreCount] = child;
            moreCount++;
        }

        /** The layout of the names on the path, made on first use. */
        FieldLayout layout() {
            FieldLayout l = layout;
            if (l == null) {
                String[] names = new String[depth];
                for (Node n = this; n.parent != null; n = n.parent) {
                    names[n.depth - 1] = n.name;
                }
                l = FieldLayout.of(names, true);
                layout = l;
            }
            return l;
        }
    }
}
