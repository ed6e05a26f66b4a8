package io.reachsim.lint;

import io.reachsim.model.EksCluster;
import io.reachsim.model.RouteTable;
import io.reachsim.model.Subnet;
import io.reachsim.model.VpcEndpoint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code private-cluster-endpoints}: a private-only cluster's VPC needs interface endpoints (with
 * private DNS, so the services' names resolve to them) for ec2, ecr.api, ecr.dkr, sts, logs and
 * elasticloadbalancing, and an s3 gateway endpoint on the node subnets' route tables (ECR image layers
 * come from S3). ERROR with the exact list; INFO when every node subnet has an internet path (NAT, or
 * an internet gateway with public IPs), because then the public service endpoints are reachable.
 */
final class PrivateClusterEndpoints extends Rule {
    static final List<String> INTERFACE_SERVICES = List.of("ec2", "ecr.api", "ecr.dkr", "sts", "logs", "elasticloadbalancing");

    PrivateClusterEndpoints() {
        super("private-cluster-endpoints", "Nodes of a private cluster have no internet access, so to pull images and "
                + "call AWS APIs they need PrivateLink interface endpoints for EC2, ECR, STS, CloudWatch Logs and Elastic "
                + "Load Balancing and the S3 gateway endpoint.");
    }

    @Override
    void check(Facts f, List<Finding> out) {
        for (EksCluster c : f.network.eksClusters()) {
            if (c.endpoint() == null || c.endpoint().publicAccess()) continue;
            List<VpcEndpoint> endpoints = f.network.vpcEndpoints().stream().filter(e -> e.vpc().equals(c.vpc())).toList();
            List<String> missingInterfaces = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            for (String service : INTERFACE_SERVICES) {
                List<VpcEndpoint> found = endpoints.stream()
                        .filter(e -> e.type() == VpcEndpoint.Type.INTERFACE && service.equals(service(f, e))).toList();
                if (found.stream().anyMatch(VpcEndpoint::privateDns)) continue;
                missingInterfaces.add(service);
                if (!found.isEmpty()) notes.add(found.get(0).id() + " (" + service + ") has private DNS off");
            }
            String s3 = s3Problem(f, c, endpoints);
            if (missingInterfaces.isEmpty() && s3 == null) continue;

            List<String> parts = new ArrayList<>();
            if (!missingInterfaces.isEmpty()) parts.add("no interface endpoint for " + String.join(", ", missingInterfaces));
            if (s3 != null) parts.add(s3);
            String missing = c.vpc() + " has " + String.join("; ", parts) + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")");

            List<Subnet> nodeSubnets = f.nodeSubnets(c);
            boolean internet = !c.nodeGroups().isEmpty() && c.nodeGroups().stream().allMatch(g ->
                    f.subnets(f.nodeSubnetIds(c, g)).stream().allMatch(s -> f.internetPath(g, s)));
            String message = "private-only cluster " + c.name() + ": " + missing
                    + (internet ? "; nodes reach these services' public endpoints through NAT or an internet gateway instead"
                    : "; nodes have no internet path to reach them");
            out.add(finding(internet ? Severity.INFO : Severity.ERROR, c.name(), message, fix(f, missingInterfaces, s3, nodeSubnets)));
        }
    }

    /** A short service name: {@code com.amazonaws.us-west-2.ecr.api} and {@code ecr.api} are the same. */
    private static String service(Facts f, VpcEndpoint e) {
        String s = e.service();
        String prefix = "com.amazonaws." + f.vpc(e.vpc()).map(v -> v.region()).orElse(f.network.region()) + ".";
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }

    /**
     * Null when S3 is reachable privately from every node subnet: a gateway endpoint on each node subnet's
     * route table, or an S3 interface endpoint with private DNS. Else what is missing.
     */
    private static String s3Problem(Facts f, EksCluster c, List<VpcEndpoint> endpoints) {
        boolean s3Interface = endpoints.stream()
                .anyMatch(e -> e.type() == VpcEndpoint.Type.INTERFACE && "s3".equals(service(f, e)) && e.privateDns());
        if (s3Interface) return null;
        List<VpcEndpoint> gateways = endpoints.stream()
                .filter(e -> e.type() == VpcEndpoint.Type.GATEWAY && "s3".equals(service(f, e))).toList();
        if (gateways.isEmpty()) return "no s3 gateway endpoint";
        Set<String> covered = new LinkedHashSet<>();
        gateways.forEach(g -> covered.addAll(g.routeTables()));
        Set<String> uncovered = new LinkedHashSet<>();
        for (Subnet s : f.nodeSubnets(c)) {
            f.routeTableOf(s).map(RouteTable::id).filter(t -> !covered.contains(t)).ifPresent(t -> uncovered.add(t + " (" + s.id() + ")"));
        }
        if (uncovered.isEmpty()) return null;
        return "s3 gateway endpoint " + gateways.get(0).id() + " is not on route table " + String.join(", ", uncovered);
    }

    private static String fix(Facts f, List<String> interfaces, String s3, List<Subnet> nodeSubnets) {
        List<String> parts = new ArrayList<>();
        if (!interfaces.isEmpty()) {
            parts.add("create interface endpoints with private DNS for " + String.join(", ", interfaces)
                    + (nodeSubnets.isEmpty() ? "" : " in the node subnets (" + Facts.ids(nodeSubnets) + ")"));
        }
        if (s3 != null) {
            Set<String> tables = new LinkedHashSet<>();
            for (Subnet s : nodeSubnets) f.routeTableOf(s).map(RouteTable::id).ifPresent(tables::add);
            parts.add("add an s3 gateway endpoint" + (tables.isEmpty() ? "" : " on route tables " + String.join(", ", tables)));
        }
        return String.join("; ", parts);
    }
}
