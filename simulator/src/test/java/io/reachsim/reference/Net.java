package io.reachsim.reference;

import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EgressOnlyInternetGateway;
import io.reachsim.model.EksCluster;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Instance;
import io.reachsim.model.InternetGateway;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Pod;
import io.reachsim.model.PortRange;
import io.reachsim.model.PrefixList;
import io.reachsim.model.Protocol;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpcEndpoint;
import io.reachsim.model.VpnGateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small test-side builder for {@link Network}s that materialises AWS's implicit objects the way the
 * loader does (DESIGN §5): per VPC a default security group {@code <vpc>-default} (all in from itself,
 * all out), a default network ACL {@code <vpc>-acl} (allow all, both families, both ways) and a main
 * route table {@code <vpc>-main} (local routes only unless routes are added to it); an instance's
 * primary interface has the instance's id. Used by the hand-written tests and by {@link RandomNetworks}.
 *
 * <p>EKS clusters and VPC endpoints are built the way the loader materialises them (DESIGN §4, model
 * {@link EksCluster}, {@link Pod}, {@link VpcEndpoint}): the cluster group {@code eks-cluster-sg-<name>} (all
 * in from itself, all out), X-ENIs {@code <cluster>-xeni-<n>}, nodes {@code <cluster>-<group>-<subnet>}
 * (instances), pods {@code <node>-pod} (interfaces, with a {@link Pod} record; an IPv6 pod has no private
 * IPv4), interface endpoint interfaces {@code <endpoint>-<subnet>}, and for a gateway endpoint the
 * prefix-list route in each of its route tables.
 */
final class Net {

    private static final class VpcSpec {
        final String id;
        final List<Cidr> cidrs = new ArrayList<>();
        final List<Cidr> v6 = new ArrayList<>();
        List<SgRule> defaultIngress;
        List<SgRule> defaultEgress;

        VpcSpec(String id) {
            this.id = id;
        }
    }

    private static final class SubnetSpec {
        final String id, vpc;
        final Cidr cidr;
        Cidr v6;
        String routeTable, acl;
        String az = "us-east-1a";

        SubnetSpec(String id, String vpc, Cidr cidr) {
            this.id = id;
            this.vpc = vpc;
            this.cidr = cidr;
        }
    }

    private static final class TableSpec {
        final String id, vpc;
        final boolean main;
        final List<Route> routes = new ArrayList<>();
        final List<String> propagating = new ArrayList<>();

        TableSpec(String id, String vpc, boolean main) {
            this.id = id;
            this.vpc = vpc;
            this.main = main;
        }
    }

    /** A network interface being described; fluent setters. */
    static final class Eni {
        final Net net;
        final String id, subnet, instance;
        final Ip ip;
        final List<Ip> secondary = new ArrayList<>();
        Ip v6, pub;
        List<String> sgs;
        boolean sdc = true;

        /** {@code ip} null: no private IPv4 (a pod of an IPv6 cluster); give it {@link #v6}. */
        Eni(Net net, String id, String subnet, Ip ip, String instance) {
            this.net = net;
            this.id = id;
            this.subnet = subnet;
            this.ip = ip;
            this.instance = instance;
        }

        Eni v6(String a) { this.v6 = Ip.parse(a); return this; }
        Eni pub(String a) { this.pub = Ip.parse(a); return this; }
        Eni secondary(String a) { this.secondary.add(Ip.parse(a)); return this; }
        Eni sgs(String... ids) { this.sgs = List.of(ids); return this; }
        Eni sdc(boolean on) { this.sdc = on; return this; }
        /** Back to the network being built. */
        Net end() { return net; }
    }

    /** An EKS cluster being described: the loader's materialised records, built by hand. */
    static final class Cluster {
        final Net net;
        final String name, vpc;
        int ipFamily = 4;
        final List<String> subnets = new ArrayList<>();
        final List<String> extraGroups = new ArrayList<>();
        boolean publicAccess = true, privateAccess = false;
        List<Cidr> publicAccessCidrs = List.of(Cidr.ANY_V4);
        Ip endpointIp;
        final List<String> xenis = new ArrayList<>();
        final Map<String, List<String>> groupSgs = new LinkedHashMap<>();
        final Map<String, List<String>> groupSubnets = new LinkedHashMap<>();
        final Map<String, List<String>> groupNodes = new LinkedHashMap<>();
        final Map<String, EksCluster.EniConfig> customNetworking = new LinkedHashMap<>();
        boolean externalSnat;
        final List<Pod> pods = new ArrayList<>();

        Cluster(Net net, String name, String vpc) {
            this.net = net;
            this.name = name;
            this.vpc = vpc;
        }

        String sg() { return EksCluster.clusterSecurityGroupId(name); }

        Cluster ipv6() { this.ipFamily = 6; return this; }

        /** Additional security groups of the control plane (on the X-ENIs besides the cluster group). */
        Cluster groups(String... ids) { extraGroups.addAll(List.of(ids)); return this; }

        Cluster access(boolean publicAccess, boolean privateAccess, String... publicAccessCidrs) {
            this.publicAccess = publicAccess;
            this.privateAccess = privateAccess;
            if (publicAccessCidrs.length > 0) this.publicAccessCidrs = List.of(publicAccessCidrs).stream().map(Cidr::parse).toList();
            return this;
        }

        /** The public endpoint's stand-in address (the loader takes them from 198.19.255.0/24). */
        Cluster publicEndpoint(String ip) { this.endpointIp = Ip.parse(ip); return this; }

        /** An X-ENI {@code <cluster>-xeni-<n>} (n from 1) in a cluster subnet, with the cluster's groups. */
        Cluster xeni(String subnet, String ip) {
            if (!subnets.contains(subnet)) subnets.add(subnet);
            String id = name + "-xeni-" + (xenis.size() + 1);
            List<String> g = new ArrayList<>(List.of(sg()));
            g.addAll(extraGroups);
            net.eni(id, subnet, ip).sgs(g.toArray(String[]::new));
            xenis.add(id);
            return this;
        }

        /** A node group; no groups given: the cluster security group (EKS's default). */
        Cluster nodeGroup(String group, String... sgs) {
            groupSgs.put(group, sgs.length == 0 ? List.of(sg()) : List.of(sgs));
            groupSubnets.put(group, new ArrayList<>());
            groupNodes.put(group, new ArrayList<>());
            return this;
        }

        /** The node of {@code group} in {@code subnet}: an instance {@code <cluster>-<group>-<subnet>}. */
        Cluster node(String group, String subnet, String ip) {
            return node(group, subnet, ip, e -> {});
        }

        /** A node, with more said about its interface ({@code e -> e.pub(...)}, {@code e -> e.v6(...)}). */
        Cluster node(String group, String subnet, String ip, java.util.function.Consumer<Eni> more) {
            String id = nodeId(group, subnet);
            groupSubnets.get(group).add(subnet);
            groupNodes.get(group).add(id);
            more.accept(net.instance(id, subnet, ip).sgs(groupSgs.get(group).toArray(String[]::new)));
            return this;
        }

        String nodeId(String group, String subnet) { return name + "-" + group + "-" + subnet; }

        /**
         * The pod {@code <node>-pod} of a node, in {@code subnet} (the node's, or another under custom
         * networking) at {@code ip} (an IPv6 address: an IPv6 pod without private IPv4), carrying
         * {@code sgs} (none: the node's groups).
         */
        Cluster pod(String node, String subnet, String ip, boolean snat, String... sgs) {
            String group = null;
            for (Map.Entry<String, List<String>> e : groupNodes.entrySet()) if (e.getValue().contains(node)) group = e.getKey();
            Ip a = Ip.parse(ip);
            Eni e = a.isV4() ? net.eni(node + "-pod", subnet, ip) : net.eni(node + "-pod", subnet, null).v6(ip);
            e.sgs(sgs.length > 0 ? sgs : groupSgs.get(group).toArray(String[]::new));
            pods.add(new Pod(node + "-pod", name, group, null, node, snat));
            return this;
        }

        /** Records an ENIConfig (custom networking) for the cluster record; pods are placed with {@link #pod}. */
        Cluster eniConfig(String az, String subnet, String... sgs) {
            customNetworking.put(az, new EksCluster.EniConfig(subnet, List.of(sgs)));
            return this;
        }

        Cluster externalSnat(boolean on) { this.externalSnat = on; return this; }

        Net end() { return net; }

        EksCluster record() {
            List<EksCluster.NodeGroup> groups = new ArrayList<>();
            for (String g : groupSgs.keySet()) {
                groups.add(new EksCluster.NodeGroup(g, groupSubnets.get(g), groupSgs.get(g), false, "m5.large", 2, 4,
                        groupNodes.get(g)));
            }
            return new EksCluster(name, vpc, subnets, ipFamily,
                    new EksCluster.EndpointAccess(publicAccess, privateAccess, publicAccessCidrs), extraGroups, sg(), groups,
                    new EksCluster.PodNetworking(customNetworking, externalSnat, List.of(), "strict"), xenis, endpointIp);
        }
    }

    private final String region;
    private final Map<String, VpcSpec> vpcs = new LinkedHashMap<>();
    private final Map<String, SubnetSpec> subnets = new LinkedHashMap<>();
    private final Map<String, TableSpec> tables = new LinkedHashMap<>();
    private final List<InternetGateway> igws = new ArrayList<>();
    private final List<EgressOnlyInternetGateway> eigws = new ArrayList<>();
    private final List<NatGateway> nats = new ArrayList<>();
    private final List<VpnGateway> vgws = new ArrayList<>();
    private final List<NetworkAcl> acls = new ArrayList<>();
    private final List<SecurityGroup> sgs = new ArrayList<>();
    private final List<PrefixList> pls = new ArrayList<>();
    private final List<Eni> enis = new ArrayList<>();
    private final List<ExternalNetwork> externals = new ArrayList<>();
    private final List<io.reachsim.model.VpcPeering> peerings = new ArrayList<>();
    private final List<io.reachsim.model.TransitGateway> transitGateways = new ArrayList<>();

    /** The subnet's availability zone (default us-east-1a). */
    Net az(String subnet, String az) {
        subnets.get(subnet).az = az;
        return this;
    }

    Net peering(String id, String requester, String accepter) {
        peerings.add(new io.reachsim.model.VpcPeering(id, requester, accepter));
        return this;
    }

    Net transitGateway(io.reachsim.model.TransitGateway t) {
        transitGateways.add(t);
        return this;
    }
    private final List<Cluster> clusters = new ArrayList<>();
    private final List<VpcEndpoint> endpoints = new ArrayList<>();

    private Net(String region) {
        this.region = region;
    }

    static Net create() {
        return new Net("us-east-1");
    }

    // ---- VPCs, subnets, route tables

    Net vpc(String id, String... cidrs) {
        VpcSpec v = new VpcSpec(id);
        for (String c : cidrs) {
            Cidr x = Cidr.parse(c);
            (x.version() == 4 ? v.cidrs : v.v6).add(x);
        }
        vpcs.put(id, v);
        tables.put(mainTableId(id), new TableSpec(mainTableId(id), id, true));
        return this;
    }

    static String mainTableId(String vpc) { return vpc + "-main"; }
    static String defaultSg(String vpc) { return vpc + "-default"; }
    static String defaultAcl(String vpc) { return vpc + "-acl"; }

    /** Replaces the default security group's rules (as a scenario redefining the group does). */
    Net defaultSgRules(String vpc, List<SgRule> ingress, List<SgRule> egress) {
        vpcs.get(vpc).defaultIngress = ingress;
        vpcs.get(vpc).defaultEgress = egress;
        return this;
    }

    Net subnet(String id, String vpc, String cidr) {
        subnets.put(id, new SubnetSpec(id, vpc, Cidr.parse(cidr)));
        return this;
    }

    Net subnet(String id, String vpc, String cidr, String v6) {
        subnet(id, vpc, cidr);
        subnets.get(id).v6 = Cidr.parse(v6);
        return this;
    }

    Net associate(String subnet, String routeTable) {
        subnets.get(subnet).routeTable = routeTable;
        return this;
    }

    Net useAcl(String subnet, String acl) {
        subnets.get(subnet).acl = acl;
        return this;
    }

    Net table(String id, String vpc, Route... routes) {
        TableSpec t = new TableSpec(id, vpc, false);
        t.routes.addAll(List.of(routes));
        tables.put(id, t);
        return this;
    }

    /** Adds routes to a table (use {@link #mainTableId} for the VPC's main table). */
    Net routes(String table, Route... routes) {
        tables.get(table).routes.addAll(List.of(routes));
        return this;
    }

    Net propagate(String table, String vgw) {
        tables.get(table).propagating.add(vgw);
        return this;
    }

    // ---- gateways

    Net igw(String id, String vpc) { igws.add(new InternetGateway(id, vpc)); return this; }
    Net eigw(String id, String vpc) { eigws.add(new EgressOnlyInternetGateway(id, vpc)); return this; }

    Net publicNat(String id, String subnet, String privateIp, String publicIp) {
        nats.add(new NatGateway(id, subnet, NatGateway.Connectivity.PUBLIC, Ip.parse(privateIp),
                publicIp == null ? null : Ip.parse(publicIp), List.of()));
        return this;
    }

    Net privateNat(String id, String subnet, String privateIp) {
        nats.add(new NatGateway(id, subnet, NatGateway.Connectivity.PRIVATE, Ip.parse(privateIp), null, List.of()));
        return this;
    }

    Net vgw(String id, String vpc, String... remoteCidrs) {
        vgws.add(new VpnGateway(id, vpc, List.of(remoteCidrs).stream().map(Cidr::parse).toList()));
        return this;
    }

    Net external(String id, String cidr, String via) {
        externals.add(new ExternalNetwork(id, Cidr.parse(cidr), null, via));
        return this;
    }

    Net externalIp(String id, String ip, String via) {
        externals.add(new ExternalNetwork(id, null, Ip.parse(ip), via));
        return this;
    }

    // ---- filters

    Net acl(String id, String vpc, List<AclEntry> ingress, List<AclEntry> egress) {
        acls.removeIf(a -> a.id().equals(id)); // a redefinition replaces
        acls.add(new NetworkAcl(id, vpc, false, ingress, egress));
        return this;
    }

    Net sg(String id, String vpc, List<SgRule> ingress, List<SgRule> egress) {
        sgs.removeIf(g -> g.id().equals(id)); // a redefinition replaces
        sgs.add(new SecurityGroup(id, vpc, id, ingress, egress));
        return this;
    }

    Net prefixList(String id, String... cidrs) {
        pls.add(new PrefixList(id, "pl-" + id, List.of(cidrs).stream().map(Cidr::parse).toList()));
        return this;
    }

    /** An AWS-managed prefix list with AWS's name, e.g. {@code com.amazonaws.us-east-1.s3}. */
    Net awsPrefixList(String id, String name, String... cidrs) {
        pls.add(new PrefixList(id, name, List.of(cidrs).stream().map(Cidr::parse).toList()));
        return this;
    }

    // ---- VPC endpoints

    /** A gateway endpoint, and (as the loader does) its prefix-list route in each of {@code tables}. */
    Net gatewayEndpoint(String id, String vpc, String service, String prefixList, String... tables) {
        endpoints.add(new VpcEndpoint(id, vpc, VpcEndpoint.Type.GATEWAY, service, List.of(tables), List.of(), List.of(),
                false, List.of()));
        for (String t : tables) routes(t, plRoute(prefixList, toVpce(id)));
        return this;
    }

    /**
     * An interface endpoint with one interface {@code <id>-<subnet>} per {@code subnet=ip} pair, carrying
     * {@code groups}.
     */
    Net interfaceEndpoint(String id, String vpc, String service, boolean privateDns, List<String> groups,
                          String... subnetIps) {
        List<String> subs = new ArrayList<>(), enis = new ArrayList<>();
        for (String si : subnetIps) {
            String[] parts = si.split("=", 2);
            subs.add(parts[0]);
            enis.add(id + "-" + parts[0]);
            eni(id + "-" + parts[0], parts[0], parts[1]).sgs(groups.toArray(String[]::new));
        }
        endpoints.add(new VpcEndpoint(id, vpc, VpcEndpoint.Type.INTERFACE, service, List.of(), subs, groups, privateDns, enis));
        return this;
    }

    // ---- EKS

    /** An EKS cluster with its cluster security group {@code eks-cluster-sg-<name>}; describe it, then {@code end()}. */
    Cluster cluster(String name, String vpc) {
        Cluster c = new Cluster(this, name, vpc);
        sg(c.sg(), vpc, List.of(allProto(c.sg())), List.of(allProto("0.0.0.0/0"), allProto("::/0")));
        clusters.add(c);
        return c;
    }

    // ---- hosts

    /** An instance and its primary interface (same id). Default SG of the VPC unless {@code sgs(...)}. */
    Eni instance(String id, String subnet, String ip) {
        Eni e = new Eni(this, id, subnet, Ip.parse(ip), id);
        enis.add(e);
        return e;
    }

    /** A standalone network interface; {@code ip} null for one with only an IPv6 address (set {@code v6}). */
    Eni eni(String id, String subnet, String ip) {
        Eni e = new Eni(this, id, subnet, ip == null ? null : Ip.parse(ip), null);
        enis.add(e);
        return e;
    }

    Network build() {
        Network.Builder b = Network.builder().region(region);
        for (VpcSpec v : vpcs.values()) {
            b.add(new Vpc(v.id, region, v.cidrs, v.v6, true, false, defaultSg(v.id), defaultAcl(v.id), mainTableId(v.id)));
            List<SgRule> in = v.defaultIngress != null ? v.defaultIngress
                    : List.of(new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.GroupPeer(defaultSg(v.id)), "default"));
            List<SgRule> out = v.defaultEgress != null ? v.defaultEgress
                    : List.of(new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V4), "default"),
                              new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V6), "default"));
            b.add(new SecurityGroup(defaultSg(v.id), v.id, "default", in, out));
            List<AclEntry> all = List.of(
                    new AclEntry(100, Protocol.ALL, null, -1, -1, Cidr.ANY_V4, AclEntry.Action.ALLOW),
                    new AclEntry(101, Protocol.ALL, null, -1, -1, Cidr.ANY_V6, AclEntry.Action.ALLOW));
            b.add(new NetworkAcl(defaultAcl(v.id), v.id, true, all, all));
        }
        for (SubnetSpec s : subnets.values()) {
            b.add(new Subnet(s.id, s.vpc, s.az, s.cidr, s.v6, s.routeTable, s.acl, Map.of()));
        }
        for (TableSpec t : tables.values()) {
            b.add(new RouteTable(t.id, t.vpc, t.main, t.routes, t.propagating));
        }
        igws.forEach(b::add);
        eigws.forEach(b::add);
        nats.forEach(b::add);
        vgws.forEach(b::add);
        acls.forEach(b::add);
        sgs.forEach(b::add);
        pls.forEach(b::add);
        for (Eni e : enis) {
            String vpc = subnets.get(e.subnet).vpc;
            List<String> groups = e.sgs != null ? e.sgs : List.of(defaultSg(vpc));
            b.add(new NetworkInterface(e.id, e.subnet, e.ip, e.secondary, e.v6, e.pub, groups, e.sdc, e.instance));
            if (e.instance != null) b.add(new Instance(e.id, e.subnet, List.of(e.id)));
        }
        externals.forEach(b::add);
        endpoints.forEach(b::add);
        peerings.forEach(b::add);
        transitGateways.forEach(b::add);
        for (Cluster c : clusters) {
            b.add(c.record());
            c.pods.forEach(b::add);
        }
        return b.build();
    }

    // ---- rule and route helpers

    static Route route(String destination, RouteTarget target) {
        return new Route(new Route.RouteDestination.CidrDestination(Cidr.parse(destination)), target);
    }

    static Route plRoute(String prefixList, RouteTarget target) {
        return new Route(new Route.RouteDestination.PrefixListDestination(prefixList), target);
    }

    static RouteTarget toIgw(String id) { return new RouteTarget.InternetGateway(id); }
    static RouteTarget toEigw(String id) { return new RouteTarget.EgressOnlyInternetGateway(id); }
    static RouteTarget toNat(String id) { return new RouteTarget.NatGateway(id); }
    static RouteTarget toVgw(String id) { return new RouteTarget.VpnGateway(id); }
    static RouteTarget toEni(String id) { return new RouteTarget.NetworkInterface(id); }
    static RouteTarget toInstance(String id) { return new RouteTarget.Instance(id); }
    static RouteTarget blackhole() { return new RouteTarget.Blackhole(); }
    static RouteTarget toVpce(String id) { return new RouteTarget.VpcEndpoint(id); }

    /** A peer written as a CIDR ({@code 10.0.0.0/16}), a prefix list ({@code pl-...}) or a group id. */
    static SgRule.SgPeer peer(String text) {
        if (text.contains("/")) return new SgRule.SgPeer.CidrPeer(Cidr.parse(text));
        if (text.startsWith("pl-")) return new SgRule.SgPeer.PrefixListPeer(text);
        return new SgRule.SgPeer.GroupPeer(text);
    }

    static SgRule tcp(int port, String peer) { return new SgRule(Protocol.TCP, PortRange.of(port), -1, -1, peer(peer), null); }
    static SgRule tcp(int from, int to, String peer) { return new SgRule(Protocol.TCP, new PortRange(from, to), -1, -1, peer(peer), null); }
    static SgRule udp(int port, String peer) { return new SgRule(Protocol.UDP, PortRange.of(port), -1, -1, peer(peer), null); }
    static SgRule allProto(String peer) { return new SgRule(Protocol.ALL, null, -1, -1, peer(peer), null); }
    static SgRule icmp(int type, String peer) { return new SgRule(Protocol.ICMP, null, type, -1, peer(peer), null); }
    static SgRule icmpv6(int type, String peer) { return new SgRule(Protocol.ICMPV6, null, type, -1, peer(peer), null); }

    static AclEntry allow(int rule, Protocol p, String ports, String cidr) {
        return entry(rule, p, ports, cidr, AclEntry.Action.ALLOW);
    }

    static AclEntry deny(int rule, Protocol p, String ports, String cidr) {
        return entry(rule, p, ports, cidr, AclEntry.Action.DENY);
    }

    static AclEntry entry(int rule, Protocol p, String ports, String cidr, AclEntry.Action a) {
        return new AclEntry(rule, p, ports == null ? null : PortRange.parse(ports), -1, -1, Cidr.parse(cidr), a);
    }
}
