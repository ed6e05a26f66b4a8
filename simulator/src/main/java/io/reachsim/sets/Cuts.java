package io.reachsim.sets;

import io.reachsim.model.Ranges;
import io.reachsim.model.ServiceSet;
import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Ip;
import io.reachsim.model.Lattice;
import io.reachsim.model.LoadBalancer;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.PortRange;
import io.reachsim.model.PrefixList;
import io.reachsim.model.Protocol;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.model.TransitGateway;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpnGateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Where anything in a network can tell two packets apart: the first port, ICMP type and IPv4 address
 * of every range some security group rule, ACL entry, listener, route, prefix list or
 * {@code publicAccessCidrs} names. Between two cuts every packet is treated alike, so one packet per
 * class decides for the class (DESIGN §9 "Exact, not sampled"). Collected from the whole network, not
 * only the path: more cuts than needed only cost time, never exactness.
 */
public final class Cuts {
    /** ICMP types whose replies the tracer follows (echo, timestamp, information, address mask; ICMPv6 echo). */
    private static final int[] ICMP_WITH_REPLY = {0, 8, 13, 14, 15, 16, 17, 18, 128, 129};

    /** Addresses that are never a public internet host (RFC 6890 special-purpose blocks used in practice). */
    static final List<Cidr> NOT_INTERNET = List.of(Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"),
            Cidr.parse("100.64.0.0/10"), Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"),
            Cidr.parse("172.16.0.0/12"), Cidr.parse("192.168.0.0/16"), Cidr.parse("224.0.0.0/3"));

    /** Per security group and per network ACL: its own tcp, udp and icmp cuts (for path-relevant classes). */
    private final java.util.Map<String, long[][]> byComponent;
    private final long[] tcp;
    private final long[] udp;
    private final long[] icmp;
    private final long[] addresses;
    private final Ranges internet;

    private Cuts(long[] tcp, long[] udp, long[] icmp, long[] addresses, Ranges internet, java.util.Map<String, long[][]> byComponent) {
        this.byComponent = byComponent;
        this.tcp = tcp;
        this.udp = udp;
        this.icmp = icmp;
        this.addresses = addresses;
        this.internet = internet;
    }

    public static Cuts of(Network n) {
        TreeSet<Long> tcp = new TreeSet<>(), udp = new TreeSet<>(), icmp = new TreeSet<>(), addr = new TreeSet<>();
        java.util.Map<String, long[][]> byComponent = new java.util.HashMap<>();
        for (int t : ICMP_WITH_REPLY) cut(icmp, t, t);
        for (SecurityGroup g : n.securityGroups()) {
            TreeSet<Long> ct = new TreeSet<>(), cu = new TreeSet<>(), ci = new TreeSet<>();
            for (List<SgRule> rules : List.of(g.ingress(), g.egress())) {
                for (SgRule r : rules) {
                    service(tcp, udp, icmp, r.protocol(), r.ports(), r.icmpType());
                    service(ct, cu, ci, r.protocol(), r.ports(), r.icmpType());
                    if (r.peer() instanceof SgRule.SgPeer.CidrPeer c) cidr(addr, c.cidr());
                }
            }
            byComponent.put(g.id(), new long[][]{toArray(ct), toArray(cu), toArray(ci)});
        }
        for (NetworkAcl a : n.networkAcls()) {
            TreeSet<Long> ct = new TreeSet<>(), cu = new TreeSet<>(), ci = new TreeSet<>();
            for (List<AclEntry> entries : List.of(a.ingress(), a.egress())) {
                for (AclEntry e : entries) {
                    service(tcp, udp, icmp, e.protocol(), e.ports(), e.icmpType());
                    service(ct, cu, ci, e.protocol(), e.ports(), e.icmpType());
                    cidr(addr, e.cidr());
                }
            }
            byComponent.put(a.id(), new long[][]{toArray(ct), toArray(cu), toArray(ci)});
        }
        for (LoadBalancer lb : n.loadBalancers()) {
            for (LoadBalancer.Listener l : lb.listeners()) {
                cut(tcp, l.port(), l.port());
                cut(udp, l.port(), l.port());
            }
        }
        for (Lattice.Service s : n.lattice().services()) {
            for (Lattice.Listener l : s.listeners()) {
                cut(tcp, l.port(), l.port());
                cut(udp, l.port(), l.port());
            }
        }
        for (PrefixList p : n.prefixLists()) for (Cidr c : p.cidrs()) cidr(addr, c);
        for (RouteTable rt : n.routeTables()) {
            for (Route r : rt.routes()) if (r.destination() instanceof Route.RouteDestination.CidrDestination c) cidr(addr, c.cidr());
        }
        for (TransitGateway t : n.transitGateways()) {
            for (TransitGateway.RouteTable rt : t.routeTables()) {
                for (TransitGateway.TgwRoute r : rt.routes()) {
                    if (r.destination() instanceof Route.RouteDestination.CidrDestination c) cidr(addr, c.cidr());
                }
            }
            for (TransitGateway.Attachment a : t.attachments()) for (Cidr c : a.remoteCidrs()) cidr(addr, c);
        }
        for (VpnGateway v : n.vpnGateways()) for (Cidr c : v.remoteCidrs()) cidr(addr, c);
        for (EksCluster c : n.eksClusters()) for (Cidr x : c.endpoint().publicAccessCidrs()) cidr(addr, x);
        Ranges.Builder own = new Ranges.Builder();
        for (Cidr c : NOT_INTERNET) own.addAll(range(c));
        for (Vpc v : n.vpcs()) for (Cidr c : v.cidrs()) own.addAll(range(c));
        for (Subnet s : n.subnets()) if (s.cidr() != null) own.addAll(range(s.cidr()));
        for (NetworkInterface e : n.networkInterfaces()) if (e.publicIp() != null && e.publicIp().isV4()) own.addAll(Ranges.of(e.publicIp().lo()));
        for (NatGateway g : n.natGateways()) if (g.publicIp() != null && g.publicIp().isV4()) own.addAll(Ranges.of(g.publicIp().lo()));
        for (ExternalNetwork x : n.externals()) {
            if (x.cidr() != null && x.cidr().version() == 4) own.addAll(range(x.cidr()));
            if (x.ip() != null && x.ip().isV4()) own.addAll(Ranges.of(x.ip().lo()));
        }
        Ranges internet = Ranges.of(0, 0xFFFFFFFFL).minus(own.build());
        for (int i = 0; i < internet.size(); i++) {
            addr.add(internet.from(i));
            addr.add(internet.to(i) + 1);
        }
        return new Cuts(toArray(tcp), toArray(udp), toArray(icmp), toArray(addr), internet, byComponent);
    }

    private static void service(TreeSet<Long> tcp, TreeSet<Long> udp, TreeSet<Long> icmp, Protocol p, PortRange ports, int icmpType) {
        switch (p) {
            case TCP -> { if (ports != null) cut(tcp, ports.from(), ports.to()); }
            case UDP -> { if (ports != null) cut(udp, ports.from(), ports.to()); }
            case ICMP, ICMPV6 -> { if (icmpType >= 0) cut(icmp, icmpType, icmpType); }
            case ALL, OTHER -> { }
        }
    }

    private static void cut(TreeSet<Long> set, long from, long to) {
        set.add(from);
        set.add(to + 1);
    }

    private static void cidr(TreeSet<Long> set, Cidr c) {
        if (c.version() != 4) return;
        Ranges r = range(c);
        cut(set, r.from(0), r.to(0));
    }

    static Ranges range(Cidr c) {
        long base = c.base().lo();
        long size = 1L << (32 - c.prefix());
        long start = base & ~(size - 1) & 0xFFFFFFFFL;
        return Ranges.of(start, start + size - 1);
    }

    private static long[] toArray(TreeSet<Long> s) {
        long[] a = new long[s.size()];
        int i = 0;
        for (long v : s) a[i++] = v;
        return a;
    }

    /** Every public internet IPv4 address of the network's world (DESIGN §9 {@code internet:*}). */
    public Ranges internet() {
        return internet;
    }

    /** The classes that cover {@code scope}, in order tcp, udp, icmp, other. */
    public List<ServiceClass> classes(ServiceSet scope) {
        List<ServiceClass> out = new ArrayList<>();
        split(Protocol.TCP, scope.tcp(), tcp, out);
        split(Protocol.UDP, scope.udp(), udp, out);
        split(Protocol.ICMP, scope.icmp(), icmp, out);
        if (scope.other()) out.add(new ServiceClass(Protocol.OTHER, 0, 0));
        return out;
    }

    /** The IPv4 address classes that cover {@code scope}, each a range no rule, route or list tells apart. */
    public List<Ranges> addressClasses(Ranges scope) {
        List<Ranges> out = new ArrayList<>();
        for (int i = 0; i < scope.size(); i++) {
            long a = scope.from(i), b = scope.to(i);
            int k = Arrays.binarySearch(addresses, a + 1);
            if (k < 0) k = -k - 1;
            long start = a;
            while (k < addresses.length && addresses[k] <= b) {
                out.add(Ranges.of(start, addresses[k] - 1));
                start = addresses[k];
                k++;
            }
            out.add(Ranges.of(start, b));
        }
        return out;
    }

    private static void split(Protocol p, Ranges scope, long[] cuts, List<ServiceClass> out) {
        for (int i = 0; i < scope.size(); i++) {
            long a = scope.from(i), b = scope.to(i);
            int k = Arrays.binarySearch(cuts, a + 1);
            if (k < 0) k = -k - 1;
            long start = a;
            while (k < cuts.length && cuts[k] <= b) {
                out.add(new ServiceClass(p, start, cuts[k] - 1));
                start = cuts[k];
                k++;
            }
            out.add(new ServiceClass(p, start, b));
        }
    }

    /** ICMP types whose reply the tracer follows: always class boundaries. */
    static final long[] REPLY_TYPES = {0, 1, 8, 9, 13, 14, 15, 16, 17, 18, 19, 128, 129, 130};

    /**
     * The first cut above {@code from} (up to {@code to}) among the cuts of {@code components} (security groups and
     * network ACLs) for {@code protocol}, or {@code to + 1} when none of them tells {@code from..to} apart.
     */
    long nextCut(Protocol protocol, long from, long to, java.util.Collection<String> components) {
        int k = protocol == Protocol.TCP ? 0 : protocol == Protocol.UDP ? 1 : 2;
        long best = to + 1;
        if (k == 2) best = Math.min(best, next(REPLY_TYPES, from, to + 1));
        for (String c : components) {
            long[][] cs = byComponent.get(c);
            if (cs != null) best = Math.min(best, next(cs[k], from, to + 1));
        }
        return best;
    }

    private static long next(long[] cuts, long from, long limit) {
        int i = Arrays.binarySearch(cuts, from + 1);
        if (i < 0) i = -i - 1;
        return i < cuts.length && cuts[i] < limit ? cuts[i] : limit;
    }

    /** The index of the address class holding {@code ip} (IPv4; -1 for IPv6). */
    public int addressClass(Ip ip) {
        if (ip == null || !ip.isV4()) return -1;
        int k = Arrays.binarySearch(addresses, ip.lo());
        return k >= 0 ? k + 1 : -k - 1;
    }

    /** The first address of an IPv4 range as an {@link Ip}. */
    static Ip ip(long v) {
        return Ip.v4(v);
    }
}
