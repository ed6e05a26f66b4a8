package io.reachsim.generate;

import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.ExternalNetwork;
import io.reachsim.model.Instance;
import io.reachsim.model.InternetGateway;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Origin;
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
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic, seeded generator of AWS networks of realistic shape, built directly as a
 * {@link Network} with everything the scenario loader would materialise (default security groups
 * {@code <vpc>-default}, default ACLs {@code <vpc>-default-acl}, instances' primary interfaces, EKS
 * cluster security groups, X-ENIs, nodes and pods at the addresses the loader allocates).
 *
 * <p>Per VPC (a /20 out of 10.0.0.0/8, with an IPv6 /56): three AZs; public subnets (IGW, IPv6 default
 * route), private subnets (one NAT gateway per AZ, S3 gateway endpoint route, VPN propagation where
 * the VPC has a VPN gateway, custom NACL with ephemeral return rules), data subnets (custom NACL,
 * main route table with only the S3 route) and two cluster subnets; tiers of security groups that
 * reference each other, prefix lists, 49 instances; every 10th VPC runs an EKS cluster, every 5th has
 * a VPN gateway to an {@code external} network. Transit gateways and peering are not in the model yet.
 *
 * <p>The same {@code (size, seed)} always gives the same network and expectations.
 */
public final class NetworkGenerator {

    /** Sizes: XL ≈ 1,000 VPCs / 10,000 subnets / 50,000 ENIs / 100,000 SG rules; each step down is 1/10. */
    public enum Size {
        S(1), M(10), L(100), XL(1000);
        public final int vpcs;

        Size(int vpcs) {
            this.vpcs = vpcs;
        }
    }

    /** A generated scenario: the network and its expectations (100 per VPC). */
    public record Generated(Size size, long seed, Network network, List<Expectation> expectations) {}

    public static final String REGION = "us-west-2";
    static final String[] AZ = {"a", "b", "c"};
    static final int SERVICES = 8;
    static final int EXPECTATIONS_PER_VPC = 100;
    static final Cidr MONITORING = Cidr.parse("10.250.0.0/24");
    static final Cidr ADMIN = Cidr.parse("203.0.113.0/24");
    static final Cidr CORP = Cidr.parse("192.168.0.0/16");
    static final Ip EKS_PUBLIC_ENDPOINT_BASE = Ip.parse("198.19.255.0");
    static final long IPV6_BASE_HI = 0x2600_1f14_0000_0000L;

    private final Size size;
    private final long seed;
    private final Network.Builder b = Network.builder().region(REGION);
    private final List<Expectation> expectations = new ArrayList<>();
    private long nextPublic = 1;
    private int clusters;

    private NetworkGenerator(Size size, long seed) {
        this.size = size;
        this.seed = seed;
    }

    public static Generated generate(Size size, long seed) {
        NetworkGenerator g = new NetworkGenerator(size, seed);
        g.build();
        return new Generated(size, seed, g.b.build(), List.copyOf(g.expectations));
    }

    // ------------------------------------------------------------------ names

    static String vpc(int i) { return "vpc-" + i; }
    static String sub(int i, String kind, String az) { return "vpc-" + i + "-" + kind + "-" + az; }
    static String sg(int i, String tier) { return "sg-" + i + "-" + tier; }
    static String cluster(int i) { return "eks-" + i; }

    private Ip publicIp() {
        long n = nextPublic++;
        // 54.0.0.0/8: ordinary public space, never inside a VPC, a prefix list or the EKS stand-ins.
        return Ip.v4((54L << 24) + n);
    }

    private static Ip v4(int a, int b2, int c, int d) {
        return Ip.v4(((long) a << 24) | ((long) b2 << 16) | ((long) c << 8) | d);
    }

    /** Subnet j of VPC i: 10.(i/16).((i%16)*16 + j).0/24. */
    static Cidr subnetCidr(int i, int j) {
        return new Cidr(v4(10, i / 16, (i % 16) * 16 + j, 0), 24);
    }

    static Cidr vpcCidr(int i) {
        return new Cidr(v4(10, i / 16, (i % 16) * 16, 0), 20);
    }

    static Cidr vpcCidr6(int i) {
        return new Cidr(Ip.v6(IPV6_BASE_HI + ((long) i << 8), 0), 56);
    }

    static Cidr subnetCidr6(int i, int j) {
        return new Cidr(Ip.v6(IPV6_BASE_HI + ((long) i << 8) + j, 0), 64);
    }

    static boolean hasEks(int i) { return i % 10 == 0; }
    static boolean hasVpn(int i) { return i % 5 == 0; }
    /** A few VPCs carry the classic mistake: private NACL returns only 1024-32767 (misses 49152). */
    static boolean brokenNacl(int i) { return i % 20 == 7; }

    // ------------------------------------------------------------------ build

    private void build() {
        b.add(new PrefixList("pl-s3", "com.amazonaws." + REGION + ".s3",
                List.of(Cidr.parse("52.218.0.0/17"), Cidr.parse("3.5.76.0/22"))));
        b.add(new PrefixList("pl-corp", "corp-networks", List.of(CORP)));
        b.add(new PrefixList("pl-monitoring", "monitoring", List.of(MONITORING)));
        for (int i = 0; i < size.vpcs; i++) vpcAt(i);
    }

    private static SgRule in(Protocol p, PortRange ports, SgRule.SgPeer peer) {
        return new SgRule(p, ports, -1, -1, peer, null);
    }

    private static SgRule.SgPeer cidr(Cidr c) { return new SgRule.SgPeer.CidrPeer(c); }
    private static SgRule.SgPeer group(String g) { return new SgRule.SgPeer.GroupPeer(g); }
    private static SgRule.SgPeer pl(String p) { return new SgRule.SgPeer.PrefixListPeer(p); }

    static List<SgRule> allOutbound() {
        return List.of(in(Protocol.ALL, null, cidr(Cidr.ANY_V4)), in(Protocol.ALL, null, cidr(Cidr.ANY_V6)));
    }

    private static AclEntry acl(int rule, Protocol p, PortRange ports, Cidr c, boolean allow) {
        return new AclEntry(rule, p, ports, -1, -1, c, allow ? AclEntry.Action.ALLOW : AclEntry.Action.DENY);
    }

    private static Route route(Cidr dst, RouteTarget t) {
        return new Route(new Route.RouteDestination.CidrDestination(dst), t);
    }

    private static Route plRoute(String pl, RouteTarget t) {
        return new Route(new Route.RouteDestination.PrefixListDestination(pl), t);
    }

    private void vpcAt(int i) {
        String v = vpc(i);
        Cidr cidr = vpcCidr(i);
        boolean eks = hasEks(i);
        boolean vpn = hasVpn(i);
        String mainRt = v + "-rt-main";
        b.add(new Vpc(v, REGION, List.of(cidr), List.of(vpcCidr6(i)), true, eks, v + "-default", v + "-default-acl", mainRt));
        String igw = v + "-igw";
        b.add(new InternetGateway(igw, v));
        String vgw = v + "-vgw";
        Cidr corp = new Cidr(v4(192, 168, i / 5 % 256, 0), 24);
        if (vpn) {
            b.add(new VpnGateway(vgw, v, List.of(corp)));
            b.add(new ExternalNetwork("corp-" + i, corp, null, vgw));
        }

        // Subnets: public 0-2, private 3-5, data 6-7, cluster 8-9.
        String privAcl = v + "-acl-private";
        String dataAcl = v + "-acl-data";
        for (int a = 0; a < 3; a++) {
            Map<String, String> tags = Map.of("kubernetes.io/role/elb", "1");
            b.add(new Subnet(sub(i, "public", AZ[a]), v, REGION + AZ[a], subnetCidr(i, a), subnetCidr6(i, a), v + "-rt-public", null, tags));
        }
        for (int a = 0; a < 3; a++) {
            Map<String, String> tags = Map.of("kubernetes.io/role/internal-elb", "1");
            b.add(new Subnet(sub(i, "private", AZ[a]), v, REGION + AZ[a], subnetCidr(i, 3 + a), null, v + "-rt-private-" + AZ[a], privAcl, tags));
        }
        for (int a = 0; a < 2; a++) {
            b.add(new Subnet(sub(i, "data", AZ[a]), v, REGION + AZ[a], subnetCidr(i, 6 + a), null, null, dataAcl, Map.of()));
        }
        for (int a = 0; a < 2; a++) {
            b.add(new Subnet(sub(i, "cluster", AZ[a]), v, REGION + AZ[a], subnetCidr(i, 8 + a), null, null, null, Map.of()));
        }

        // NAT gateways, one per AZ, in the public subnets.
        List<String> nats = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            String id = v + "-nat-" + AZ[a];
            b.add(new NatGateway(id, sub(i, "public", AZ[a]), NatGateway.Connectivity.PUBLIC, subnetCidr(i, a).address(5), publicIp(), List.of()));
            nats.add(id);
        }

        // Route tables: public, private per AZ, main (data and cluster subnets).
        String vpce = v + "-vpce-s3";
        b.add(new RouteTable(v + "-rt-public", v, false,
                List.of(route(Cidr.ANY_V4, new RouteTarget.InternetGateway(igw)), route(Cidr.ANY_V6, new RouteTarget.InternetGateway(igw))),
                List.of()));
        List<String> endpointTables = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            String id = v + "-rt-private-" + AZ[a];
            List<Route> routes = new ArrayList<>();
            routes.add(route(Cidr.ANY_V4, new RouteTarget.NatGateway(nats.get(a))));
            if (i % 7 == 0) routes.add(route(Cidr.parse("10.200.0.0/16"), new RouteTarget.Blackhole()));
            routes.add(plRoute("pl-s3", new RouteTarget.VpcEndpoint(vpce)));
            b.add(new RouteTable(id, v, false, routes, vpn ? List.of(vgw) : List.of()));
            endpointTables.add(id);
        }
        b.add(new RouteTable(mainRt, v, true, List.of(plRoute("pl-s3", new RouteTarget.VpcEndpoint(vpce))), List.of()));
        endpointTables.add(mainRt);
        b.add(new VpcEndpoint(vpce, v, VpcEndpoint.Type.GATEWAY, "s3", endpointTables, List.of(), List.of(), false, List.of()));

        // Network ACLs: the default one (allow all), private (ephemeral returns), data (database ports only).
        List<AclEntry> all = List.of(acl(100, Protocol.ALL, null, Cidr.ANY_V4, true), acl(101, Protocol.ALL, null, Cidr.ANY_V6, true));
        b.add(new NetworkAcl(v + "-default-acl", v, true, all, all));
        PortRange ephemeral = brokenNacl(i) ? new PortRange(1024, 32767) : new PortRange(1024, 65535);
        b.add(new NetworkAcl(privAcl, v, false,
                List.of(acl(100, Protocol.ALL, null, cidr, true),
                        acl(110, Protocol.TCP, ephemeral, Cidr.ANY_V4, true),
                        acl(120, Protocol.ALL, null, CORP, true),
                        acl(130, Protocol.TCP, PortRange.of(9100), MONITORING, true)),
                List.of(acl(100, Protocol.ALL, null, Cidr.ANY_V4, true))));
        b.add(new NetworkAcl(dataAcl, v, false,
                List.of(acl(90, Protocol.TCP, PortRange.of(22), Cidr.ANY_V4, false),
                        acl(100, Protocol.TCP, PortRange.of(5432), cidr, true),
                        acl(110, Protocol.TCP, PortRange.of(6379), cidr, true),
                        acl(120, Protocol.TCP, new PortRange(1024, 65535), Cidr.ANY_V4, true)),
                List.of(acl(100, Protocol.TCP, new PortRange(1024, 65535), cidr, true),
                        acl(110, Protocol.TCP, PortRange.of(443), Cidr.ANY_V4, true))));

        // Security groups.
        String def = v + "-default";
        b.add(new SecurityGroup(def, v, "default", List.of(in(Protocol.ALL, null, group(def))), allOutbound()));
        String bastion = sg(i, "bastion"), web = sg(i, "web"), app = sg(i, "app"), db = sg(i, "db");
        b.add(new SecurityGroup(bastion, v, bastion,
                List.of(in(Protocol.TCP, PortRange.of(22), cidr(ADMIN)), in(Protocol.TCP, PortRange.of(22), pl("pl-corp"))), allOutbound()));
        b.add(new SecurityGroup(web, v, web,
                List.of(in(Protocol.TCP, PortRange.of(443), cidr(Cidr.ANY_V4)), in(Protocol.TCP, PortRange.of(443), cidr(Cidr.ANY_V6)),
                        in(Protocol.TCP, PortRange.of(80), cidr(Cidr.ANY_V4)), in(Protocol.TCP, PortRange.of(22), group(bastion))),
                List.of(in(Protocol.TCP, PortRange.of(8080), group(app)), in(Protocol.TCP, PortRange.of(443), cidr(Cidr.ANY_V4)))));
        b.add(new SecurityGroup(app, v, app,
                List.of(in(Protocol.TCP, PortRange.of(8080), group(web)), in(Protocol.TCP, PortRange.of(22), group(bastion)),
                        in(Protocol.TCP, PortRange.of(8080), group(app)), in(Protocol.TCP, PortRange.of(9100), pl("pl-monitoring")),
                        in(Protocol.TCP, PortRange.of(8080), pl("pl-corp"))),
                List.of(in(Protocol.ALL, null, cidr(Cidr.ANY_V4)))));
        b.add(new SecurityGroup(db, v, db,
                List.of(in(Protocol.TCP, PortRange.of(5432), group(app)), in(Protocol.TCP, PortRange.of(6379), group(app)),
                        in(Protocol.TCP, PortRange.of(5432), group(sg(i, "svc-0"))), in(Protocol.TCP, PortRange.of(5432), group(sg(i, "svc-1")))),
                List.of()));
        for (int k = 0; k < SERVICES; k++) {
            String s = sg(i, "svc-" + k);
            int port = 8000 + k;
            List<SgRule> ingress = new ArrayList<>(List.of(
                    in(Protocol.TCP, PortRange.of(port), group(app)),
                    in(Protocol.TCP, PortRange.of(port), group(s)),
                    in(Protocol.TCP, PortRange.of(9100), pl("pl-monitoring")),
                    in(Protocol.TCP, PortRange.of(port), pl("pl-corp")),
                    in(Protocol.TCP, PortRange.of(22), group(bastion)),
                    in(Protocol.ICMP, null, cidr(cidr))));
            if (k > 0) ingress.add(in(Protocol.TCP, PortRange.of(port), group(sg(i, "svc-" + (k - 1)))));
            else ingress.add(in(Protocol.UDP, PortRange.of(53), cidr(cidr)));
            b.add(new SecurityGroup(s, v, s, ingress,
                    List.of(in(Protocol.TCP, PortRange.of(443), cidr(Cidr.ANY_V4)), in(Protocol.TCP, PortRange.of(5432), group(db)),
                            in(Protocol.TCP, new PortRange(8000, 8099), cidr(cidr)))));
        }

        // Instances: explicit addresses from .32 up (the low addresses are left to EKS's allocation).
        int[] used = new int[10];
        instance(i, "bastion-" + i, 0, List.of(bastion), true, false, used);
        for (int k = 0; k < 6; k++) instance(i, "web-" + i + "-" + k, k % 3, List.of(web), true, true, used);
        for (int k = 0; k < 12; k++) instance(i, "app-" + i + "-" + k, 3 + k % 3, List.of(app), false, false, used);
        for (int k = 0; k < 6; k++) instance(i, "db-" + i + "-" + k, 6 + k % 2, List.of(db), false, false, used);
        for (int k = 0; k < SERVICES; k++) {
            for (int m = 0; m < 3; m++) instance(i, "svc-" + i + "-" + k + "-" + m, 3 + m, List.of(sg(i, "svc-" + k)), false, false, used);
        }

        if (eks) eks(i);
        expectations(i);
    }

    private static final String[] KIND = {"public", "public", "public", "private", "private", "private", "data", "data", "cluster", "cluster"};

    private void instance(int i, String id, int subnet, List<String> groups, boolean publicIp, boolean ipv6, int[] used) {
        int host = 32 + used[subnet]++;
        String s = sub(i, KIND[subnet], AZ[subnet < 6 ? subnet % 3 : (subnet - 6) % 2]);
        b.add(new Instance(id, s, List.of(id)));
        b.add(new NetworkInterface(id, s, subnetCidr(i, subnet).address(host), List.of(), ipv6 ? subnetCidr6(i, subnet).address(host) : null,
                publicIp ? publicIp() : null, groups, true, id));
    }

    /** One EKS cluster, materialised exactly as the loader's EksResolver does it. */
    private void eks(int i) {
        String v = vpc(i);
        String name = cluster(i);
        String clusterSg = EksCluster.clusterSecurityGroupId(name);
        String nodes = sg(i, "nodes"), payments = sg(i, "payments");
        b.add(new SecurityGroup(nodes, v, nodes,
                List.of(in(Protocol.ALL, null, group(nodes)), in(Protocol.TCP, PortRange.of(10250), group(clusterSg)),
                        in(Protocol.TCP, new PortRange(30000, 32767), cidr(vpcCidr(i)))),
                allOutbound()));
        b.add(new SecurityGroup(payments, v, payments,
                List.of(in(Protocol.TCP, PortRange.of(8443), group(sg(i, "app")))), allOutbound()));
        b.add(new SecurityGroup(clusterSg, v, clusterSg, List.of(in(Protocol.ALL, null, group(clusterSg))), allOutbound()));

        List<String> clusterSubnets = List.of(sub(i, "cluster", "a"), sub(i, "cluster", "b"));
        List<String> xenis = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            String id = name + "-xeni-" + (k + 1);
            b.add(new NetworkInterface(id, clusterSubnets.get(k), subnetCidr(i, 8 + k).firstSubnetHost(), List.of(), null, null, List.of(clusterSg), true, null));
            xenis.add(id);
        }
        Ip endpoint = EKS_PUBLIC_ENDPOINT_BASE.plus(10 + clusters++);
        List<String> nodeSubnets = List.of(sub(i, "private", "a"), sub(i, "private", "b"), sub(i, "private", "c"));
        // Managed nodes carry the cluster security group (EKS's default) beside the node group's own.
        List<String> nodeGroups = List.of(nodes, clusterSg);
        List<String> nodeIds = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            String id = name + "-workers-" + nodeSubnets.get(a);
            b.add(new Instance(id, nodeSubnets.get(a), List.of(id), EksCluster.nodeTags(name, "workers")));
            b.add(new NetworkInterface(id, nodeSubnets.get(a), subnetCidr(i, 3 + a).firstSubnetHost(), List.of(), null, null, nodeGroups, true, id));
            nodeIds.add(id);
        }
        for (int a = 0; a < 3; a++) {
            String node = nodeIds.get(a);
            Cidr c = subnetCidr(i, 3 + a);
            b.add(new NetworkInterface(node + "-pod", nodeSubnets.get(a), c.address(5), List.of(), null, null, nodeGroups, true, null));
            b.add(new Pod(node + "-pod", name, "workers", null, node, true));
            b.add(new NetworkInterface(node + "-pod-payments", nodeSubnets.get(a), c.address(6), List.of(), null, null, List.of(payments), true, null));
            b.add(new Pod(node + "-pod-payments", name, "workers", "payments", node, false));
        }
        b.add(new EksCluster(name, v, clusterSubnets, 4, new EksCluster.EndpointAccess(true, true, List.of(Cidr.ANY_V4)),
                List.of(), clusterSg,
                List.of(new EksCluster.NodeGroup("workers", nodeSubnets, nodeGroups, false, "m5.large", 3, 6, nodeIds)),
                new EksCluster.PodNetworking(Map.of(), false, List.of(new EksCluster.SecurityGroupPolicy("payments", List.of(payments))), "strict"),
                xenis, endpoint));
    }

    // ------------------------------------------------------------------ expectations

    private static EndpointRef inst(String id) { return new EndpointRef.InstanceRef(id); }

    private void expect(String name, EndpointRef from, EndpointRef to, Protocol p, Integer port, boolean reachable) {
        expectations.add(new Expectation(name, from, to, p, port, Expectation.DEFAULT_SOURCE_PORT, p.isIcmp() ? 8 : -1, 4, reachable,
                List.of(), List.of(), List.of(), null, true, Origin.UNKNOWN));
    }

    /**
     * {@value #EXPECTATIONS_PER_VPC} expectations per VPC, drawn from the kinds a platform team writes:
     * tier-to-tier allowed and denied, internet in and out, on-premises, EKS, and a few across VPCs
     * (not connected: unreachable). {@code reachable} is what the generated design intends.
     */
    private void expectations(int i) {
        Random r = new Random(seed * 1_000_003L + i);
        boolean eks = hasEks(i);
        for (int n = 0; n < EXPECTATIONS_PER_VPC; n++) {
            int kind = r.nextInt(eks ? 18 : 15);
            String app = "app-" + i + "-" + r.nextInt(12);
            String db = "db-" + i + "-" + r.nextInt(6);
            String web = "web-" + i + "-" + r.nextInt(6);
            int k = r.nextInt(SERVICES);
            String svc = "svc-" + i + "-" + k + "-" + r.nextInt(3);
            String label = "#" + i + "." + n + " ";
            switch (kind) {
                case 0 -> expect(label + "app to db", inst(app), inst(db), Protocol.TCP, 5432, true);
                case 1 -> expect(label + "web to app", inst(web), new EndpointRef.EniRef(app), Protocol.TCP, 8080, true);
                case 2 -> expect(label + "internet to web", new EndpointRef.InternetRef(null), inst(web), Protocol.TCP, 443, true);
                case 3 -> expect(label + "internet to app ssh", new EndpointRef.InternetRef(null), inst(app), Protocol.TCP, 22, false);
                case 4 -> expect(label + "app to internet", inst(app), new EndpointRef.InternetRef(Ip.parse("1.1.1.1")), Protocol.TCP, 443, !brokenNacl(i));
                case 5 -> expect(label + "db to internet", inst(db), new EndpointRef.InternetRef(Ip.parse("1.1.1.1")), Protocol.TCP, 443, false);
                case 6 -> {
                    int next = (k + 1) % SERVICES;
                    String to = "svc-" + i + "-" + next + "-" + r.nextInt(3);
                    expect(label + "service chain", inst(svc), inst(to), Protocol.TCP, 8000 + next, next == k + 1);
                }
                case 7 -> expect(label + "service to db", inst(svc), inst(db), Protocol.TCP, 5432, k < 2);
                case 8 -> expect(label + "bastion to app ssh", inst("bastion-" + i), inst(app), Protocol.TCP, 22, true);
                case 9 -> expect(label + "bastion to db ssh", inst("bastion-" + i), inst(db), Protocol.TCP, 22, false);
                case 10 -> expect(label + "web to db", inst(web), inst(db), Protocol.TCP, 5432, false);
                // A data subnet: in private subnets base+4 (the subnet:ID host) is an EKS node's address, where the
                // tracer and the reference evaluator disagree today (see benchmarks/README.md).
                case 11 -> expect(label + "default-group host to db", new EndpointRef.SubnetRef(sub(i, "data", AZ[r.nextInt(2)])), inst(db),
                        Protocol.TCP, 5432, false);
                case 12 -> {
                    if (hasVpn(i)) expect(label + "corp to app", new EndpointRef.ExternalRef("corp-" + i), inst(app), Protocol.TCP, 8080, true);
                    else expect(label + "app to s3", inst(app), new EndpointRef.AwsServiceRef("s3"), Protocol.TCP, 443, !brokenNacl(i));
                }
                case 13 -> {
                    int other = r.nextInt(size.vpcs);
                    if (other == i) expect(label + "ping a service", inst(app), inst(svc), Protocol.ICMP, null, true);
                    else expect(label + "across unconnected VPCs", inst(app), inst("app-" + other + "-" + r.nextInt(12)), Protocol.TCP, 8080, false);
                }
                case 14 -> expect(label + "internet to web http", new EndpointRef.InternetRef(Ip.parse("203.0.113.77")), inst(web), Protocol.TCP, 80, true);
                case 15 -> expect(label + "nodes to the API", new EndpointRef.NodesRef(cluster(i), "workers"), new EndpointRef.EksApiRef(cluster(i)),
                        Protocol.TCP, 443, true);
                case 16 -> expect(label + "pods to the internet", new EndpointRef.PodsRef(cluster(i), "workers", null),
                        new EndpointRef.InternetRef(Ip.parse("1.1.1.1")), Protocol.TCP, 443, !brokenNacl(i));
                default -> expect(label + "app to payments pods", inst(app), new EndpointRef.PodsRef(cluster(i), "workers", "payments"),
                        Protocol.TCP, 8443, true);
            }
        }
    }
}
