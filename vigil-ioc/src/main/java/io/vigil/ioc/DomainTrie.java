package io.vigil.ioc;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * DNS names as a trie of labels from the right ({@code com → evil → www}), so that a queried name
 * finds every indicator that is it or one of its parent domains in one walk of at most as many steps
 * as it has labels; the walk stops at the first label no indicator has.
 *
 * <p>Domain atoms match the name and all its subdomains; hostname atoms match the exact name only.
 */
final class DomainTrie {
    private static final class Node {
        Map<String, Node> children;
        int[] withSubdomains;
        int[] exact;
    }

    private final Node root = new Node();
    private boolean empty = true;

    void add(String domain, int atom, boolean subdomains) {
        Node n = root;
        int end = domain.length();
        while (end > 0) {
            int dot = domain.lastIndexOf('.', end - 1);
            String label = domain.substring(dot + 1, end);
            if (n.children == null) {
                n.children = new HashMap<>(4);
            }
            Node child = n.children.get(label);
            if (child == null) {
                // not computeIfAbsent: see AtomLists#add
                child = new Node();
                n.children.put(label, child);
            }
            n = child;
            end = dot < 0 ? 0 : dot;
        }
        if (subdomains) {
            n.withSubdomains = AtomLists.append(n.withSubdomains, atom);
        } else {
            n.exact = AtomLists.append(n.exact, atom);
        }
        empty = false;
    }

    boolean isEmpty() {
        return empty;
    }

    /** Reports the atoms of {@code name} (lower case, no trailing dot) and of its parent domains. */
    void lookup(String name, IntConsumer out) {
        Node n = root;
        int end = name.length();
        while (end > 0) {
            int dot = name.lastIndexOf('.', end - 1);
            if (n.children == null) {
                return;
            }
            n = n.children.get(name.substring(dot + 1, end));
            if (n == null) {
                return;
            }
            emit(n.withSubdomains, out);
            if (dot < 0) {
                emit(n.exact, out);
                return;
            }
            end = dot;
        }
    }

    private static void emit(int[] atoms, IntConsumer out) {
        if (atoms != null) {
            for (int a : atoms) {
                out.accept(a);
            }
        }
    }
}
