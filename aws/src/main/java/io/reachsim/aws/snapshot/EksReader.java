package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.load.LoadError;
import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.Instance;
import io.reachsim.model.Ip;
import io.reachsim.model.NetworkInterface;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** EKS clusters and managed node groups (aws eks describe-cluster, describe-nodegroup). */
final class EksReader extends FamilyReader {
    /** EKS's stand-in public API endpoints for imported clusters: 198.19.254.(10+k), never a real host. */
    private static final Ip PUBLIC_ENDPOINT_BASE = Ip.parse("198.19.254.0");

    EksReader(FamilyReader shared) {
        super(shared);
    }

    void eks(Map<String, List<String>> eksInterfaces) {
        report.kind("EKS clusters");
        Map<String, Item> groupFiles = new HashMap<>();
        for (Item g : nodegroups) if (g.str("clusterName") != null && g.str("nodegroupName") != null) groupFiles.putIfAbsent(g.str("clusterName") + "/" + g.str("nodegroupName"), g);
        int index = 0;
        for (Item c : clusters) {
            String name = id(c, "name", "an EKS cluster");
            if (name == null) continue;
            String what = "EKS cluster '" + name + "'";
            if (!state(c, "status", "ACTIVE", "UPDATING")) {
                report.skip(c.at(), what, "status is " + c.str("status") + ", not ACTIVE");
                continue;
            }
            Item cfg = c.obj("resourcesVpcConfig");
            if (cfg == null) {
                errors.add(new LoadError(c.at(), what + " has no resourcesVpcConfig"));
                continue;
            }
            String vpc = cfg.str("vpcId");
            if (!vpcs.containsKey(vpc)) {
                report.skip(c.at(), what, "its VPC '" + vpc + "' is not in the snapshot");
                continue;
            }
            List<String> clusterSubnets = new ArrayList<>();
            for (String s : cfg.strings("subnetIds")) {
                if (subnets.containsKey(s)) clusterSubnets.add(s);
                else report.skip(cfg.at("subnetIds"), "subnet '" + s + "' of " + what, "not in the snapshot");
            }
            List<String> extra = new ArrayList<>();
            for (String g : cfg.strings("securityGroupIds")) if (securityGroups.contains(g)) extra.add(g);
            String clusterSg = cfg.str("clusterSecurityGroupId");
            if (clusterSg == null || !securityGroups.contains(clusterSg)) {
                report.skip(c.at(), what, "its cluster security group '" + clusterSg + "' is not in describe-security-groups output");
                continue;
            }
            List<Cidr> cidrs = new ArrayList<>();
            JsonNode pac = cfg.node().get("publicAccessCidrs");
            if (pac != null && pac.isArray()) for (JsonNode n : pac) {
                Cidr x = parseCidr(c.doc(), n);
                if (x != null) cidrs.add(x);
            }
            if (cidrs.isEmpty()) cidrs.add(Cidr.ANY_V4);
            Item knc = c.obj("kubernetesNetworkConfig");
            int family = knc != null && "ipv6".equalsIgnoreCase(knc.str("ipFamily")) ? 6 : 4;
            List<String> xenis = eksInterfaces.getOrDefault(name, List.of());
            if (xenis.isEmpty()) {
                report.note(c.at(), what, "no network interfaces described 'Amazon EKS " + name + "' (its X-ENIs) are in"
                        + " describe-network-interfaces output: its private endpoint has no address");
            }
            List<EksCluster.NodeGroup> groups = nodeGroups(name, clusterSg, groupFiles);
            if (!first(name, "EKS cluster", c)) continue;
            out.add(new EksCluster(name, vpc, clusterSubnets, family,
                    new EksCluster.EndpointAccess(cfg.bool("endpointPublicAccess", true), cfg.bool("endpointPrivateAccess", false), cidrs),
                    extra, clusterSg, groups, new EksCluster.PodNetworking(Map.of(), false, List.of(), "strict"), xenis,
                    PUBLIC_ENDPOINT_BASE.plus(10 + index++)));
            report.count("EKS clusters");
            report.note(c.at(), what, "pods, ENIConfigs and security groups for pods are Kubernetes objects, not in describe-* output:"
                    + " pods:" + name + "/... endpoints need them written in a scenario");
        }
    }

    private Map<String, Map<String, List<Instance>>> nodesByCluster;

    /** Managed node groups from their nodes' tags (eks:cluster-name, eks:nodegroup-name); sizes from describe-nodegroup. */
    List<EksCluster.NodeGroup> nodeGroups(String cluster, String clusterSg, Map<String, Item> files) {
        // Nodes are grouped by their tags once for all clusters (per cluster, it was quadratic: 100 clusters x 50k instances).
        if (nodesByCluster == null) {
            Map<String, Map<String, String>> tagsOf = new HashMap<>();
            for (Item r : items("Reservations")) for (Item i : r.list("Instances")) tagsOf.put(i.str("InstanceId"), tags(i));
            nodesByCluster = new HashMap<>();
            for (Instance i : out.instances) {
                Map<String, String> t = tagsOf.getOrDefault(i.id(), Map.of());
                if (t.get("eks:cluster-name") != null && t.get("eks:nodegroup-name") != null) {
                    nodesByCluster.computeIfAbsent(t.get("eks:cluster-name"), k -> new LinkedHashMap<>())
                            .computeIfAbsent(t.get("eks:nodegroup-name"), k -> new ArrayList<>()).add(i);
                }
            }
        }
        Map<String, List<Instance>> byGroup = nodesByCluster.getOrDefault(cluster, Map.of());
        List<EksCluster.NodeGroup> groups = new ArrayList<>();
        for (var e : byGroup.entrySet()) {
            // One node per subnet stands for the group (a node group's flows fan out per subnet/AZ).
            Map<String, String> perSubnet = new LinkedHashMap<>();
            for (Instance i : e.getValue()) perSubnet.putIfAbsent(i.subnet(), i.networkInterfaces().get(0));
            List<String> nodes = new ArrayList<>(perSubnet.values());
            NetworkInterface first = enis.get(nodes.get(0));
            List<String> sgs = first == null || first.securityGroups().isEmpty() ? List.of(clusterSg) : first.securityGroups();
            boolean publicIp = first != null && first.publicIp() != null;
            Item f = files.get(cluster + "/" + e.getKey());
            String type = null;
            int desired = e.getValue().size();
            int max = e.getValue().size();
            if (f != null) {
                List<String> types = f.strings("instanceTypes");
                type = types.isEmpty() ? null : types.get(0);
                Item sc = f.obj("scalingConfig");
                if (sc != null) {
                    desired = sc.node().path("desiredSize").asInt(desired);
                    max = sc.node().path("maxSize").asInt(max);
                }
            }
            groups.add(new EksCluster.NodeGroup(e.getKey(), new ArrayList<>(perSubnet.keySet()), sgs, publicIp, type, desired, max, nodes));
        }
        return groups;
    }
}
