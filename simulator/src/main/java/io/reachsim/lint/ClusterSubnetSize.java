package io.reachsim.lint;

import io.reachsim.model.EksCluster;
import io.reachsim.model.EksCluster.EniConfig;
import io.reachsim.model.EksCluster.NodeGroup;
import io.reachsim.model.Subnet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code cluster-subnet-size}: cluster subnets should be small and dedicated to the X-ENIs: flag one
 * that is larger than /28 or also hosts nodes or pods (of any cluster).
 */
final class ClusterSubnetSize extends Rule {
    ClusterSubnetSize() {
        super("cluster-subnet-size", "EKS creates up to 4 cross-account ENIs in the cluster subnets and more during "
                + "upgrades, while nodes and pods there can use up the free addresses, so the guide suggests dedicated "
                + "cluster subnets with a /28 netmask.");
    }

    @Override
    void check(Facts f, List<Finding> out) {
        Map<String, Set<String>> clustersBySubnet = new LinkedHashMap<>();
        for (EksCluster c : f.network.eksClusters()) {
            for (String s : c.subnets()) clustersBySubnet.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(c.name());
        }
        for (Map.Entry<String, Set<String>> e : clustersBySubnet.entrySet()) {
            Subnet s = f.subnet(e.getKey()).orElse(null);
            if (s == null) continue;
            List<String> problems = new ArrayList<>();
            boolean large = s.cidr() != null && s.cidr().prefix() < 28;
            if (large) problems.add("is a /" + s.cidr().prefix() + " (" + Facts.usable(s.cidr()) + " usable addresses)");
            List<String> hosted = hosted(f, s.id());
            if (!hosted.isEmpty()) problems.add("also hosts " + String.join(" and ", hosted));
            if (problems.isEmpty()) continue;
            String message = "cluster subnet " + s.id() + " of " + String.join(", ", e.getValue()) + " " + String.join(" and ", problems);
            String fix = hosted.isEmpty()
                    ? "a dedicated /28 per AZ is enough for the cross-account ENIs; keep larger ranges for nodes and pods"
                    : "give the cluster dedicated /28 subnets (one per AZ) for its cross-account ENIs and run nodes and pods in their own subnets";
            out.add(finding(Severity.INFO, s.id(), message, fix));
        }
    }

    /** {@code nodes of prod/workers}, {@code pods of prod (ENIConfig us-west-2a)}. */
    private static List<String> hosted(Facts f, String subnet) {
        List<String> groups = new ArrayList<>();
        List<String> podConfigs = new ArrayList<>();
        for (EksCluster c : f.network.eksClusters()) {
            for (NodeGroup g : c.nodeGroups()) {
                if (f.nodeSubnetIds(c, g).contains(subnet)) groups.add(c.name() + "/" + g.name());
            }
            if (!f.customNetworking(c)) continue;
            for (Map.Entry<String, EniConfig> e : new java.util.TreeMap<>(c.pods().customNetworking()).entrySet()) {
                if (e.getValue().subnet().equals(subnet)) podConfigs.add(c.name() + " (ENIConfig " + e.getKey() + ")");
            }
        }
        List<String> out = new ArrayList<>();
        if (!groups.isEmpty()) out.add("nodes of " + String.join(", ", groups));
        if (!podConfigs.isEmpty()) out.add("pods of " + String.join(", ", podConfigs));
        return out;
    }
}
