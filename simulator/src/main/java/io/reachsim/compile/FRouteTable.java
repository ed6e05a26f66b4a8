package io.reachsim.compile;

import io.reachsim.model.Ip;

/** A compiled route table: one longest-prefix-match trie per address family. */
public final class FRouteTable {
    public final String id;
    final PrefixTrie<FRoute> v4 = new PrefixTrie<>(4);
    final PrefixTrie<FRoute> v6 = new PrefixTrie<>(6);

    FRouteTable(String id) {
        this.id = id;
    }

    /** The route chosen for {@code dst}, or null when none matches. */
    public FRoute lookup(Ip dst) {
        return dst.isV4() ? v4.longestMatch(dst) : v6.longestMatch(dst);
    }
}
