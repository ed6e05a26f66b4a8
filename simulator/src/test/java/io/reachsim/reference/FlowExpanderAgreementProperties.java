package io.reachsim.reference;

import io.reachsim.compile.Fabric;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Instance;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Origin;
import io.reachsim.model.Protocol;
import io.reachsim.model.Subnet;
import io.reachsim.trace.Flow;
import io.reachsim.verdict.FlowExpander;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.fail;

/**
 * {@link FlowExpander} under the oracle: on random networks, every host endpoint kind (instance, eni, subnet, ip of an
 * interface / a public IP / a subnet host / a NAT gateway / an external / the internet, internet, internet:ADDR,
 * external) expands to the same flows — source, destination and packet (addresses, protocol, ports, ICMP type) — as
 * {@link ReferenceFlowExpander}, or both refuse it (no address of that version).
 */
class FlowExpanderAgreementProperties {
    static final int PAIRS_PER_NETWORK = 30;

    record Case(Network network, long seed) {
        @Override
        public String toString() {
            return "network with " + network.subnets().size() + " subnets, seed " + seed;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return RandomNetworks.networks().flatMap(n -> Arbitraries.longs().map(s -> new Case(n, s)));
    }

    @Property(tries = 300, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void flowExpanderAgreesWithThePlainExpansion(@ForAll("cases") Case c) {
        Network n = c.network();
        FlowExpander fast = new FlowExpander(Fabric.compile(n));
        ReferenceFlowExpander plain = new ReferenceFlowExpander(n);
        Random r = new Random(c.seed());
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < PAIRS_PER_NETWORK; i++) {
            int version = r.nextInt(4) == 0 ? 6 : 4;
            Endpoint from = endpoint(n, r, version);
            Endpoint to = endpoint(n, r, version);
            Expectation e = expectation(from.ref(), to.ref(), version, r);
            Set<Flow> expected = outcome(() -> plain.expand(e));
            Set<Flow> actual = outcome(() -> fast.expand(e));
            Statistics.label("source").collect(from.kind());
            Statistics.label("destination").collect(to.kind());
            Statistics.label("refused").collect(expected == null ? "refused" : "expanded");
            if (!java.util.Objects.equals(expected, actual)) {
                disagreements.add(from.ref().text() + " → " + to.ref().text() + " (IPv" + version + ", " + e.protocol() + ")"
                        + "\n  plain: " + expected + "\n  FlowExpander: " + actual);
            }
        }
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " of " + PAIRS_PER_NETWORK + " expansions disagree. NETWORK:\n" + Printer.network(n)
                    + "\n" + String.join("\n", disagreements));
        }
    }

    /** The flows as a set, without the resolution note (prose); null when the endpoint is refused. */
    private static Set<Flow> outcome(java.util.function.Supplier<List<Flow>> expand) {
        try {
            Set<Flow> out = new HashSet<>();
            for (Flow f : expand.get()) out.add(new Flow(f.source(), f.destination(), f.packet(), f.roundTrip()));
            return out;
        } catch (IllegalArgumentException refused) {
            return null;
        }
    }

    private static Expectation expectation(EndpointRef from, EndpointRef to, int version, Random r) {
        Protocol p = List.of(Protocol.TCP, Protocol.UDP, Protocol.ICMP).get(r.nextInt(3));
        Integer port = p.hasPorts() ? List.of(22, 53, 443, 8080).get(r.nextInt(4)) : null;
        int icmpType = p == Protocol.ICMP ? (r.nextBoolean() ? 8 : 0) : -1;
        int sourcePort = r.nextBoolean() ? Expectation.DEFAULT_SOURCE_PORT : 1024 + r.nextInt(60000);
        return new Expectation("e", from, to, p, port, sourcePort, icmpType, version, true, List.of(), List.of(), List.of(),
                null, r.nextBoolean(), Origin.UNKNOWN);
    }

    record Endpoint(String kind, EndpointRef ref) {}

    private static Endpoint endpoint(Network n, Random r, int version) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Endpoint e = candidate(n, r, version);
            if (e != null) return e;
        }
        return new Endpoint("internet", new EndpointRef.InternetRef(null));
    }

    private static <T> T pick(List<T> l, Random r) {
        return l.isEmpty() ? null : l.get(r.nextInt(l.size()));
    }

    private static Endpoint candidate(Network n, Random r, int version) {
        switch (r.nextInt(11)) {
            case 0 -> {
                Instance i = pick(n.instances(), r);
                return i == null ? null : new Endpoint("instance", new EndpointRef.InstanceRef(i.id()));
            }
            case 1 -> {
                NetworkInterface e = pick(n.networkInterfaces(), r);
                return e == null ? null : new Endpoint("eni", new EndpointRef.EniRef(e.id()));
            }
            case 2 -> {
                Subnet s = pick(n.subnets(), r);
                return s == null ? null : new Endpoint("subnet", new EndpointRef.SubnetRef(s.id()));
            }
            case 3 -> {
                NetworkInterface e = pick(n.networkInterfaces(), r);
                Ip a = e == null ? null : version == 6 ? e.ipv6Ip() : e.privateIp();
                return a == null ? null : new Endpoint("ip of an interface", new EndpointRef.IpRef(a));
            }
            case 4 -> {
                List<NetworkInterface> withPublic = n.networkInterfaces().stream().filter(x -> x.publicIp() != null).toList();
                NetworkInterface e = pick(withPublic, r);
                return e == null ? null : new Endpoint("ip: a public IP", new EndpointRef.IpRef(e.publicIp()));
            }
            case 5 -> {
                Subnet s = pick(n.subnets(), r);
                var block = s == null ? null : version == 6 ? s.ipv6Cidr() : s.cidr();
                if (block == null) return null;
                long size = Math.min(block.size(), 64);
                return new Endpoint("ip in a subnet", new EndpointRef.IpRef(block.address(r.nextLong(size))));
            }
            case 6 -> {
                NatGateway g = pick(n.natGateways(), r);
                if (g == null) return null;
                Ip a = r.nextBoolean() || g.publicIp() == null ? g.privateIp() : g.publicIp();
                return a == null ? null : new Endpoint("ip of a NAT gateway", new EndpointRef.IpRef(a));
            }
            case 7 -> {
                ExternalNetwork x = pick(n.externals(), r);
                return x == null ? null : new Endpoint("external", new EndpointRef.ExternalRef(x.id()));
            }
            case 8 -> {
                ExternalNetwork x = pick(n.externals(), r);
                return x == null ? null : new Endpoint("ip of an external", new EndpointRef.IpRef(x.address()));
            }
            case 9 -> {
                Ip a = Ip.parse(version == 6 ? pick(List.of("2a05:d000::1", "2001:4860::8888"), r)
                        : pick(List.of("8.8.8.8", "203.0.113.7", "198.51.100.1", "52.94.0.10"), r));
                return r.nextBoolean() ? new Endpoint("internet:ADDR", new EndpointRef.InternetRef(a))
                        : new Endpoint("ip on the internet", new EndpointRef.IpRef(a));
            }
            default -> {
                return new Endpoint("internet", new EndpointRef.InternetRef(null));
            }
        }
    }
}
