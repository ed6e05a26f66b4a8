package io.reachsim.lint;

import io.reachsim.model.EksCluster;
import io.reachsim.model.EksCluster.EniConfig;
import io.reachsim.model.EksCluster.NodeGroup;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Pod;
import io.reachsim.model.Subnet;
import io.reachsim.model.VpcEndpoint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ip-capacity}: per subnet, the free IPv4 addresses (size − 5 reserved − addresses in use) against
 * what the node groups take at {@code maxSize}, nodes spread evenly over each group's subnets (the
 * fullest subnet gets the rounded-up share). A node at max pods holds every address of every ENI it can
 * attach ({@code ENIs × IPv4 per ENI}: its own, one per ENI, one per pod). Under custom networking the
 * node's primary ENI stays in the node subnet (1 address) and the other ENIs, with all pods, take theirs
 * from the ENIConfig subnet of the node's AZ. IPv6 clusters give pods IPv6 addresses: only the node
 * counts. "In use" leaves out the loader's representative node and pod interfaces (their addresses are
 * part of the demand) and counts everything else: instances, X-ENIs, NAT gateways, endpoint interfaces.
 */
final class IpCapacity extends Rule {
    IpCapacity() {
        super("ip-capacity", "With the VPC CNI every pod takes an address from its subnet, so a subnet without enough "
                + "free addresses stops nodes and pods from starting when a node group scales out.");
    }

    /** What the node groups take from one subnet. */
    private static final class Demand {
        long addresses;
        final List<String> parts = new ArrayList<>();
        final List<String> groups = new ArrayList<>();
        /** Per contribution: addresses per node and how many subnets the group spreads over. */
        final List<long[]> perNode = new ArrayList<>();
        /** An ENIConfig subnet: pods' addresses come from here. */
        boolean pods;
    }

    @Override
    void check(Facts f, List<Finding> out) {
        Map<String, Demand> demand = new LinkedHashMap<>();
        for (EksCluster c : f.network.eksClusters()) {
            boolean v6 = c.ipFamily() == 6;
            boolean custom = f.customNetworking(c) && !v6;
            for (NodeGroup g : c.nodeGroups()) {
                if (g.maxSize() <= 0) continue;
                List<Subnet> subnets = f.subnets(f.nodeSubnetIds(c, g));
                if (subnets.isEmpty()) continue;
                String group = c.name() + "/" + g.name();
                Optional<InstanceTypes.Limits> limits = InstanceTypes.of(g.instanceType());
                if (limits.isEmpty() && !v6) {
                    out.add(finding(Severity.INFO, group, "node group " + group + ": instance type '" + g.instanceType()
                                    + "' is not in lint's table of ENI limits, so the IP capacity of " + Facts.ids(subnets) + " was not checked",
                            "check max pods for " + g.instanceType() + " (ENIs × (IPv4 per ENI − 1) + 2) × maxSize " + g.maxSize()
                                    + " against the free addresses of " + Facts.ids(subnets)));
                    continue;
                }
                long perSubnet = (g.maxSize() + subnets.size() - 1) / subnets.size();
                String nodes = Facts.plural(perSubnet, "node") + " (maxSize " + g.maxSize() + " over " + Facts.plural(subnets.size(), "subnet") + ")";
                for (Subnet s : subnets) {
                    if (v6) {
                        add(demand, s.id(), group, perSubnet, 1, subnets.size(), false, group + " " + nodes + " × 1 (pods use IPv6)");
                    } else if (custom) {
                        InstanceTypes.Limits l = limits.get();
                        Optional<Map.Entry<String, EniConfig>> eni = f.eniConfigFor(c, s);
                        add(demand, s.id(), group, perSubnet, 1, subnets.size(), false, group + " " + nodes + " × 1 (primary ENI; pods use "
                                + eni.map(e -> "ENIConfig subnet " + e.getValue().subnet()).orElse("an ENIConfig subnet") + ")");
                        long podAddresses = (long) (l.enis() - 1) * l.ipv4PerEni();
                        eni.ifPresent(e -> add(demand, e.getValue().subnet(), group, perSubnet * podAddresses, podAddresses,
                                subnets.size(), true, group + " pods of " + nodes + " in " + s.id() + " × " + (l.enis() - 1) * l.ipv4PerEni() + " ("
                                        + l.type() + ": " + (l.enis() - 1) + " secondary ENIs × " + l.ipv4PerEni()
                                        + " addresses, max pods " + l.maxPodsCustomNetworking() + ")"));
                    } else {
                        InstanceTypes.Limits l = limits.get();
                        add(demand, s.id(), group, perSubnet * (long) l.addressesPerNode(), l.addressesPerNode(),
                                subnets.size(), false, group + " " + nodes + " × " + l.addressesPerNode() + " (" + l.type() + ": " + l.enis() + " ENIs × "
                                        + l.ipv4PerEni() + " addresses, max pods " + l.maxPods() + ")");
                    }
                }
            }
        }

        Set<String> representative = representativeInterfaces(f);
        for (Map.Entry<String, Demand> e : demand.entrySet()) {
            Subnet s = f.subnet(e.getKey()).orElse(null);
            if (s == null || s.cidr() == null) continue;
            Demand d = e.getValue();
            long usable = Facts.usable(s.cidr());
            long used = inUse(f, s, representative);
            long free = Math.max(0, usable - used);
            if (d.addresses <= free) continue;
            out.add(finding(Severity.ERROR, s.id(),
                    "subnet " + s.id() + " (" + s.cidr() + ") has " + free + " free addresses (" + s.cidr().size() + " − 5 reserved − "
                            + used + " in use) but needs " + d.addresses + " at maxSize, " + (d.addresses - free) + " short: "
                            + String.join("; ", d.parts),
                    fix(s, d, free)));
        }
    }

    private static String fix(Subnet s, Demand d, long free) {
        List<String> options = new ArrayList<>();
        options.add(d.pods ? "point the ENIConfig at a larger subnet (e.g. in a secondary CIDR such as 100.64.0.0/16)"
                : "give " + String.join(", ", d.groups) + " larger or more subnets");
        if (d.perNode.size() == 1) {
            // nodes spread evenly: ceil(maxSize / n) <= k  <=>  maxSize <= k * n
            long[] c = d.perNode.get(0);
            long fits = free / c[0] * c[1];
            options.add(fits > 0 ? "lower the maxSize of " + d.groups.get(0) + " to " + fits + " (fits in " + s.id() + ")"
                    : "move " + d.groups.get(0) + " out of " + s.id() + " (not one node fits)");
        } else {
            options.add("lower maxSize");
        }
        if (!d.pods) options.add("move pods to a larger range with custom networking (a secondary CIDR such as 100.64.0.0/16)");
        return String.join(", ", options.subList(0, options.size() - 1)) + " or " + options.get(options.size() - 1);
    }

    private static void add(Map<String, Demand> demand, String subnet, String group, long addresses, long perNode, int subnets,
                            boolean pods, String part) {
        Demand d = demand.computeIfAbsent(subnet, k -> new Demand());
        d.addresses += addresses;
        d.perNode.add(new long[] {perNode, subnets});
        d.pods |= pods;
        d.parts.add(part + " = " + addresses);
        if (!d.groups.contains(group)) d.groups.add(group);
    }

    /** The loader's stand-in node and pod interfaces: their addresses are counted in the demand instead. */
    private static Set<String> representativeInterfaces(Facts f) {
        Set<String> ids = new HashSet<>();
        for (EksCluster c : f.network.eksClusters()) {
            for (NodeGroup g : c.nodeGroups()) ids.addAll(g.nodeInterfaces());
        }
        for (Pod p : f.network.pods()) ids.add(p.id());
        return ids;
    }

    /** IPv4 addresses taken in the subnet now (distinct), plus endpoint interfaces the loader has not materialised. */
    private static long inUse(Facts f, Subnet s, Set<String> representative) {
        Set<Ip> ips = new HashSet<>();
        Set<String> interfaceIds = new HashSet<>();
        for (NetworkInterface ni : f.network.networkInterfaces()) {
            interfaceIds.add(ni.id());
            if (!ni.subnet().equals(s.id()) || representative.contains(ni.id())) continue;
            if (ni.privateIp() != null && ni.privateIp().isV4()) ips.add(ni.privateIp());
            for (Ip ip : ni.secondaryPrivateIps()) if (ip.isV4()) ips.add(ip);
        }
        for (NatGateway n : f.network.natGateways()) {
            if (!n.subnet().equals(s.id())) continue;
            if (n.privateIp() != null && n.privateIp().isV4()) ips.add(n.privateIp());
            for (Ip ip : n.secondaryPrivateIps()) if (ip.isV4()) ips.add(ip);
        }
        long pending = 0;
        for (VpcEndpoint e : f.network.vpcEndpoints()) {
            if (e.type() == VpcEndpoint.Type.INTERFACE && e.subnets().contains(s.id())
                    && !interfaceIds.contains(e.id() + "-" + s.id())) {
                pending++;
            }
        }
        return ips.size() + pending;
    }
}
