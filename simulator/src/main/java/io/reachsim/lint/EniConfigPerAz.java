package io.reachsim.lint;

import io.reachsim.model.EksCluster;
import io.reachsim.model.EksCluster.EniConfig;
import io.reachsim.model.EksCluster.NodeGroup;
import io.reachsim.model.Subnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code eniconfig-per-az}: under custom networking every AZ with nodes needs an ENIConfig, and an
 * ENIConfig named after an AZ must point at a subnet in that AZ.
 */
final class EniConfigPerAz extends Rule {
    EniConfigPerAz() {
        super("eniconfig-per-az", "Under custom networking the VPC CNI takes a node's pod addresses from the ENIConfig of "
                + "the node's AZ, whose subnet must be in that AZ; without one the node's pods get no addresses.");
    }

    @Override
    void check(Facts f, List<Finding> out) {
        for (EksCluster c : f.network.eksClusters()) {
            if (!f.customNetworking(c) || c.ipFamily() == 6) continue;
            Map<String, List<String>> uncovered = new TreeMap<>();
            for (NodeGroup g : c.nodeGroups()) {
                for (Subnet s : f.subnets(f.nodeSubnetIds(c, g))) {
                    if (s.az() == null || f.eniConfigFor(c, s).isPresent()) continue;
                    uncovered.computeIfAbsent(s.az(), k -> new ArrayList<>()).add(s.id() + " (" + c.name() + "/" + g.name() + ")");
                }
            }
            for (Map.Entry<String, List<String>> e : uncovered.entrySet()) {
                out.add(finding(Severity.ERROR, c.name(), "cluster " + c.name() + " uses custom networking but has no ENIConfig for "
                                + e.getKey() + ", where nodes run in " + String.join(", ", e.getValue()) + ": their pods get no addresses",
                        "add an ENIConfig for " + e.getKey() + " pointing at a subnet in " + e.getKey()));
            }
            for (Map.Entry<String, EniConfig> e : new TreeMap<>(c.pods().customNetworking()).entrySet()) {
                if (Facts.isAzId(e.getKey())) continue;
                Subnet s = f.subnet(e.getValue().subnet()).orElse(null);
                if (s == null || s.az() == null || s.az().equals(e.getKey())) continue;
                out.add(finding(Severity.ERROR, c.name(), "cluster " + c.name() + "'s ENIConfig " + e.getKey() + " points at " + s.id()
                                + " in " + s.az() + ": an ENI cannot be attached to a node in another AZ",
                        "point ENIConfig " + e.getKey() + " at a subnet in " + e.getKey()));
            }
        }
    }
}
