package io.reachsim.lint;

import io.reachsim.model.EksCluster;
import io.reachsim.model.EksCluster.EniConfig;
import io.reachsim.model.NatGateway;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.Subnet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code nat-per-az}: a private subnet holding nodes whose default route goes to a NAT gateway in
 * another AZ. With {@code externalSnat} pods' internet traffic leaves from their own (ENIConfig) subnet,
 * so those subnets are checked as well.
 */
final class NatPerAz extends Rule {
    NatPerAz() {
        super("nat-per-az", "The guide recommends a NAT gateway in each AZ for nodes in private subnets, so each AZ "
                + "stays independent of the others and no cross-AZ data-transfer charges accrue.");
    }

    @Override
    void check(Facts f, List<Finding> out) {
        Map<String, Subnet> egressSubnets = new LinkedHashMap<>();
        for (EksCluster c : f.network.eksClusters()) {
            for (Subnet s : f.nodeSubnets(c)) egressSubnets.putIfAbsent(s.id(), s);
            if (f.customNetworking(c) && c.pods().externalSnat()) {
                for (EniConfig e : c.pods().customNetworking().values()) {
                    f.subnet(e.subnet()).ifPresent(s -> egressSubnets.putIfAbsent(s.id(), s));
                }
            }
        }
        for (Subnet s : egressSubnets.values()) {
            Optional<RouteTarget> t = f.defaultRoute(s, 4);
            if (t.isEmpty() || !(t.get() instanceof RouteTarget.NatGateway target)) continue;
            NatGateway nat = f.nat(target.id()).orElse(null);
            if (nat == null) continue;
            Subnet natSubnet = f.subnet(nat.subnet()).orElse(null);
            if (natSubnet == null || s.az() == null || natSubnet.az() == null || natSubnet.az().equals(s.az())) continue;
            String table = f.routeTableOf(s).map(RouteTable::id).orElse("its route table");
            out.add(finding(Severity.WARNING, s.id(),
                    "private subnet " + s.id() + " in " + s.az() + " sends 0.0.0.0/0 to " + nat.id() + " in " + natSubnet.az()
                            + " (" + natSubnet.id() + ", via " + table + "): its internet traffic crosses AZs and depends on " + natSubnet.az(),
                    fix(f, s, table)));
        }
    }

    private static String fix(Facts f, Subnet s, String table) {
        List<String> sharers = new ArrayList<>();
        for (Subnet other : f.subnetsOf(s.vpc())) {
            if (other.id().equals(s.id()) || s.az().equals(other.az())) continue;
            if (f.routeTableOf(other).map(RouteTable::id).orElse("").equals(table)) sharers.add(other.id() + " (" + other.az() + ")");
        }
        String local = f.network.natGateways().stream()
                .filter(n -> f.subnet(n.subnet()).map(ns -> s.az().equals(ns.az()) && f.isPublic(ns)).orElse(false))
                .map(NatGateway::id).findFirst().orElse(null);
        String gateway = local != null ? local + " (already in " + s.az() + ")" : "a new NAT gateway in a public subnet in " + s.az();
        if (!sharers.isEmpty()) {
            return "give " + s.id() + " a route table of its own (" + table + " is shared with " + String.join(", ", sharers)
                    + ") with 0.0.0.0/0 → " + gateway;
        }
        return "route 0.0.0.0/0 in " + table + " to " + gateway;
    }
}
