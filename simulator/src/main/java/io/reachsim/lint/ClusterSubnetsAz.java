package io.reachsim.lint;

import io.reachsim.model.EksCluster;
import io.reachsim.model.Subnet;

import java.util.List;
import java.util.Set;

/** {@code cluster-subnets-az}: a cluster's subnets must span at least two Availability Zones. */
final class ClusterSubnetsAz extends Rule {
    ClusterSubnetsAz() {
        super("cluster-subnets-az", "EKS requires cluster subnets in at least two Availability Zones (it places its "
                + "cross-account ENIs there), and the guide recommends subnets in at least two AZs when creating a cluster.");
    }

    @Override
    void check(Facts f, List<Finding> out) {
        for (EksCluster c : f.network.eksClusters()) {
            List<Subnet> subnets = f.subnets(c.subnets());
            // a scenario that leaves out AZs does not model them: nothing to say about their spread
            if (subnets.stream().anyMatch(s -> s.az() == null)) continue;
            Set<String> azs = Facts.azs(subnets);
            if (azs.size() >= 2) continue;
            String message;
            if (subnets.isEmpty()) {
                message = "cluster " + c.name() + " names no cluster subnets";
            } else if (subnets.size() == 1) {
                message = "cluster " + c.name() + " has 1 cluster subnet, " + Facts.withAz(subnets) + ": EKS needs 2 AZs";
            } else {
                message = "cluster " + c.name() + "'s " + subnets.size() + " cluster subnets are all in " + azs.iterator().next()
                        + " (" + Facts.ids(subnets) + "): EKS needs 2 AZs";
            }
            out.add(finding(Severity.ERROR, c.name(), message, fix(f, c, azs)));
        }
    }

    private static String fix(Facts f, EksCluster c, Set<String> azs) {
        List<Subnet> others = f.subnetsOf(c.vpc()).stream()
                .filter(s -> s.az() != null && !azs.contains(s.az()) && !f.isPublic(s))
                .limit(3).toList();
        String base = "add a subnet in another AZ of " + c.vpc() + " to " + c.name() + "'s subnets (ideally a dedicated /28)";
        return others.isEmpty() ? base : base + ", e.g. " + Facts.withAz(others);
    }
}
