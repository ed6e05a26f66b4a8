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
    /** An address and what holds it, while the sorted lookup arrays are built. */
    private record Addressed<T>(Ip ip, T owner) {}

    /** Virtual hosts built so far, by address (see {@link #virtualHost}); read and written while tracing, on many threads. */
    private final java.util.concurrent.ConcurrentHashMap<Ip, FInterface> virtualHosts = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int VIRTUAL_HOST_CACHE = 1 << 16;
    private final Map<String, FSubnet> subnets = new HashMap<>();
    private final Map<String, FInterface> interfaces = new HashMap<>();
    private final Map<String, FVpnGateway> vpnGateways = new HashMap<>();
    private final Map<String, FPeering> peerings = new HashMap<>();
    private final Map<String, FTransitGateway> transitGateways = new HashMap<>();
    private final Map<String, FTransitGateway.Attachment> tgwAttachments = new HashMap<>();
    private final Map<String, Integer> groupIndex = new HashMap<>();
    private final Map<String, Cidr[]> prefixLists = new HashMap<>();
    private final Map<List<String>, FRuleSet> ruleSets = new HashMap<>();
    private final Map<String, SecurityGroup> groups = new HashMap<>();
    private final List<FVpc> vpcList = new ArrayList<>();
    private final PrefixTrie<FVpc> vpcByAddress4 = new PrefixTrie<>(4);
    private final PrefixTrie<FVpc> vpcByAddress6 = new PrefixTrie<>(6);
    /** Public IPv4 addresses (sorted) and their owners. */
    private Ip[] publicAddresses;
    private PublicOwner[] publicOwners;
    private final ExternalNetwork[] internetExternals;
    // PrivateLink and VPC Lattice (see buildServices)
    private final Map<String, FLoadBalancer> loadBalancers = new HashMap<>();
    private final Map<String, FPrivateLinkEndpoint> privateLinkByInterface = new HashMap<>();
    private FLattice lattice;

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
        }
        // Rule sets after every VPC is known: a group may reference a peered VPC's group.
        for (FVpc fv : vpcList) fv.defaultGroups = ruleSet(fv.defaultGroup == null ? List.of() : List.of(fv.defaultGroup));
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

        Map<FSubnet, List<Addressed<FInterface>>> hostsBySubnet = new HashMap<>();
        List<Addressed<PublicOwner>> publics = new ArrayList<>();
        for (NetworkInterface e : network.networkInterfaces()) {
            FSubnet fs = subnets.get(e.subnet());
            FInterface fi = new FInterface(e.id(), fs, e.privateIp(), e.ipv6Ip(), e.publicIp(),
                    e.secondaryPrivateIps().toArray(Ip[]::new), e.sourceDestCheck(), e.securityGroups(),
                    bits(e.securityGroups()), ruleSet(e.securityGroups()), false);
            interfaces.put(e.id(), fi);
            List<Addressed<FInterface>> hs = hostsBySubnet.computeIfAbsent(fs, k -> new ArrayList<>());
            if (e.privateIp() != null) hs.add(new Addressed<>(e.privateIp(), fi));
            for (Ip ip : e.secondaryPrivateIps()) hs.add(new Addressed<>(ip, fi));
            if (e.ipv6Ip() != null) hs.add(new Addressed<>(e.ipv6Ip(), fi));
            if (e.publicIp() != null) publics.add(new Addressed<>(e.publicIp(), new PublicOwner.OfInterface(fi)));
        }
        hostsBySubnet.forEach((fs, hs) -> {
            hs.sort(Comparator.comparing(Addressed::ip));
            fs.hostAddresses = hs.stream().map(Addressed::ip).toArray(Ip[]::new);
            fs.hosts = hs.stream().map(Addressed::owner).toArray(FInterface[]::new);
        });

        Map<String, FNat> nats = new HashMap<>();
        Map<FSubnet, List<Addressed<FNat>>> natsBySubnet = new HashMap<>();
        for (NatGateway n : network.natGateways()) {
            FSubnet fs = subnets.get(n.subnet());
            FNat fn = new FNat(n, fs);
            nats.put(n.id(), fn);
            List<Addressed<FNat>> ns = natsBySubnet.computeIfAbsent(fs, k -> new ArrayList<>());
            ns.add(new Addressed<>(n.privateIp(), fn));
            for (Ip ip : n.secondaryPrivateIps()) ns.add(new Addressed<>(ip, fn));
            if (n.publicIp() != null && n.connectivity() == NatGateway.Connectivity.PUBLIC) {
                publics.add(new Addressed<>(n.publicIp(), new PublicOwner.OfNat(fn)));
            }
        }
        for (io.reachsim.model.Pod pod : network.pods()) {
            FInterface pi = interfaces.get(pod.id());
            if (pi != null && pod.snat()) pi.snatNode = interfaces.get(pod.node());
        }
        for (io.reachsim.model.EksCluster c : network.eksClusters()) {
            if (c.publicEndpointIp() != null) publics.add(new Addressed<>(c.publicEndpointIp(), new PublicOwner.OfEksEndpoint(c)));
        }
        natsBySubnet.forEach((fs, ns) -> {
            ns.sort(Comparator.comparing(Addressed::ip));
            fs.natAddresses = ns.stream().map(Addressed::ip).toArray(Ip[]::new);
            fs.nats = ns.stream().map(Addressed::owner).toArray(FNat[]::new);
        });
        publics.sort(Comparator.comparing(Addressed::ip));
        publicAddresses = publics.stream().map(Addressed::ip).toArray(Ip[]::new);
        publicOwners = publics.stream().map(Addressed::owner).toArray(PublicOwner[]::new);

        for (VpnGateway g : network.vpnGateways()) {
            ExternalNetwork[] behind = network.externals().stream().filter(x -> g.id().equals(x.via())).toArray(ExternalNetwork[]::new);
            vpnGateways.put(g.id(), new FVpnGateway(g.id(), vpcs.get(g.vpc()), g.remoteCidrs().toArray(Cidr[]::new), behind));
        }

        buildCrossVpc();

        for (RouteTable t : network.routeTables()) {
            FRouteTable ft = tables.get(t.id());
            Vpc v = vpcs.get(t.vpc()).vpc;
            RouteTarget local = new RouteTarget.Local();
            for (Cidr c : v.cidrs()) add(ft, new FRoute(c, null, local, FRoute.Origin.LOCAL, FRoute.NONE));
            for (Cidr c : v.ipv6Cidrs()) add(ft, new FRoute(c, null, local, FRoute.Origin.LOCAL, FRoute.NONE));
            for (Route r : t.routes()) {
                FRoute.Resolved to = resolve(r.target(), nats);
                if (r.destination() instanceof Route.RouteDestination.CidrDestination d) {
                    add(ft, new FRoute(d.cidr(), null, r.target(), FRoute.Origin.STATIC, to));
                } else if (r.destination() instanceof Route.RouteDestination.PrefixListDestination d) {
                    for (Cidr c : prefixLists.getOrDefault(d.prefixListId(), new Cidr[0])) {
                        add(ft, new FRoute(c, d.prefixListId(), r.target(), FRoute.Origin.PREFIX_LIST, to));
                    }
                }
            }
            for (String g : t.propagatingVgws()) {
                FVpnGateway vgw = vpnGateways.get(g);
                if (vgw == null) continue;
                for (Cidr c : vgw.remoteCidrs) {
                    // AWS (Site-to-Site VPN route priority): a propagated route overlapping the VPC's local route loses
                    // to it even when more specific, so one inside a VPC CIDR never decides anything.
                    if (insideAny(c, v)) continue;
                    add(ft, new FRoute(c, null, new RouteTarget.VpnGateway(g), FRoute.Origin.PROPAGATED, new FRoute.Resolved.ToVpnGateway(vgw)));
                }
            }
        }
        buildServices();
    }

    /** The compiled object a route target names; {@link FRoute#NONE} when there is none. */
    private FRoute.Resolved resolve(RouteTarget target, Map<String, FNat> nats) {
        if (target instanceof RouteTarget.NatGateway n) return resolved(nats.get(n.id()), FRoute.Resolved.ToNat::new);
        if (target instanceof RouteTarget.NetworkInterface e) return resolved(interfaces.get(e.id()), FRoute.Resolved.ToAppliance::new);
        if (target instanceof RouteTarget.Instance i) {
            return resolved(interfaces.get(primaryInterface(i.id())), FRoute.Resolved.ToAppliance::new);
        }
        if (target instanceof RouteTarget.VpnGateway g) return resolved(vpnGateways.get(g.id()), FRoute.Resolved.ToVpnGateway::new);
        if (target instanceof RouteTarget.VpcPeering x) return resolved(peerings.get(x.id()), FRoute.Resolved.ToPeering::new);
        if (target instanceof RouteTarget.TransitGateway x) {
            return resolved(transitGateways.get(x.id()), FRoute.Resolved.ToTransitGateway::new);
        }
        return FRoute.NONE;
    }

    private static <T> FRoute.Resolved resolved(T compiled, java.util.function.Function<T, FRoute.Resolved> as) {
        return compiled == null ? FRoute.NONE : as.apply(compiled);
    }

    private static boolean insideAny(Cidr c, Vpc v) {
        for (Cidr l : c.version() == 4 ? v.cidrs() : v.ipv6Cidrs()) if (l.contains(c)) return true;
        return false;
    }

    // ---- PrivateLink, load balancers and VPC Lattice ----

    private void buildServices() {
        for (io.reachsim.model.LoadBalancer lb : network.loadBalancers()) {
            FInterface[] nodes = new FInterface[lb.networkInterfaces().size()];
            String[] azs = new String[nodes.length];
            for (int i = 0; i < nodes.length; i++) {
                nodes[i] = interfaces.get(lb.networkInterfaces().get(i));
                azs[i] = nodes[i] == null ? null : nodes[i].subnet.subnet.az();
            }
            int n = lb.listeners().size();
            Ip[][] ips = new Ip[n][];
            String[][] labels = new String[n][];
            int[][] ports = new int[n][];
            String[][] zones = new String[n][];
            FVpc lbVpc = vpcs.get(lb.vpc());
            for (int l = 0; l < n; l++) {
                List<io.reachsim.model.LoadBalancer.Target> ts = lb.listeners().get(l).targets();
                ips[l] = new Ip[ts.size()];
                labels[l] = new String[ts.size()];
                ports[l] = new int[ts.size()];
                zones[l] = new String[ts.size()];
                for (int t = 0; t < ts.size(); t++) {
                    io.reachsim.model.LoadBalancer.Target target = ts.get(t);
                    ips[l][t] = target.instance() != null ? instanceAddress(target.instance()) : target.ip();
                    labels[l][t] = target.instance() != null ? target.instance() : String.valueOf(target.ip());
                    ports[l][t] = target.port() > 0 ? target.port() : lb.listeners().get(l).port();
                    FSubnet ts2 = ips[l][t] == null || lbVpc == null ? null : lbVpc.subnetAt(ips[l][t]);
                    zones[l][t] = ts2 == null ? null : ts2.subnet.az();
                }
            }
            FLoadBalancer f = new FLoadBalancer(lb, lbVpc, nodes, azs, ips, labels, ports, zones);
            loadBalancers.put(lb.id(), f);
            for (FInterface node : nodes) if (node != null) node.loadBalancer = f;
        }
        Map<String, io.reachsim.model.EndpointService> services = new HashMap<>();
        for (io.reachsim.model.EndpointService es : network.endpointServices()) services.put(es.id(), es);
        for (io.reachsim.model.VpcEndpoint ep : network.vpcEndpoints()) {
            io.reachsim.model.EndpointService es = services.get(ep.service());
            if (ep.type() != io.reachsim.model.VpcEndpoint.Type.INTERFACE || es == null) continue;
            FLoadBalancer lb = loadBalancers.get(es.loadBalancer());
            if (lb == null) continue;
            for (String eni : ep.networkInterfaces()) {
                FInterface fi = interfaces.get(eni);
                if (fi == null) continue;
                FPrivateLinkEndpoint pl = new FPrivateLinkEndpoint(ep.id(), es.id(), lb, lb.nodeIn(fi.subnet.subnet.az()),
                        es.acceptanceRequired(), es.acceptedEndpoints().contains(ep.id()), es.allowedPrincipals());
                privateLinkByInterface.put(eni, pl);
                fi.privateLink = pl;
            }
        }
        io.reachsim.model.Lattice l = network.lattice();
        if (l.prefixList() == null) return;
        FLattice fl = new FLattice(l.prefixList(), prefixLists.getOrDefault(l.prefixList(), new Cidr[0]));
        Map<String, FLattice.TargetGroup> groupsById = new HashMap<>();
        for (io.reachsim.model.Lattice.TargetGroup tg : l.targetGroups()) {
            int k = tg.targets().size();
            Ip[] ips = new Ip[k];
            String[] labels = new String[k];
            int[] ports = new int[k];
            for (int t = 0; t < k; t++) {
                io.reachsim.model.Lattice.Target target = tg.targets().get(t);
                ips[t] = target.instance() != null ? instanceAddress(target.instance()) : target.ip();
                labels[t] = target.instance() != null ? target.instance() : String.valueOf(target.ip());
                ports[t] = target.port() > 0 ? target.port() : tg.port();
            }
            groupsById.put(tg.id(), new FLattice.TargetGroup(tg, vpcs.get(tg.vpc()), ips, labels, ports));
        }
        for (int i = 0; i < l.services().size(); i++) {
            io.reachsim.model.Lattice.Service svc = l.services().get(i);
            FLattice.TargetGroup[] tgs = svc.listeners().stream().map(x -> groupsById.get(x.targetGroup()))
                    .toArray(FLattice.TargetGroup[]::new);
            FLattice.Service fs = new FLattice.Service(svc, FLattice.serviceAddress(fl.cidrs, i, 4),
                    FLattice.serviceAddress(fl.cidrs, i, 6), tgs);
            fl.byId.put(svc.id(), fs);
            if (fs.address4 != null) fl.byAddress.put(fs.address4, fs);
            if (fs.address6 != null) fl.byAddress.put(fs.address6, fs);
        }
        for (io.reachsim.model.Lattice.ServiceNetwork sn : l.serviceNetworks()) {
            for (io.reachsim.model.Lattice.VpcAssociation a : sn.vpcAssociations()) {
                FInterface gate = null;
                FSubnet any = firstSubnetOf(a.vpc());
                if (!a.securityGroups().isEmpty() && any != null) {
                    // The association's groups, evaluated like an interface of that VPC (group references resolve there).
                    gate = new FInterface(sn.id() + "@" + a.vpc(), any, null, null, null, new Ip[0], false, a.securityGroups(),
                            bits(a.securityGroups()), ruleSet(a.securityGroups()), true);
                }
                fl.byVpc.put(a.vpc(), new FLattice.Association(sn, a.vpc(), gate));
            }
        }
        lattice = fl;
    }

    private Ip instanceAddress(String instance) {
        FInterface fi = interfaces.get(primaryInterface(instance));
        return fi == null ? null : fi.privateIp;
    }

    private FSubnet firstSubnetOf(String vpc) {
        for (io.reachsim.model.Subnet s : network.subnets()) if (vpc.equals(s.vpc())) return subnets.get(s.id());
        return null;
    }

    public FLoadBalancer loadBalancer(String id) {
        return loadBalancers.get(id);
    }

    /** The PrivateLink side of an interface endpoint's network interface, or null when it is not one. */
    public FPrivateLinkEndpoint privateLinkEndpoint(String interfaceId) {
        return privateLinkByInterface.get(interfaceId);
    }

    /** VPC Lattice, or null when the network has none. */
    public FLattice lattice() {
        return lattice;
    }

    /**
     * Peering connections and transit gateways: each TGW route table gets its static and blackhole routes
     * and the routes propagated into it (a VPC attachment's VPC CIDRs, a VPN attachment's remote CIDRs).
     */
    private void buildCrossVpc() {
        for (io.reachsim.model.VpcPeering p : network.vpcPeerings()) {
            peerings.put(p.id(), new FPeering(p.id(), vpcs.get(p.requester()), vpcs.get(p.accepter())));
        }
        for (io.reachsim.model.TransitGateway t : network.transitGateways()) {
            FTransitGateway g = new FTransitGateway(t.id());
            transitGateways.put(t.id(), g);
            Map<String, FTransitGateway.RouteTable> tables = new HashMap<>();
            for (io.reachsim.model.TransitGateway.RouteTable rt : t.routeTables()) tables.put(rt.id(), new FTransitGateway.RouteTable(rt.id()));
            for (io.reachsim.model.TransitGateway.Attachment a : t.attachments()) {
                FVpc v = a.vpc() == null ? null : vpcs.get(a.vpc());
                FSubnet[] subs = a.subnets().stream().map(subnets::get).toArray(FSubnet[]::new);
                ExternalNetwork[] behind = network.externals().stream().filter(x -> a.id().equals(x.via())).toArray(ExternalNetwork[]::new);
                FTransitGateway.Attachment fa = new FTransitGateway.Attachment(a.id(), g, a.type(), v, subs,
                        a.association() == null ? null : tables.get(a.association()), a.applianceMode(), a.ipv6Support(),
                        a.remoteCidrs().toArray(Cidr[]::new), behind);
                tgwAttachments.put(a.id(), fa);
                if (v != null) g.byVpc.putIfAbsent(v, fa);
            }
            for (io.reachsim.model.TransitGateway.RouteTable rt : t.routeTables()) {
                FTransitGateway.RouteTable ft = tables.get(rt.id());
                for (io.reachsim.model.TransitGateway.TgwRoute r : rt.routes()) {
                    FTransitGateway.Attachment to = r.blackhole() ? null : tgwAttachments.get(r.attachment());
                    if (r.destination() instanceof Route.RouteDestination.CidrDestination d) {
                        ft.add(new FTransitGateway.Route(d.cidr(), null, to, r.blackhole(), FTransitGateway.Route.Origin.STATIC));
                    } else if (r.destination() instanceof Route.RouteDestination.PrefixListDestination d) {
                        for (Cidr c : prefixLists.getOrDefault(d.prefixListId(), new Cidr[0])) {
                            ft.add(new FTransitGateway.Route(c, d.prefixListId(), to, r.blackhole(), FTransitGateway.Route.Origin.PREFIX_LIST));
                        }
                    }
                }
            }
            // Propagated routes, in attachment order. AWS (tgw-vpc-attachments, CreateTransitGatewayVpcAttachment): a VPC
            // CIDR that overlaps one already propagated into the table (identical or not) is not propagated.
            Map<String, List<Cidr>> propagatedVpcCidrs = new HashMap<>();
            for (io.reachsim.model.TransitGateway.Attachment a : t.attachments()) {
                FTransitGateway.Attachment fa = tgwAttachments.get(a.id());
                for (String rtId : a.propagations()) {
                    FTransitGateway.RouteTable ft = tables.get(rtId);
                    if (ft == null) continue;
                    if (fa.isVpn()) {
                        for (Cidr c : a.remoteCidrs()) ft.add(new FTransitGateway.Route(c, null, fa, false, FTransitGateway.Route.Origin.PROPAGATED_VPN));
                    } else if (fa.vpc != null) {
                        List<Cidr> taken = propagatedVpcCidrs.computeIfAbsent(rtId, k -> new ArrayList<>());
                        List<Cidr> own = new ArrayList<>(fa.vpc.vpc.cidrs());
                        if (a.ipv6Support()) own.addAll(fa.vpc.vpc.ipv6Cidrs());
                        for (Cidr c : own) {
                            if (taken.stream().anyMatch(c::overlaps)) continue;
                            taken.add(c);
                            ft.add(new FTransitGateway.Route(c, null, fa, false, FTransitGateway.Route.Origin.PROPAGATED_VPC));
                        }
                    }
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
            if (peerGroup >= 0) {
                SecurityGroup pg = groups.get(((SgRule.SgPeer.GroupPeer) r.peer()).groupId());
                fr.peerVpc = pg == null ? null : vpcs.get(pg.vpc());
            }
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

    public FPeering peering(String id) {
        return peerings.get(id);
    }

    public FTransitGateway transitGateway(String id) {
        return transitGateways.get(id);
    }

    /** A transit gateway attachment by id (the {@code via} of an external behind a VPN attachment), or null. */
    public FTransitGateway.Attachment tgwAttachment(String id) {
        return tgwAttachments.get(id);
    }

    /**
     * A host for a flow endpoint with no interface: in {@code subnet}, at {@code ip}, with the VPC default group.
     * Built once per address and shared (a virtual host is immutable; connection tracking is per trace), so tracing
     * allocates none; past {@link #VIRTUAL_HOST_CACHE} addresses, or for an address of overlapping VPCs, built anew.
     */
    public FInterface virtualHost(FSubnet subnet, Ip ip) {
        FInterface cached = virtualHosts.get(ip);
        if (cached != null && cached.subnet == subnet) return cached;
        FInterface h = newVirtualHost(subnet, ip);
        if (cached == null && virtualHosts.size() < VIRTUAL_HOST_CACHE) {
            FInterface raced = virtualHosts.putIfAbsent(ip, h);
            if (raced != null && raced.subnet == subnet) return raced;
        }
        return h;
    }

    private FInterface newVirtualHost(FSubnet subnet, Ip ip) {
        FVpc v = subnet.vpc;
        List<String> g = v.defaultGroup == null ? List.of() : List.of(v.defaultGroup);
        return new FInterface(subnet.id() + "/" + ip, subnet, ip.isV4() ? ip : null, ip.isV4() ? null : ip, null,
                new Ip[0], true, g, bits(g), v.defaultGroups, true);
    }

    /** The interface, NAT gateway or EKS cluster (public API endpoint) owning a public IPv4 address, or null. */
    public PublicOwner publicOwner(Ip ip) {
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
