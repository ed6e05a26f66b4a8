package io.reachsim.lint;

import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.NatGateway;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.Subnet;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code public-endpoint-open}: the public API endpoint accepts requests from the whole internet. */
final class PublicEndpointOpen extends Rule {
    PublicEndpointOpen() {
        super("public-endpoint-open", "The guide strongly recommends limiting the CIDR blocks that can use the "
                + "cluster's public endpoint.");
    }

    @Override
    void check(Facts f, List<Finding> out) {
        for (EksCluster c : f.network.eksClusters()) {
            EksCluster.EndpointAccess e = c.endpoint();
            if (e == null || !e.publicAccess()) continue;
            boolean open = e.publicAccessCidrs().stream().anyMatch(x -> x.prefix() == 0 && x.version() == 4);
            if (!open) continue;
            String mode = e.privateAccess() ? "public+private" : "public only";
            out.add(finding(Severity.WARNING, c.name(),
                    "cluster " + c.name() + "'s public API endpoint (" + mode + ") accepts requests from anywhere: publicAccessCidrs "
                            + String.join(", ", e.publicAccessCidrs().stream().map(Cidr::toString).toList()),
                    fix(f, c)));
        }
    }

    /** Without a usable private endpoint nodes register through the public one: keep their NAT addresses allowed. */
    private static String fix(Facts f, EksCluster c) {
        String base = "set publicAccessCidrs to the ranges of your administrators and CI";
        boolean nodesUsePublic = !c.endpoint().privateAccess()
                || !f.vpc(c.vpc()).map(v -> v.enableDnsSupport() && v.enableDnsHostnames()).orElse(false);
        if (!nodesUsePublic) return base + " (nodes use the private endpoint), or turn public access off";
        Set<String> eips = new LinkedHashSet<>();
        for (Subnet s : f.nodeSubnets(c)) {
            f.defaultRoute(s, 4).filter(t -> t instanceof RouteTarget.NatGateway)
                    .flatMap(t -> f.nat(t.id())).map(NatGateway::publicIp)
                    .ifPresent(ip -> eips.add(ip + "/32"));
        }
        if (eips.isEmpty()) return base + ", plus the public addresses your nodes reach the endpoint from";
        return base + ", plus the NAT gateway addresses your nodes reach the endpoint from (" + String.join(", ", eips) + ")";
    }
}
