package io.reachsim.model;

import java.util.List;

/**
 * A VPC endpoint. Gateway endpoints (s3, dynamodb) add a route for the service's prefix list to
 * {@code routeTables}. Interface endpoints get one network interface per subnet (ids
 * {@code <id>-<subnet>}, materialised by the loader, listed in {@code networkInterfaces}) carrying
 * {@code securityGroups}; with {@code privateDns} the service's name resolves to them inside the VPC.
 * {@code service} is the short name (s3, ecr.api) or an endpoint service id.
 */
public record VpcEndpoint(String id, String vpc, Type type, String service, List<String> routeTables,
                          List<String> subnets, List<String> securityGroups, boolean privateDns,
                          List<String> networkInterfaces) {
    public enum Type { GATEWAY, INTERFACE }

    public VpcEndpoint {
        routeTables = List.copyOf(routeTables);
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        networkInterfaces = List.copyOf(networkInterfaces);
    }
}
