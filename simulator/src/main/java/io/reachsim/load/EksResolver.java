package io.reachsim.load;

import io.reachsim.model.EksCluster;
import io.reachsim.model.Instance;
import io.reachsim.model.Ip;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Origin;
import io.reachsim.model.Pod;
import io.reachsim.model.Protocol;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code eks} part of {@link NetworkResolver}: resolves clusters and materialises what EKS and the
 * VPC CNI create in the customer VPC (DESIGN §4), as ordinary network objects the tracer needs no EKS
 * knowledge for:
 * <ul>
 *   <li>the cluster security group {@code eks-cluster-sg-<name>}: all traffic from itself, all egress, or
 *   the rules written under the cluster's {@code clusterSecurityGroup} (a {@code securityGroups} entry with
 *   that id is an error: EKS creates the group, only its rules are the user's);</li>
 *   <li>{@code min(4, subnets)} cross-account interfaces {@code <name>-xeni-<n>} in the first cluster
 *   subnets, with the cluster group and the additional groups;</li>
 *   <li>per node group and subnet one node {@code <cluster>-<group>-<subnet>}: an {@link Instance} and its
 *   primary interface (dual-stack in an IPv6 cluster; a public IPv4 from 198.18.0.1 up with
 *   {@code publicIp: true});</li>
 *   <li>per node one ordinary pod {@code <node>-pod} and one pod {@code <node>-pod-<policy>} per
 *   security group policy: an interface (IPv4 only in an IPv4 cluster, IPv6 only in an IPv6 cluster) in
 *   the node's subnet, or the ENIConfig subnet of the node's AZ under custom networking, plus a
 *   {@link Pod} record.</li>
 * </ul>
 * Addresses are allocated per cluster in written order — its X-ENIs, then its nodes (node group by node
 * group, subnet by subnet), then its pods (per node: the ordinary pod, then the policies' pods) — each
 * taking the lowest free address of its subnet (see {@link NetworkResolver#allocate}); interface
 * endpoints come after all clusters. Appending a cluster or an endpoint never moves earlier addresses.
 */
final class EksResolver {
    /**
     * The stand-in public address of cluster number k's API endpoint is 198.19.255.(10 + k): from
     * 198.18.0.0/15, the benchmarking block, so it is never a real host.
     */
    private static final Ip PUBLIC_ENDPOINT_BASE = Ip.parse("198.19.255.0");
    /** EKS places at most four cross-account interfaces. */
    private static final int MAX_XENIS = 4;

    private final NetworkResolver r;

    /** The first cluster of each name, with its position among all written clusters. */
    private record Indexed(int index, RawNetwork.Eks raw) {}

    /** A subnet reference that resolved, and where it is written. */
    private record Placed(Subnet subnet, Origin at) {}

    /** A materialised node, for its pods. */
    private record Node(String id, Placed placed, List<String> groups, String group, String groupLabel) {}

    /** A resolved ENIConfig; {@code subnet} null when it did not resolve; {@code groups} null: the node's. */
    private record Config(String az, Subnet subnet, Origin at, List<String> groups) {}

    private final List<Indexed> clusters = new ArrayList<>();
    /** Cluster security groups the loader creates (not written). */
    private final Set<String> implicitGroups = new LinkedHashSet<>();

    EksResolver(NetworkResolver r) {
        this.r = r;
    }

    /** Cluster names must be unique; the cluster security group ids are declared before rules refer to them. */
    void registerIds() {
        Map<String, Origin> first = new HashMap<>();
        List<RawNetwork.Eks> all = r.raw.eks;
        for (int i = 0; i < all.size(); i++) {
            RawNetwork.Eks c = all.get(i);
            if (c.name() == null) continue;
            String name = c.name().v();
            Origin prev = first.putIfAbsent(name, c.name().at());
            if (prev != null) {
                r.problems.add(c.name().at(), "duplicate EKS cluster name '" + name + "': already the name of the cluster at " + prev);
                continue;
            }
            clusters.add(new Indexed(i, c));
            String label = "EKS cluster '" + name + "'";
            String sg = EksCluster.clusterSecurityGroupId(name);
            NetworkResolver.Decl d = r.ids.get(sg);
            if (d == null) {
                r.ids.put(sg, new NetworkResolver.Decl(NetworkResolver.SG, c.name().at(), NetworkResolver.val(c.vpc())));
                implicitGroups.add(sg);
            } else if (d.kind() == NetworkResolver.SG) {
                for (RawNetwork.Sg g : r.raw.securityGroups) {
                    if (g.id() == null || !g.id().v().equals(sg)) continue;
                    r.problems.add(g.id().at(), "'" + sg + "' is the cluster security group EKS creates for " + label + " (at "
                            + c.name().at() + "), not a group to declare in securityGroups: set its rules with"
                            + " 'clusterSecurityGroup: {ingress: [...], egress: [...]}' under " + label);
                }
            } else {
                r.problems.add(c.name().at(), "the cluster security group of " + label + " is '" + sg + "', but that is already the id of the "
                        + d.kind() + " at " + d.at());
            }
            r.claim(publicEndpointId(name), NetworkResolver.EKS_PUBLIC_ENDPOINT, null, c.name().at(),
                    "the public API endpoint of " + label);
        }
    }

    /** The id the public API endpoint has on paths ({@code via}/{@code notVia}). */
    static String publicEndpointId(String cluster) {
        return cluster + "-public-endpoint";
    }

    /**
     * Adds the cluster security groups, with the rules written under {@code clusterSecurityGroup} or EKS's
     * defaults for a direction not written: all traffic from members of itself, all outbound (Amazon EKS
     * user guide, "View Amazon EKS security group requirements for clusters"; its outbound rule to itself,
     * for EFA, is inside "all outbound").
     */
    void clusterSecurityGroups() {
        for (Indexed c : clusters) {
            String sg = EksCluster.clusterSecurityGroupId(c.raw().name().v());
            NetworkResolver.VpcInfo v = c.raw().vpc() == null ? null : r.vpcs.get(c.raw().vpc().v());
            if (!implicitGroups.contains(sg) || v == null) continue;
            RawNetwork.ClusterSg written = c.raw().clusterSecurityGroup();
            String label = "'clusterSecurityGroup' of EKS cluster '" + c.raw().name().v() + "'";
            List<SgRule> ingress = written != null && written.ingress() != null
                    ? r.rules(written.ingress(), "source", "ingress", label, v)
                    : List.of(new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.GroupPeer(sg), null));
            List<SgRule> egress = written != null && written.egress() != null
                    ? r.rules(written.egress(), "destination", "egress", label, v)
                    : NetworkResolver.allOutbound();
            r.out.add(new SecurityGroup(sg, v.id, sg, ingress, egress));
        }
    }

    void materialise() {
        for (Indexed c : clusters) cluster(c.index(), c.raw());
    }

    private void cluster(int index, RawNetwork.Eks c) {
        String name = c.name().v();
        String label = "EKS cluster '" + name + "'";
        NetworkResolver.VpcInfo v = r.vpcOf(c.vpc(), label);
        if (v == null) return;
        int family = c.ipFamily();
        List<Placed> subnets = subnets(c.subnets(), label, v, family);

        String clusterSg = EksCluster.clusterSecurityGroupId(name);
        List<String> extra = groups(c.securityGroups(), label, v);
        List<String> xeniGroups = new ArrayList<>(List.of(clusterSg));
        for (String g : extra) if (!xeniGroups.contains(g)) xeniGroups.add(g);

        // Cross-account interfaces: EKS puts up to four in the cluster subnets, in the order written.
        List<String> xenis = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_XENIS, subnets.size()); i++) {
            Placed p = subnets.get(i);
            String id = name + "-xeni-" + (i + 1);
            String what = "cross-account network interface " + (i + 1) + " of " + label;
            if (!r.claim(id, NetworkResolver.ENI, v.id, p.at(), what)) continue;
            String owner = "network interface '" + id + "' (" + what + ")";
            Ip v4 = r.allocate(p.subnet(), 4, owner, p.at());
            Ip v6 = family == 6 ? r.allocate(p.subnet(), 6, owner, p.at()) : null;
            if (v4 == null) continue;
            r.out.add(new NetworkInterface(id, p.subnet().id(), v4, List.of(), v6, null, xeniGroups, true, null));
            xenis.add(id);
        }

        Ip publicEndpoint = PUBLIC_ENDPOINT_BASE.plus(10 + index);
        r.claimPublic(publicEndpoint, "the public API endpoint of " + label, c.name().at());

        List<Node> nodes = new ArrayList<>();
        List<EksCluster.NodeGroup> groups = new ArrayList<>();
        for (RawNetwork.NodeGroup g : c.nodeGroups()) {
            EksCluster.NodeGroup built = nodeGroup(g, name, label, v, family, clusterSg, nodes);
            if (built != null) groups.add(built);
        }

        EksCluster.PodNetworking pods = pods(c, name, label, v, family, nodes);
        RawNetwork.EndpointAccess e = c.endpoint();
        r.out.add(new EksCluster(name, v.id, subnets.stream().map(p -> p.subnet().id()).toList(), family,
                new EksCluster.EndpointAccess(e.publicAccess(), e.privateAccess(), e.publicAccessCidrs()),
                extra, clusterSg, groups, pods, xenis, publicEndpoint));
    }

    private EksCluster.NodeGroup nodeGroup(RawNetwork.NodeGroup g, String cluster, String clusterLabel, NetworkResolver.VpcInfo v,
                                           int family, String clusterSg, List<Node> nodes) {
        if (g.name() == null) return null;
        String label = "node group '" + g.name().v() + "' of " + clusterLabel;
        List<Placed> subnets = subnets(g.subnets(), label, v, family);
        List<String> sgs = g.securityGroups() == null ? List.of(clusterSg) : groups(g.securityGroups(), label, v);
        List<String> ids = new ArrayList<>();
        for (Placed p : subnets) {
            String id = cluster + "-" + g.name().v() + "-" + p.subnet().id();
            String what = "the node of " + label + " in subnet '" + p.subnet().id() + "'";
            if (!r.claim(id, NetworkResolver.INSTANCE, v.id, p.at(), what)) continue;
            String owner = "node '" + id + "' (" + label + ")";
            Ip v4 = r.allocate(p.subnet(), 4, owner, p.at());
            // Nodes of an IPv6 cluster are dual-stack.
            Ip v6 = family == 6 ? r.allocate(p.subnet(), 6, owner, p.at()) : null;
            if (v4 == null) continue;
            Ip pub = g.publicIp() ? r.allocatePublic(owner) : null;
            // EKS tags a managed node group's instances with their cluster and group: selectors (tag:) and
            // imported snapshots see the same tags.
            r.out.add(new Instance(id, p.subnet().id(), List.of(id), EksCluster.nodeTags(cluster, g.name().v())));
            r.out.add(new NetworkInterface(id, p.subnet().id(), v4, List.of(), v6, pub, sgs, true, id));
            ids.add(id);
            nodes.add(new Node(id, p, sgs, g.name().v(), label));
        }
        return new EksCluster.NodeGroup(g.name().v(), subnets.stream().map(p -> p.subnet().id()).toList(), sgs, g.publicIp(),
                g.instanceType(), g.desiredSize(), g.maxSize(), ids);
    }

    private EksCluster.PodNetworking pods(RawNetwork.Eks c, String cluster, String clusterLabel, NetworkResolver.VpcInfo v,
                                          int family, List<Node> nodes) {
        RawNetwork.Pods p = c.pods();
        Map<String, Config> configs = new LinkedHashMap<>();
        for (RawNetwork.EniConfig e : p.customNetworking()) {
            String az = e.az().v();
            String label = "the ENIConfig for " + az + " of " + clusterLabel;
            String sid = r.sameVpc(e.subnet(), NetworkResolver.SUBNET, "subnet", label, v);
            Subnet s = sid == null ? null : r.subnets.get(sid);
            // An ENIConfig is named after an AZ name, or (shared VPCs) an AZ ID: topology.k8s.aws/zone-id.
            if (s != null && s.az() != null && !s.az().equals(az) && !az.equals(s.azId())) {
                r.problems.add(e.subnet().at(), "subnet '" + sid + "' of " + label + " is in " + s.az()
                        + ": an ENIConfig's subnet must be in its availability zone");
                s = null;
            }
            if (s != null && family == 6 && s.ipv6Cidr() == null) {
                r.problems.add(e.subnet().at(), noIpv6(sid, label));
                s = null;
            }
            List<String> groups = e.securityGroups() == null ? null : groups(e.securityGroups(), label, v);
            configs.put(az, new Config(az, s, e.subnet().at(), groups));
        }
        List<EksCluster.SecurityGroupPolicy> policies = new ArrayList<>();
        for (RawNetwork.Sgp sgp : p.securityGroupsForPods()) {
            String label = "security group policy '" + sgp.name().v() + "' of " + clusterLabel;
            policies.add(new EksCluster.SecurityGroupPolicy(sgp.name().v(), groups(sgp.securityGroups(), label, v)));
        }

        boolean custom = !configs.isEmpty();
        for (Node node : nodes) {
            Subnet subnet = node.placed().subnet();
            Origin at = node.placed().at();
            List<String> groups = node.groups();
            if (custom) {
                String az = subnet.az();
                if (az == null) {
                    r.problems.add(at, "subnet '" + subnet.id() + "' of " + node.groupLabel() + " has no 'az': under custom networking"
                            + " (pods.customNetworking of " + clusterLabel + ") a node's pods use the ENIConfig of its availability zone");
                    continue;
                }
                Config cfg = configs.get(az);
                if (cfg == null && subnet.azId() != null) cfg = configs.get(subnet.azId());
                if (cfg == null) {
                    r.problems.add(at, node.groupLabel() + " has a node in " + az + " (subnet '" + subnet.id() + "'), but pods.customNetworking"
                            + " of " + clusterLabel + " has no ENIConfig for " + az + ", so its pods could not start"
                            + Names.unknown(az, "ENIConfig zones", configs.keySet()));
                    continue;
                }
                if (cfg.subnet() == null) continue; // its error is reported
                subnet = cfg.subnet();
                at = cfg.at();
                if (cfg.groups() != null) groups = cfg.groups();
            }
            boolean snat = !p.externalSnat() && family == 4;
            pod(node.id() + "-pod", subnet, at, groups, cluster, node, null, snat, family, v);
            for (EksCluster.SecurityGroupPolicy sgp : policies) {
                pod(node.id() + "-pod-" + sgp.name(), subnet, at, sgp.securityGroups(), cluster, node, sgp.name(), false, family, v);
            }
        }

        Map<String, EksCluster.EniConfig> eniConfigs = new LinkedHashMap<>();
        for (Config cfg : configs.values()) {
            if (cfg.subnet() == null) continue;
            eniConfigs.put(cfg.az(), new EksCluster.EniConfig(cfg.subnet().id(), cfg.groups() != null ? cfg.groups() : nodeGroupsIn(cfg.az(), nodes)));
        }
        return new EksCluster.PodNetworking(eniConfigs, p.externalSnat(), policies, p.enforcingMode());
    }

    /**
     * The groups an ENIConfig without securityGroups gives pods: the node's. The record shows those of
     * the first node in the zone (node groups in one zone may differ; each pod interface carries its own
     * node's groups, which is what the tracer uses); none when no node is in the zone.
     */
    private static List<String> nodeGroupsIn(String az, List<Node> nodes) {
        for (Node n : nodes) {
            Subnet s = n.placed().subnet();
            if (az.equals(s.az()) || az.equals(s.azId())) return n.groups();
        }
        return List.of();
    }

    private void pod(String id, Subnet subnet, Origin at, List<String> groups, String cluster, Node node, String policy,
                     boolean snat, int family, NetworkResolver.VpcInfo v) {
        String what = "the pod interface" + (policy == null ? "" : " of security group policy '" + policy + "'") + " on node '" + node.id() + "'";
        if (!r.claim(id, NetworkResolver.ENI, v.id, at, what)) return;
        String owner = "pod '" + id + "' (" + node.groupLabel() + ")";
        // The VPC CNI gives pods one family: IPv4 in an IPv4 cluster, IPv6 only in an IPv6 cluster.
        Ip v4 = family == 4 ? r.allocate(subnet, 4, owner, at) : null;
        Ip v6 = family == 6 ? r.allocate(subnet, 6, owner, at) : null;
        if (v4 == null && v6 == null) return;
        r.out.add(new NetworkInterface(id, subnet.id(), v4, List.of(), v6, null, groups, true, null));
        r.out.add(new Pod(id, cluster, node.group(), policy, node.id(), snat));
    }

    /** Resolves subnet references of {@code owner} in the cluster's VPC; an IPv6 cluster needs their IPv6 blocks. */
    private List<Placed> subnets(List<Val<String>> refs, String owner, NetworkResolver.VpcInfo v, int family) {
        List<Placed> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Val<String> ref : refs) {
            String id = r.sameVpc(ref, NetworkResolver.SUBNET, "subnet", owner, v);
            if (id == null) continue;
            if (!seen.add(id)) {
                r.problems.add(ref.at(), "subnet '" + id + "' is listed twice in 'subnets' of " + owner);
                continue;
            }
            Subnet s = r.subnets.get(id);
            if (family == 6 && s.ipv6Cidr() == null) {
                r.problems.add(ref.at(), noIpv6(id, owner));
                continue;
            }
            out.add(new Placed(s, ref.at()));
        }
        return out;
    }

    private static String noIpv6(String subnet, String owner) {
        return "subnet '" + subnet + "' of " + owner + " has no ipv6Cidr: an IPv6 cluster (ipFamily: ipv6) needs an IPv6 block"
                + " in every subnet it uses";
    }

    /** Security group references of {@code owner} in the cluster's VPC, without repeats. */
    private List<String> groups(List<Val<String>> refs, String owner, NetworkResolver.VpcInfo v) {
        List<String> out = new ArrayList<>();
        for (Val<String> g : refs) {
            String id = r.sameVpc(g, NetworkResolver.SG, "security group", owner, v);
            if (id != null && !out.contains(id)) out.add(id);
        }
        return out;
    }
}
