package io.reachsim.lint;

import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.EksCluster.EndpointAccess;
import io.reachsim.model.EksCluster.EniConfig;
import io.reachsim.model.EksCluster.NodeGroup;
import io.reachsim.model.EksCluster.PodNetworking;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.InternetGateway;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Pod;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The layout the guide recommends, built by hand (the loader does not read {@code eks:} on this branch):
 * vpc-main 10.0.0.0/16 + 100.64.0.0/16 with DNS support and hostnames; public-a/b (tagged elb, 0.0.0.0/0
 * → igw-main) holding nat-a/nat-b; dedicated /28 cluster subnets cluster-a/b; node subnets private-a/b
 * (/20, tagged internal-elb, each routed to the NAT gateway of its own AZ); unused pod subnets
 * pods-a/b (/19, for custom networking); on-premises corp 192.168.0.0/16 behind vgw-corp; cluster
 * prod (public+private endpoint, public access from 203.0.113.0/24) with node group workers (m5.large,
 * maxSize 6). Every lint rule is silent on it; tests break one thing at a time.
 */
final class GuideLayout {
    private GuideLayout() {}

    static final String ELB = "kubernetes.io/role/elb";
    static final String INTERNAL_ELB = "kubernetes.io/role/internal-elb";

    static Cidr cidr(String s) {
        return Cidr.parse(s);
    }

    static Ip ip(String s) {
        return Ip.parse(s);
    }

    static Network network() {
        return builder().build();
    }

    static Network.Builder builder() {
        Network.Builder b = Network.builder().region("us-west-2");
        b.add(new Vpc("vpc-main", "us-west-2", List.of(cidr("10.0.0.0/16"), cidr("100.64.0.0/16")), List.of(), true, true,
                "vpc-main-default", "vpc-main-default-acl", "rt-main"));
        b.add(new RouteTable("rt-main", "vpc-main", true, List.of(), List.of()));
        b.add(table("rt-public", new RouteTarget.InternetGateway("igw-main")));
        b.add(table("rt-private-a", new RouteTarget.NatGateway("nat-a")));
        b.add(table("rt-private-b", new RouteTarget.NatGateway("nat-b")));

        b.add(subnet("public-a", "us-west-2a", "10.0.0.0/24", "rt-public", Map.of(ELB, "1")));
        b.add(subnet("public-b", "us-west-2b", "10.0.1.0/24", "rt-public", Map.of(ELB, "1")));
        b.add(subnet("cluster-a", "us-west-2a", "10.0.2.0/28", "rt-private-a", Map.of()));
        b.add(subnet("cluster-b", "us-west-2b", "10.0.2.16/28", "rt-private-b", Map.of()));
        b.add(subnet("private-a", "us-west-2a", "10.0.16.0/20", "rt-private-a", Map.of(INTERNAL_ELB, "1")));
        b.add(subnet("private-b", "us-west-2b", "10.0.32.0/20", "rt-private-b", Map.of(INTERNAL_ELB, "1")));
        b.add(subnet("pods-a", "us-west-2a", "100.64.0.0/19", null, Map.of()));
        b.add(subnet("pods-b", "us-west-2b", "100.64.32.0/19", null, Map.of()));

        b.add(new InternetGateway("igw-main", "vpc-main"));
        b.add(new NatGateway("nat-a", "public-a", NatGateway.Connectivity.PUBLIC, ip("10.0.0.5"), ip("198.51.100.7"), List.of()));
        b.add(new NatGateway("nat-b", "public-b", NatGateway.Connectivity.PUBLIC, ip("10.0.1.5"), ip("198.51.100.8"), List.of()));
        b.add(new VpnGateway("vgw-corp", "vpc-main", List.of(cidr("192.168.0.0/16"))));
        b.add(new ExternalNetwork("corp", cidr("192.168.0.0/16"), null, "vgw-corp"));

        AclEntry all = new AclEntry(100, Protocol.ALL, null, -1, -1, Cidr.ANY_V4, AclEntry.Action.ALLOW);
        b.add(new NetworkAcl("vpc-main-default-acl", "vpc-main", true, List.of(all), List.of(all)));
        SgRule allOut = new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V4), null);
        b.add(new SecurityGroup("vpc-main-default", "vpc-main", "default", List.of(), List.of(allOut)));
        b.add(new SecurityGroup("sg-nodes", "vpc-main", "nodes", List.of(), List.of(allOut)));
        b.add(new SecurityGroup("eks-cluster-sg-prod", "vpc-main", "eks-cluster-sg-prod", List.of(), List.of(allOut)));

        b.add(new EksCluster("prod", "vpc-main", List.of("cluster-a", "cluster-b"), 4,
                new EndpointAccess(true, true, List.of(cidr("203.0.113.0/24"))), List.of(), "eks-cluster-sg-prod",
                List.of(group("workers", "m5.large", 6, "private-a", "private-b")),
                pods(Map.of()), List.of("prod-xeni-1", "prod-xeni-2"), ip("52.12.0.10")));
        b.add(eni("prod-xeni-1", "cluster-a", "10.0.2.4", "eks-cluster-sg-prod"));
        b.add(eni("prod-xeni-2", "cluster-b", "10.0.2.20", "eks-cluster-sg-prod"));
        // the loader's representative node and pod per node-group subnet
        b.add(eni("prod-workers-private-a", "private-a", "10.0.16.4", "sg-nodes"));
        b.add(eni("prod-workers-private-b", "private-b", "10.0.32.4", "sg-nodes"));
        b.add(eni("prod-workers-private-a-pod", "private-a", "10.0.16.5", "sg-nodes"));
        b.add(eni("prod-workers-private-b-pod", "private-b", "10.0.32.5", "sg-nodes"));
        b.add(new Pod("prod-workers-private-a-pod", "prod", "workers", null, "prod-workers-private-a", true));
        b.add(new Pod("prod-workers-private-b-pod", "prod", "workers", null, "prod-workers-private-b", true));
        return b;
    }

    /** The interface and gateway endpoints a private-only cluster needs, all with private DNS. */
    static void addPrivateClusterEndpoints(Network.Builder b) {
        for (String service : PrivateClusterEndpoints.INTERFACE_SERVICES) b.add(interfaceEndpoint(service, true));
        b.add(new VpcEndpoint("vpce-s3", "vpc-main", VpcEndpoint.Type.GATEWAY, "s3", List.of("rt-private-a", "rt-private-b"),
                List.of(), List.of(), false, List.of()));
    }

    static VpcEndpoint interfaceEndpoint(String service, boolean privateDns) {
        String id = "vpce-" + service.replace('.', '-');
        return new VpcEndpoint(id, "vpc-main", VpcEndpoint.Type.INTERFACE, service, List.of(),
                List.of("private-a", "private-b"), List.of("vpc-main-default"), privateDns,
                List.of(id + "-private-a", id + "-private-b"));
    }

    static RouteTable table(String id, RouteTarget defaultTarget) {
        List<Route> routes = defaultTarget == null ? List.of()
                : List.of(new Route(new Route.RouteDestination.CidrDestination(Cidr.ANY_V4), defaultTarget));
        return new RouteTable(id, "vpc-main", false, routes, List.of());
    }

    static Subnet subnet(String id, String az, String cidr, String routeTable, Map<String, String> tags) {
        return new Subnet(id, "vpc-main", az, cidr(cidr), null, routeTable, null, tags);
    }

    static NetworkInterface eni(String id, String subnet, String address, String... groups) {
        return new NetworkInterface(id, subnet, ip(address), List.of(), null, null, Arrays.asList(groups), true, null);
    }

    static NodeGroup group(String name, String type, int maxSize, String... subnets) {
        List<String> nodes = new ArrayList<>();
        for (String s : subnets) nodes.add("prod-" + name + "-" + s);
        return new NodeGroup(name, Arrays.asList(subnets), List.of("sg-nodes"), false, type, Math.min(3, maxSize), maxSize, nodes);
    }

    static PodNetworking pods(Map<String, String> eniConfigs) {
        Map<String, EniConfig> m = new LinkedHashMap<>();
        eniConfigs.forEach((az, subnet) -> m.put(az, new EniConfig(subnet, List.of("sg-nodes"))));
        return new PodNetworking(m, false, List.of(), "strict");
    }

    // ------------------------------------------------------------------ edits

    static <T> void replace(List<T> items, Function<T, String> id, String wanted, UnaryOperator<T> change) {
        for (int i = 0; i < items.size(); i++) {
            if (id.apply(items.get(i)).equals(wanted)) {
                items.set(i, change.apply(items.get(i)));
                return;
            }
        }
        throw new IllegalArgumentException("no " + wanted);
    }

    static void subnet(Network.Builder b, String id, UnaryOperator<Subnet> change) {
        replace(b.subnets, Subnet::id, id, change);
    }

    static void cluster(Network.Builder b, UnaryOperator<EksCluster> change) {
        replace(b.eksClusters, EksCluster::name, "prod", change);
    }

    static void vpc(Network.Builder b, UnaryOperator<Vpc> change) {
        replace(b.vpcs, Vpc::id, "vpc-main", change);
    }

    static void defaultRoute(Network.Builder b, String table, RouteTarget target) {
        replace(b.routeTables, RouteTable::id, table, t -> table(t.id(), target));
    }

    static Subnet az(Subnet s, String az) {
        return new Subnet(s.id(), s.vpc(), az, s.cidr(), s.ipv6Cidr(), s.routeTable(), s.networkAcl(), s.tags());
    }

    static Subnet cidr(Subnet s, String cidr) {
        return new Subnet(s.id(), s.vpc(), s.az(), cidr(cidr), s.ipv6Cidr(), s.routeTable(), s.networkAcl(), s.tags());
    }

    static Subnet routeTable(Subnet s, String table) {
        return new Subnet(s.id(), s.vpc(), s.az(), s.cidr(), s.ipv6Cidr(), table, s.networkAcl(), s.tags());
    }

    static Subnet tag(Subnet s, String key, String value) {
        Map<String, String> tags = new HashMap<>(s.tags());
        if (value == null) tags.remove(key);
        else tags.put(key, value);
        return new Subnet(s.id(), s.vpc(), s.az(), s.cidr(), s.ipv6Cidr(), s.routeTable(), s.networkAcl(), tags);
    }

    static Vpc dns(Vpc v, boolean support, boolean hostnames) {
        return new Vpc(v.id(), v.region(), v.cidrs(), v.ipv6Cidrs(), support, hostnames, v.defaultSecurityGroup(),
                v.defaultNetworkAcl(), v.mainRouteTable());
    }

    static Vpc region(Vpc v, String region) {
        return new Vpc(v.id(), region, v.cidrs(), v.ipv6Cidrs(), v.enableDnsSupport(), v.enableDnsHostnames(),
                v.defaultSecurityGroup(), v.defaultNetworkAcl(), v.mainRouteTable());
    }

    static EksCluster endpoint(EksCluster c, boolean publicAccess, boolean privateAccess, String... cidrs) {
        List<Cidr> list = Arrays.stream(cidrs).map(GuideLayout::cidr).toList();
        return new EksCluster(c.name(), c.vpc(), c.subnets(), c.ipFamily(), new EndpointAccess(publicAccess, privateAccess, list),
                c.securityGroups(), c.clusterSecurityGroup(), c.nodeGroups(), c.pods(), c.crossAccountInterfaces(), c.publicEndpointIp());
    }

    static EksCluster clusterSubnets(EksCluster c, String... subnets) {
        return new EksCluster(c.name(), c.vpc(), Arrays.asList(subnets), c.ipFamily(), c.endpoint(),
                c.securityGroups(), c.clusterSecurityGroup(), c.nodeGroups(), c.pods(), c.crossAccountInterfaces(), c.publicEndpointIp());
    }

    static EksCluster nodeGroups(EksCluster c, NodeGroup... groups) {
        return new EksCluster(c.name(), c.vpc(), c.subnets(), c.ipFamily(), c.endpoint(),
                c.securityGroups(), c.clusterSecurityGroup(), Arrays.asList(groups), c.pods(), c.crossAccountInterfaces(), c.publicEndpointIp());
    }

    static EksCluster pods(EksCluster c, PodNetworking pods) {
        return new EksCluster(c.name(), c.vpc(), c.subnets(), c.ipFamily(), c.endpoint(),
                c.securityGroups(), c.clusterSecurityGroup(), c.nodeGroups(), pods, c.crossAccountInterfaces(), c.publicEndpointIp());
    }

    static EksCluster ipFamily(EksCluster c, int family) {
        return new EksCluster(c.name(), c.vpc(), c.subnets(), family, c.endpoint(),
                c.securityGroups(), c.clusterSecurityGroup(), c.nodeGroups(), c.pods(), c.crossAccountInterfaces(), c.publicEndpointIp());
    }
}
