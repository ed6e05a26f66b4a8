package io.reachsim.compile;

import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PrefixTrie against a brute-force longest-prefix match, in both of its representations (sorted arrays
 * up to {@link PrefixTrie#SMALL} prefixes, a binary trie beyond), for IPv4 and IPv6, with duplicate
 * prefixes merged by the caller's rule. Addresses are drawn near the inserted blocks so most look-ups hit.
 */
class PrefixTrieProperties {

    record Entry(Cidr cidr, int value) {}

    @Property(tries = 300)
    void v4MatchesBruteForce(@ForAll("v4Entries") List<Entry> entries, @ForAll("v4Probes") List<Long> probes) {
        check(4, entries, probes.stream().map(Ip::v4).toList());
    }

    @Property(tries = 300)
    void v6MatchesBruteForce(@ForAll("v6Entries") List<Entry> entries, @ForAll("v6Probes") List<Long> probes) {
        check(6, entries, probes.stream().map(p -> Ip.v6(0x2600_1f18_0000_0000L | (p & 0xFFFF_0000L), p)).toList());
    }

    private static void check(int version, List<Entry> entries, List<Ip> probes) {
        PrefixTrie<Entry> trie = new PrefixTrie<>(version);
        // merge rule: the smaller value wins, as FRoute.better keeps the higher-priority origin
        for (Entry e : entries) trie.put(e.cidr(), e, (a, b) -> b.value() < a.value() ? b : a);
        List<Ip> all = new ArrayList<>(probes);
        for (Entry e : entries) all.add(e.cidr().base());
        for (Ip ip : all) {
            Entry expected = null;
            for (Entry e : entries) {
                if (!e.cidr().contains(ip)) continue;
                if (expected == null || e.cidr().prefix() > expected.cidr().prefix()
                        || (e.cidr().prefix() == expected.cidr().prefix() && e.value() < expected.value())) {
                    expected = e;
                }
            }
            assertThat(trie.longestMatch(ip)).as("longest match of %s in %s", ip, entries).isEqualTo(expected);
        }
        assertThat(trie.size()).isEqualTo((int) entries.stream().map(Entry::cidr).distinct().count());
        assertThat(trie.longestMatch(version == 4 ? Ip.v6(0, 1) : Ip.v4(1))).isNull();
    }

    private static Cidr block(int version, long bits, int prefix) {
        Ip ip = version == 4 ? Ip.v4(bits) : Ip.v6(0x2600_1f18_0000_0000L | (bits & 0xFFFF_0000L), bits);
        // mask by hand: keep the top `prefix` bits
        if (version == 4) {
            long m = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
            return new Cidr(Ip.v4(ip.lo() & m), prefix);
        }
        long mh = prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
        long ml = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
        return new Cidr(Ip.v6(ip.hi() & mh, ip.lo() & ml), prefix);
    }

    // Addresses from a small space (10.0.0.0/20-ish) so that blocks nest and overlap often.
    private static Arbitrary<Long> near() {
        return Arbitraries.longs().between(0x0A00_0000L, 0x0A00_0FFFL);
    }

    @Provide
    Arbitrary<List<Entry>> v4Entries() {
        return Combinators.combine(near(), Arbitraries.integers().between(0, 32), Arbitraries.integers().between(0, 3))
                .as((b, p, v) -> new Entry(block(4, b, p), v)).list().ofMinSize(0).ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Entry>> v6Entries() {
        return Combinators.combine(near(), Arbitraries.of(0, 32, 48, 56, 64, 96, 112, 120, 124, 128), Arbitraries.integers().between(0, 3))
                .as((b, p, v) -> new Entry(block(6, b, p), v)).list().ofMinSize(0).ofMaxSize(40);
    }

    /**
     * IPv6 prefixes that differ in the top 64 bits: the high word varies in bits 33-63 (from the left), prefixes
     * anywhere in /0-/128 with most in /24-/72, so a trie bug for /33-/63 (where the tries above never differ) fails.
     */
    @Property(tries = 300)
    void v6MatchesBruteForceWithPrefixesDifferingInTheTopHalf(@ForAll("v6WideEntries") List<Entry> entries,
                                                              @ForAll("v6WideProbes") List<Ip> probes) {
        check(6, entries, probes);
    }

    private static Arbitrary<Ip> wideV6() {
        // high word 2600:1f18:xxxx:xxxx with only a few bits set among 31 positions (so blocks nest and overlap)
        Arbitrary<Long> hi = Arbitraries.longs().between(0, 0x7FFL)
                .flatMap(x -> Arbitraries.integers().between(0, 20).map(shift -> 0x2600_1f18_0000_0000L | (x << shift)));
        Arbitrary<Long> lo = Arbitraries.longs().between(0, 0xFFL).map(x -> x << 56 | x);
        return Combinators.combine(hi, lo).as(Ip::v6);
    }

    @Provide
    Arbitrary<List<Entry>> v6WideEntries() {
        Arbitrary<Integer> prefix = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(24, 72)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 128)));
        return Combinators.combine(wideV6(), prefix, Arbitraries.integers().between(0, 3))
                .as((ip, p, v) -> new Entry(masked(ip, p), v)).list().ofMinSize(0).ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Ip>> v6WideProbes() {
        return wideV6().list().ofSize(20);
    }

    private static Cidr masked(Ip ip, int prefix) {
        long mh = prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
        long ml = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
        return new Cidr(Ip.v6(ip.hi() & mh, ip.lo() & ml), prefix);
    }

    @Provide
    Arbitrary<List<Long>> v4Probes() {
        return near().list().ofSize(20);
    }

    @Provide
    Arbitrary<List<Long>> v6Probes() {
        return near().list().ofSize(20);
    }
}
