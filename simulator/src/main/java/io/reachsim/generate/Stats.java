package io.reachsim.generate;

import io.reachsim.model.Network;
import io.reachsim.model.SecurityGroup;

/** What a generated network holds, counted as the performance issue states its sizes. */
public record Stats(int vpcs, int subnets, int enis, int sgRules, int routeTables, int natGateways, int eksClusters, int expectations) {
    public static Stats of(NetworkGenerator.Generated g) {
        Network n = g.network();
        int rules = 0;
        for (SecurityGroup s : n.securityGroups()) rules += s.ingress().size() + s.egress().size();
        return new Stats(n.vpcs().size(), n.subnets().size(), n.networkInterfaces().size(), rules, n.routeTables().size(),
                n.natGateways().size(), n.eksClusters().size(), g.expectations().size());
    }

    @Override
    public String toString() {
        return vpcs + " VPCs, " + subnets + " subnets, " + enis + " ENIs, " + sgRules + " SG rules, " + routeTables + " route tables, "
                + natGateways + " NAT gateways, " + eksClusters + " EKS clusters, " + expectations + " expectations";
    }
}
