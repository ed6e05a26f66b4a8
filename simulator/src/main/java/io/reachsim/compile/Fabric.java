package io.reachsim.compile;

import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EgressOnlyInternetGateway;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.InternetGateway;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.PrefixList;
import io.reachsim.model.Protocol;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpnGateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Network compiled for speed: integer-indexed components, a longest-prefix-match trie per route
 * table and family, per-VPC subnet tries, sorted address tables per subnet, security-group rules
 * bucketed by protocol and shared between interfaces with the same groups, ACL entries sorted by rule
 * number. Immutable after {@link #compile}; safe to share between threads.
 */
public final class Fabric {
    private final Network network;
    private final Map<String, FVpc> vpcs = new HashMap<>();
    private final Map<String, FSubnet> subnets = new HashMap<>();
    private final Map<String, FInterface> interfaces = new HashMap<>();
    private final Map<String, FVpnGateway> vpnGateways = new HashMap<>();
    private final Map<String, Integer> groupIndex = new HashMap<>();
    private final Map<String, Cidr[]> prefixLists = new HashMap<>();
    private final Map<List<String>, FRuleSet> ruleSets = new HashMap<>();
    private final Map<String, SecurityGroup> groups = new HashMap<>();
    private final List<FVpc> vpcList = new ArrayList<>();
    private final PrefixTrie<FVpc> vpcByAddress4 = new PrefixTrie<>(4);
    private final PrefixTrie<FVpc> vpcByAddress6 = new PrefixTrie<>(6);
    /** Public IPv4 addresses (sorted) and their owners: an FInterface or an FNat. */
    private Ip[] publicAddresses;
    private Object[] publicOwners;
    private final ExternalNetwork[] internetExternals;

    private Fabric(Network network) {
        this.network = network;
        this.internetExternals = network.externals().stream().filter(x -> x.via() == null).toArray(ExternalNetwork[]::new);
    }

    public static Fabric compile(Network network) {
        Fabric f = new Fabric(network);
        f.build();
        return f;
    }

    public Network network() {
        return network;
    }

    private void build() {
        for (PrefixList pl : network.prefixLists()) prefixLists.put(pl.id(), pl.cidrs().toArray(Cidr[]::new));
        int gi = 0;
        for (SecurityGroup g : network.securityGroups()) {
            groupIndex.put(g.id(), gi++);
            groups.put(g.id(), g);
        }
        for (Vpc v : network.vpcs()) {
            FVpc fv = new FVpc(vpcList.size(), v);
            vpcList.add(fv);
            vpcs.put(v.id(), fv);
            // First VPC wins an overlap: overlapping VPCs are never connected to each other directly.
            for (Cidr c : v.cidrs()) vpcByAddress4.put(c, fv, (a, b) -> a);
            for (Cidr c : v.ipv6Cidrs()) vpcByAddress6.put(c, fv, (a, b) -> a);
            fv.defaultGroup = v.defaultSecurityGroup();
            fv.defaultGroups = ruleSet(v.defaultSecurityGroup() == null ? List.of() : List.of(v.defaultSecurityGroup()));
        }
        for (InternetGateway g : network.internetGateways()) vpcs.get(g.vpc()).internetGateway = g.id();
        for (EgressOnlyInternetGateway g : network.egressOnlyInternetGateways()) vpcs.get(g.vpc()).egressOnlyInternetGateway = g.id();

        Map<String, FAcl> acls = new HashMap<>();
        for (NetworkAcl a : network.networkAcls()) acls.put(a.id(), new FAcl(a.id(), sorted(a.ingress()), sorted(a.egress())));
        Map<String, FRouteTable> tables = new HashMap<>();
        for (RouteTable t : network.routeTables()) tables.put(t.id(), new FRouteTable(t.id()));

        int si = 0;
        for (Subnet s : network.subnets()) {
            FVpc fv = vpcs.get(s.vpc());
            FSubnet fs = new FSubnet(si++, s, fv);
            subnets.put(s.id(), fs);
            if (s.cidr() != null) fv.subnets4.put(s.cidr(), fs, (a, b) -> a);
            if (s.ipv6Cidr() != null) fv.subnets6.put(s.ipv6Cidr(), fs, (a, b) -> a);
            fs.routeTable = tables.get(s.routeTable() != null ? s.routeTable() : fv.vpc.mainRouteTable());
            fs.acl = acls.get(s.networkAcl() != null ? s.networkAcl() : fv.vpc.defaultNetworkAcl());
        }

        Map<FSubnet, List<Object[]>> hostsBySubnet = new HashMap<>();
        List<Object[]> publics = new ArrayList<>();
        for (NetworkInterface e : network.networkInterfaces()) {
            FSubnet fs = subnets.get(e.subnet());
            FInterface fi = new FInterface(e.id(), fs, e.privateIp(), e.ipv6Ip(), e.publicIp(),
                    e.secondaryPrivateIps().toArray(Ip[]::new), e.sourceDestCheck(), e.securityGroups(),
                    bits(e.securityGroups()), ruleSet(e.securityGroups()), false);
            interfaces.put(e.id(), fi);
            List<Object[]> hs = hostsBySubnet.computeIfAbsent(fs, k -> new ArrayList<>());
            if (e.privateIp() != null) hs.add(new Object[]{e.privateIp(), fi});
            for (Ip ip : e.secondaryPrivateIps()) hs.add(new Object[]{ip, fi});
            if (e.ipv6Ip() != null) hs.add(new Object[]{e.ipv6Ip(), fi});
            if (e.publicIp() != null) publics.add(new Object[]{e.publicIp(), fi});
        }
        hostsBySubnet.forEach((fs, hs) -> {
            hs.sort(Comparator.comparing(o -> (Ip) o[0]));
            fs.hostAddresses = hs.stream().map(o -> (Ip) o[0]).toArray(Ip[]::new);
            fs.hosts = hs.stream().map(o -> (FInterface) o[1]).toArray(FInterface[]::new);
        });

        Map<String, FNat> nats = new HashMap<>();
        Map<FSubnet, List<Object[]>> natsBySubnet = new HashMap<>();
        for (NatGateway n : network.natGateways()) {
            FSubnet fs = subnets.get(n.subnet());
            FNat fn = new FNat(n, fs);
            nats.put(n.id(), fn);
            List<Object[]> ns = natsBySubnet.computeIfAbsent(fs, k -> new ArrayList<>());
            ns.add(new Object[]{n.privateIp(), fn});
            for (Ip ip : n.secondaryPrivateIps()) ns.add(new Object[]{ip, fn});
            if (n.publicIp() != null && n.connectivity() == NatGateway.Connectivity.PUBLIC) publics.add(new Object[]{n.publicIp(), fn});
        }
        for (io.reachsim.model.Pod pod : network.pods()) {
            FInterface pi = interfaces.get(pod.id());
            if (pi != null && pod.snat()) pi.snatNode = interfaces.get(pod.node());
        }
        for (io.reachsim.model.EksCluster c : network.eksClusters()) {
            if (c.publicEndpointIp() != null) publics.add(new Object[]{c.publicEndpointIp(), c});
        }
        natsBySubnet.forEach((fs, ns) -> {
            ns.sort(Comparator.comparing(o -> (Ip) o[0]));
            fs.natAddresses = ns.stream().map(o -> (Ip) o[0]).toArray(Ip[]::new);
            fs.nats = ns.stream().map(o -> (FNat) o[1]).toArray(FNat[]::new);
        });
        publics.sort(Comparator.comparing(o -> (Ip) o[0]));
        publicAddresses = publics.stream().map(o -> (Ip) o[0]).toArray(Ip[]::new);
        publicOwners = publics.stream().map(o -> o[1]).toArray();

        for (VpnGateway g : network.vpnGateways()) {
            ExternalNetwork[] behind = network.externals().stream().filter(x -> g.id().equals(x.via())).toArray(ExternalNetwork[]::new);
            vpnGateways.put(g.id(), new FVpnGateway(g.id(), vpcs.get(g.vpc()), g.remoteCidrs().toArray(Cidr[]::new), behind));
        }

        for (RouteTable t : network.routeTables()) {
            FRouteTable ft = tables.get(t.id());
            Vpc v = vpcs.get(t.vpc()).vpc;
            RouteTarget local = new RouteTarget.Local();
            for (Cidr c : v.cidrs()) add(ft, new FRoute(c, null, local, FRoute.LOCAL, null, null, null));
            for (Cidr c : v.ipv6Cidrs()) add(ft, new FRoute(c, null, local, FRoute.LOCAL, null, null, null));
            for (Route r : t.routes()) {
                FNat nat = r.target() instanceof RouteTarget.NatGateway n ? nats.get(n.id()) : null;
                FInterface app = r.target() instanceof RouteTarget.NetworkInterface e ? interfaces.get(e.id())
                        : r.target() instanceof RouteTarget.Instance i ? interfaces.get(primaryInterface(i.id())) : null;
                FVpnGateway vgw = r.target() instanceof RouteTarget.VpnGateway g ? vpnGateways.get(g.id()) : null;
                if (r.destination() instanceof Route.RouteDestination.CidrDestination d) {
                    add(ft, new FRoute(d.cidr(), null, r.target(), FRoute.STATIC, nat, app, vgw));
                } else if (r.destination() instanceof Route.RouteDestination.PrefixListDestination d) {
                    for (Cidr c : prefixLists.getOrDefault(d.prefixListId(), new Cidr[0])) {
                        add(ft, new FRoute(c, d.prefixListId(), r.target(), FRoute.PREFIX_LIST, nat, app, vgw));
                    }
                }
            }
            for (String g : t.propagatingVgws()) {
                FVpnGateway vgw = vpnGateways.get(g);
                if (vgw == null) continue;
                for (Cidr c : vgw.remoteCidrs) {
                    add(ft, new FRoute(c, null, new RouteTarget.VpnGateway(g), FRoute.PROPAGATED, null, null, vgw));
                }
            }
        }
    }

    private String primaryInterface(String instanceId) {
        return network.instance(instanceId).map(i -> i.networkInterfaces().isEmpty() ? instanceId : i.networkInterfaces().get(0))
                .orElse(instanceId);
    }

    private static void add(FRouteTable t, FRoute r) {
        (r.cidr.version() == 4 ? t.v4 : t.v6).put(r.cidr, r, FRoute::better);
    }

    private static AclEntry[] sorted(List<AclEntry> entries) {
        return entries.stream().sorted(Comparator.comparingInt(AclEntry::ruleNumber)).toArray(AclEntry[]::new);
    }

    /** The group indexes of {@code groupIds} (no caching: virtualHost calls this while tracing, on many threads). */
    private int[] bits(List<String> groupIds) {
        int[] b = new int[groupIds.size()];
        int n = 0;
        for (String g : groupIds) {
            Integer i = groupIndex.get(g);
            if (i != null) b[n++] = i;
        }
        return n == b.length ? b : Arrays.copyOf(b, n);
    }

    private FRuleSet ruleSet(List<String> groupIds) {
        return ruleSets.computeIfAbsent(List.copyOf(groupIds), this::buildRuleSet);
    }

    private FRuleSet buildRuleSet(List<String> groupIds) {
        int buckets = Protocol.values().length;
        List<List<FSgRule>> in = new ArrayList<>();
        List<List<FSgRule>> out = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            in.add(new ArrayList<>());
            out.add(new ArrayList<>());
        }
        int order = 0;
        for (String gid : groupIds) {
            SecurityGroup g = groups.get(gid);
            if (g == null) continue;
            order = bucket(gid, g.ingress(), in, order);
            order = bucket(gid, g.egress(), out, order);
        }
        return new FRuleSet(toArrays(in), toArrays(out));
    }

    private int bucket(String gid, List<SgRule> rules, List<List<FSgRule>> into, int order) {
        for (int i = 0; i < rules.size(); i++) {
            SgRule r = rules.get(i);
            Cidr[] cidrs = null;
            int peerGroup = -1;
            if (r.peer() instanceof SgRule.SgPeer.CidrPeer c) {
                cidrs = new Cidr[]{c.cidr()};
            } else if (r.peer() instanceof SgRule.SgPeer.PrefixListPeer p) {
                cidrs = prefixLists.getOrDefault(p.prefixListId(), new Cidr[0]);
            } else if (r.peer() instanceof SgRule.SgPeer.GroupPeer g) {
                peerGroup = groupIndex.getOrDefault(g.groupId(), -1);
            }
            FSgRule fr = new FSgRule(gid, i + 1, r, order++, cidrs, peerGroup);
            if (r.protocol() == Protocol.ALL) {
                for (List<FSgRule> b : into) b.add(fr);
            } else {
                into.get(r.protocol().ordinal()).add(fr);
            }
        }
        return order;
    }

    private static FSgRule[][] toArrays(List<List<FSgRule>> lists) {
        FSgRule[][] a = new FSgRule[lists.size()][];
        for (int i = 0; i < a.length; i++) a[i] = lists.get(i).toArray(FSgRule[]::new);
        return a;
    }

    // ---- look-ups used by the tracer (by compiled reference or by address; names only at flow set-up) ----

    public FInterface networkInterface(String id) {
        return interfaces.get(id);
    }

    public FSubnet subnet(String id) {
        return subnets.get(id);
    }

    public FVpnGateway vpnGateway(String id) {
        return vpnGateways.get(id);
    }

    /** A host for a flow endpoint with no interface: in {@code subnet}, at {@code ip}, with the VPC default group. */
    public FInterface virtualHost(FSubnet subnet, Ip ip) {
        FVpc v = subnet.vpc;
        List<String> g = v.defaultGroup == null ? List.of() : List.of(v.defaultGroup);
        return new FInterface(subnet.id() + "/" + ip, subnet, ip.isV4() ? ip : null, ip.isV4() ? null : ip, null,
                new Ip[0], true, g, bits(g), v.defaultGroups, true);
    }

    /** The interface, NAT gateway or EKS cluster (public API endpoint) owning a public IPv4 address, or null. */
    public Object publicOwner(Ip ip) {
        int i = Arrays.binarySearch(publicAddresses, ip);
        return i >= 0 ? publicOwners[i] : null;
    }

    /** The VPC whose CIDRs hold {@code ip} (first declared on overlap), or null. */
    public FVpc vpcAt(Ip ip) {
        return ip.isV4() ? vpcByAddress4.longestMatch(ip) : vpcByAddress6.longestMatch(ip);
    }

    /** An internet-side external network holding {@code ip}, or null. */
    public String internetExternalAt(Ip ip) {
        for (ExternalNetwork x : internetExternals) if (x.contains(ip)) return x.id();
        return null;
    }

    public int groupIndex(String groupId) {
        return groupIndex.getOrDefault(groupId, -1);
    }
}
