package io.reachsim.compile;

import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;

import java.util.Arrays;
import java.util.function.BinaryOperator;

/**
 * Longest-prefix match over one address family. Lookups never allocate. Values at the same prefix are
 * merged by a caller-supplied rule (for routes: the higher-priority origin wins).
 *
 * <p>Most tables are small (a route table holds a handful of routes, a VPC ten subnets), and a binary
 * trie of boxed nodes spent one node per prefix bit: 650k nodes, 15 MB, for the XL network. Up to
 * {@value #SMALL} prefixes are therefore kept as parallel arrays sorted by prefix length, longest
 * first, with the masked base and mask as longs: the first entry whose mask matches is the longest
 * match (a few comparisons, no pointer chasing). Larger tables switch to the binary trie.
 */
public final class PrefixTrie<T> {
    static final int SMALL = 16;

    private static final class Node<T> {
        Node<T> zero;
        Node<T> one;
        T value;
    }

    private final int version;
    private int size;

    // Small mode: entry i is (hi & maskHi[i]) == baseHi[i] && (lo & maskLo[i]) == baseLo[i]. Packed as
    // {baseHi, baseLo, maskHi, maskLo} per entry; IPv4 uses only lo (hi is 0).
    private long[] keys = new long[0];
    private int[] prefixes = new int[0];
    private Object[] values = new Object[0];

    // Large mode (root != null): a binary trie.
    private Node<T> root;

    public PrefixTrie(int version) {
        this.version = version;
    }

    public void put(Cidr cidr, T value, BinaryOperator<T> merge) {
        if (cidr.version() != version) throw new IllegalArgumentException("family mismatch: " + cidr);
        if (root != null) {
            putNode(cidr.base(), cidr.prefix(), value, merge);
            return;
        }
        int p = cidr.prefix();
        long[] k = key(cidr);
        int at = 0;
        while (at < size && prefixes[at] > p) at++;
        for (int i = at; i < size && prefixes[i] == p; i++) {
            if (keys[4 * i] == k[0] && keys[4 * i + 1] == k[1]) {
                @SuppressWarnings("unchecked") T old = (T) values[i];
                values[i] = merge.apply(old, value);
                return;
            }
        }
        if (size == SMALL) {
            toTrie();
            putNode(cidr.base(), p, value, merge);
            return;
        }
        // Insert after the entries of the same length (stable: the first of equal lengths is found first,
        // though two distinct blocks of one length never both hold an address).
        while (at < size && prefixes[at] == p) at++;
        keys = Arrays.copyOf(keys, 4 * (size + 1));
        prefixes = Arrays.copyOf(prefixes, size + 1);
        values = Arrays.copyOf(values, size + 1);
        System.arraycopy(keys, 4 * at, keys, 4 * (at + 1), 4 * (size - at));
        System.arraycopy(prefixes, at, prefixes, at + 1, size - at);
        System.arraycopy(values, at, values, at + 1, size - at);
        System.arraycopy(k, 0, keys, 4 * at, 4);
        prefixes[at] = p;
        values[at] = value;
        size++;
    }

    private long[] key(Cidr c) {
        int p = c.prefix();
        Ip b = c.base();
        long maskHi, maskLo;
        if (version == 4) {
            maskHi = 0;
            maskLo = p == 0 ? 0 : (0xFFFF_FFFFL << (32 - p)) & 0xFFFF_FFFFL;
        } else {
            maskHi = p == 0 ? 0 : p >= 64 ? -1L : -1L << (64 - p);
            maskLo = p <= 64 ? 0 : p == 128 ? -1L : -1L << (128 - p);
        }
        return new long[]{b.hi() & maskHi, b.lo() & maskLo, maskHi, maskLo};
    }

    private void toTrie() {
        root = new Node<>();
        int n = size;
        size = 0;
        for (int i = 0; i < n; i++) {
            @SuppressWarnings("unchecked") T v = (T) values[i];
            Ip base = version == 4 ? Ip.v4(keys[4 * i + 1]) : Ip.v6(keys[4 * i], keys[4 * i + 1]);
            putNode(base, prefixes[i], v, (a, b) -> a);
        }
        keys = null;
        prefixes = null;
        values = null;
    }

    private void putNode(Ip base, int prefix, T value, BinaryOperator<T> merge) {
        Node<T> n = root;
        for (int i = 0; i < prefix; i++) {
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
    @SuppressWarnings("unchecked")
    public T longestMatch(Ip ip) {
        if (ip.version() != version) return null;
        if (root == null) {
            long hi = ip.hi(), lo = ip.lo();
            long[] k = keys;
            for (int i = 0, j = 0; i < size; i++, j += 4) {
                if ((lo & k[j + 3]) == k[j + 1] && (hi & k[j + 2]) == k[j]) return (T) values[i];
            }
            return null;
        }
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
