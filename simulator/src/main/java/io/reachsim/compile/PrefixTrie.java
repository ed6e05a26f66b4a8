package io.reachsim.compile;

import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;

import java.util.function.BinaryOperator;

/**
 * A binary trie for longest-prefix match over one address family. Lookups walk at most 32 (IPv4) or
 * 128 (IPv6) bits and never allocate. Values at the same prefix are merged by a caller-supplied rule
 * (for routes: the higher-priority origin wins).
 */
public final class PrefixTrie<T> {
    private static final class Node<T> {
        Node<T> zero;
        Node<T> one;
        T value;
    }

    private final int version;
    private final Node<T> root = new Node<>();
    private int size;

    public PrefixTrie(int version) {
        this.version = version;
    }

    public void put(Cidr cidr, T value, BinaryOperator<T> merge) {
        if (cidr.version() != version) throw new IllegalArgumentException("family mismatch: " + cidr);
        Node<T> n = root;
        Ip base = cidr.base();
        for (int i = 0; i < cidr.prefix(); i++) {
            if (base.bit(i) == 0) {
                if (n.zero == null) n.zero = new Node<>();
                n = n.zero;
            } else {
                if (n.one == null) n.one = new Node<>();
                n = n.one;
            }
        }
        if (n.value == null) {
            n.value = value;
            size++;
        } else {
            n.value = merge.apply(n.value, value);
        }
    }

    /** The value of the longest prefix holding {@code ip}, or null. */
    public T longestMatch(Ip ip) {
        if (ip.version() != version) return null;
        Node<T> n = root;
        T best = n.value;
        int bits = ip.bits();
        for (int i = 0; i < bits && n != null; i++) {
            n = ip.bit(i) == 0 ? n.zero : n.one;
            if (n != null && n.value != null) best = n.value;
        }
        return best;
    }

    public int size() {
        return size;
    }
}
