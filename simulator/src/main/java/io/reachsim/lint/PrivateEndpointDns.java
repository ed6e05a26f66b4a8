package io.reachsim.lint;

import io.reachsim.model.EksCluster;
import io.reachsim.model.Vpc;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code private-endpoint-dns}: private endpoint access needs the VPC's enableDnsSupport and
 * enableDnsHostnames; without them the API name does not resolve to the X-ENIs.
 */
final class PrivateEndpointDns extends Rule {
    PrivateEndpointDns() {
        super("private-endpoint-dns", "With the private endpoint, the API server's name resolves to the cross-account "
                + "ENIs inside the VPC only when the VPC has enableDnsSupport and enableDnsHostnames turned on.");
    }

    @Override
    void check(Facts f, List<Finding> out) {
        for (EksCluster c : f.network.eksClusters()) {
            if (c.endpoint() == null || !c.endpoint().privateAccess()) continue;
            Vpc vpc = f.vpc(c.vpc()).orElse(null);
            if (vpc == null) continue;
            List<String> off = new ArrayList<>();
            if (!vpc.enableDnsSupport()) off.add("enableDnsSupport");
            if (!vpc.enableDnsHostnames()) off.add("enableDnsHostnames");
            if (off.isEmpty()) continue;
            boolean privateOnly = !c.endpoint().publicAccess();
            String consequence = privateOnly
                    ? "with public access off, nodes cannot reach the API server at all"
                    : "nodes fall back to the public endpoint";
            out.add(finding(privateOnly ? Severity.ERROR : Severity.WARNING, c.name(),
                    "cluster " + c.name() + " has private endpoint access but " + vpc.id() + " has "
                            + String.join(" and ", off.stream().map(x -> x + "=false").toList())
                            + ": the API name does not resolve to the cross-account ENIs; " + consequence,
                    "set " + String.join(" and ", off) + " to true on " + vpc.id()));
        }
    }
}
