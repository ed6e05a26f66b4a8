package io.reachsim.load;

import io.reachsim.model.Cidr;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code eks} section of a file's {@code network}: clusters, endpoint access, node groups, pods. */
final class EksParser extends ParserBase {
    static final Set<String> EKS_CLUSTER = Format.EKS_CLUSTER.names();
    static final Set<String> EKS_ENDPOINT = Format.EKS_ENDPOINT.names();
    static final Set<String> CLUSTER_SG = Format.CLUSTER_SG.names();
    static final Set<String> NODE_GROUP = Format.NODE_GROUP.names();
    static final Set<String> PODS = Format.PODS.names();
    static final Set<String> ENI_CONFIG = Format.ENI_CONFIG.names();
    static final Set<String> SGP = Format.SG_POLICY.names();
    /** AWS's rule for cluster and node group names (also keeps '/' out of nodes:CLUSTER/GROUP). */
    static final Pattern EKS_NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]*");
    /** A Kubernetes object name (SecurityGroupPolicy), lower-case DNS subdomain. */
    static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    // ---------------------------------------------------------------- EKS

    void eks(Node n, String label) {
        YMap m = map(n, "EKS cluster", label, EKS_CLUSTER);
        if (m == null) return;
        Val<String> name = name(m, "EKS cluster", "", EKS_NAME,
                "letters, digits, '-' and '_', starting with a letter or digit (AWS's rule for cluster names)");
        m.checkFields();
        Val<String> vpc = m.reqStr("vpc");
        List<Val<String>> subnets = m.strings("subnets", false);
        requireNonEmpty(m, "subnets", subnets, "the cluster subnets, where EKS places its cross-account network interfaces");
        Val<String> family = m.choice("ipFamily", List.of("ipv4", "ipv6"));
        int ipFamily = family != null && family.v().equals("ipv6") ? 6 : 4;
        RawNetwork.EndpointAccess endpoint = endpointAccess(m);
        List<Val<String>> sgs = orEmpty(m.strings("securityGroups", false));
        RawNetwork.ClusterSg clusterSg = clusterSecurityGroup(m);
        List<RawNetwork.NodeGroup> groups = new ArrayList<>();
        List<Node> items = m.list("nodeGroups", false);
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            RawNetwork.NodeGroup g = nodeGroup(items.get(i), "node group #" + (i + 1) + " of " + m.label(), m.label());
            if (g == null) continue;
            if (g.name() != null) {
                Integer first = firstLine.putIfAbsent(g.name().v(), g.name().at().line());
                if (first != null) {
                    m.error(g.name().at(), "node group '" + g.name().v() + "' appears twice in " + m.label() + " (first at line " + first + ")");
                    continue;
                }
            }
            groups.add(g);
        }
        RawNetwork.Pods pods = pods(m);
        net.eks.add(new RawNetwork.Eks(name, m.at(), vpc, orEmpty(subnets), ipFamily, endpoint, sgs, clusterSg, groups, pods));
    }

    /**
     * The rules of the cluster security group, when written. EKS creates the group and users edit its rules
     * (Amazon EKS user guide, "View Amazon EKS security group requirements for clusters"); a direction left
     * out keeps EKS's default rules for it, {@code []} removes them.
     */
    RawNetwork.ClusterSg clusterSecurityGroup(YMap cluster) {
        Node n = cluster.value("clusterSecurityGroup");
        YMap m = n == null ? null : map(n, "clusterSecurityGroup", "'clusterSecurityGroup' of " + cluster.label(), CLUSTER_SG);
        if (m == null) return null;
        m.checkFields();
        return new RawNetwork.ClusterSg(m.at(), sgRules(m, "ingress"), sgRules(m, "egress"));
    }

    RawNetwork.EndpointAccess endpointAccess(YMap cluster) {
        List<Cidr> anywhere = List.of(Cidr.ANY_V4);
        Node e = cluster.value("endpoint");
        YMap m = e == null ? null : map(e, "endpoint", "'endpoint' of " + cluster.label(), EKS_ENDPOINT);
        if (m == null) return new RawNetwork.EndpointAccess(cluster.at(), true, false, anywhere);
        m.checkFields();
        Val<Boolean> pub = m.boolVal("publicAccess");
        Val<Boolean> priv = m.boolVal("privateAccess");
        boolean publicAccess = pub == null || pub.v();
        boolean privateAccess = priv != null && priv.v();
        boolean privateKnown = priv != null || !m.has("privateAccess");
        if (pub != null && !publicAccess && privateKnown && !privateAccess) {
            m.error(m.at(), m.label() + " turns off both publicAccess and privateAccess: AWS requires at least one"
                    + " (privateAccess: true makes a private-only cluster)");
        }
        List<Cidr> cidrs = new ArrayList<>();
        List<Val<Cidr>> written = m.cidrs("publicAccessCidrs");
        for (Val<Cidr> c : orEmpty(written)) {
            if (c.v().version() == 4) {
                cidrs.add(c.v());
            } else {
                m.error(c.at(), "publicAccessCidrs of " + cluster.label() + " must be IPv4 CIDRs, not " + c.v());
            }
        }
        forbidEmpty(m, "publicAccessCidrs", "nobody could use the public endpoint (write publicAccess: false to turn it off)");
        return new RawNetwork.EndpointAccess(m.at(), publicAccess, privateAccess, written == null ? anywhere : cidrs);
    }

    RawNetwork.NodeGroup nodeGroup(Node n, String label, String cluster) {
        YMap m = map(n, "node group", label, NODE_GROUP);
        if (m == null) return null;
        Val<String> name = name(m, "node group", " of " + cluster, EKS_NAME,
                "letters, digits, '-' and '_', starting with a letter or digit (AWS's rule for node group names)");
        m.checkFields();
        List<Val<String>> subnets = m.strings("subnets", false);
        requireNonEmpty(m, "subnets", subnets, "the subnets its nodes are launched in");
        List<Val<String>> sgs = m.strings("securityGroups", false);
        forbidEmpty(m, "securityGroups", "AWS gives every node at least one security group (omit it for the cluster security group)");
        boolean publicIp = m.bool("publicIp", false);
        Val<String> type = m.str("instanceType");
        Val<Integer> desired = m.integer("desiredSize", 0, 100_000);
        Val<Integer> max = m.integer("maxSize", 1, 100_000);
        int desiredSize = desired == null ? 2 : desired.v();
        // AWS: maxSize is at least 1, and at least desiredSize.
        int maxSize = max == null ? Math.max(1, desiredSize) : max.v();
        if (max != null && max.v() < desiredSize && (desired != null || !m.has("desiredSize"))) {
            m.error(max.at(), "maxSize " + max.v() + " of " + m.label() + " is below its desiredSize " + desiredSize
                    + (desired == null ? " (the default)" : ""));
        }
        return new RawNetwork.NodeGroup(name, m.at(), orEmpty(subnets), sgs, publicIp,
                type == null ? "m5.large" : type.v().trim(), desiredSize, maxSize);
    }

    RawNetwork.Pods pods(YMap cluster) {
        Node n = cluster.value("pods");
        YMap m = n == null ? null : map(n, "pods", "'pods' of " + cluster.label(), PODS);
        if (m == null) return RawNetwork.Pods.DEFAULT;
        m.checkFields();
        List<RawNetwork.EniConfig> configs = new ArrayList<>();
        Node cn = m.value("customNetworking");
        YMap c = cn == null ? null : map(cn, "customNetworking", "'customNetworking' of " + cluster.label(), Set.of());
        if (c != null) {
            for (Val<String> az : c.dataKeys()) {
                Node v = c.dataValue(az.v());
                String label = "the ENIConfig for " + az.v() + " of " + cluster.label();
                if (v instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
                    configs.add(new RawNetwork.EniConfig(az, new Val<>(s.getValue(), YamlFile.at(file, v)), null));
                } else if (v instanceof MappingNode) {
                    YMap e = map(v, "ENIConfig", label, ENI_CONFIG);
                    e.checkFields();
                    Val<String> subnet = e.reqStr("subnet");
                    List<Val<String>> sgs = e.strings("securityGroups", false);
                    forbidEmpty(e, "securityGroups", "omit it for the node's security groups");
                    if (subnet != null) configs.add(new RawNetwork.EniConfig(az, subnet, sgs));
                } else {
                    problems.add(YamlFile.at(file, v), label + " must be a subnet id or a mapping {subnet, securityGroups}, not "
                            + YMap.describe(v));
                }
            }
        }
        boolean externalSnat = m.bool("externalSnat", false);
        List<RawNetwork.Sgp> policies = new ArrayList<>();
        List<Node> items = m.list("securityGroupsForPods", false);
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            YMap p = map(items.get(i), "security group policy", "security group policy #" + (i + 1) + " of " + cluster.label(), SGP);
            if (p == null) continue;
            Val<String> name = name(p, "security group policy", " of " + cluster.label(), K8S_NAME,
                    "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (a Kubernetes object name)");
            p.checkFields();
            List<Val<String>> sgs = p.strings("securityGroups", false);
            requireNonEmpty(p, "securityGroups", sgs, "the security groups its pods carry instead of the node's");
            if (name == null) continue;
            Integer first = firstLine.putIfAbsent(name.v(), name.at().line());
            if (first != null) {
                p.error(name.at(), "security group policy '" + name.v() + "' appears twice in " + m.label() + " (first at line " + first + ")");
                continue;
            }
            policies.add(new RawNetwork.Sgp(name, orEmpty(sgs)));
        }
        Val<String> mode = m.choice("podSecurityGroupEnforcingMode", List.of("strict", "standard"));
        return new RawNetwork.Pods(configs, externalSnat, policies, mode == null ? "strict" : mode.v());
    }

    EksParser(ParserBase p) {
        super(p.file, p.fileRegion, p.problems, p.net);
    }
}
