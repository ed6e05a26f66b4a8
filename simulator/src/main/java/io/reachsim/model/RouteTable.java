package io.reachsim.model;

import java.util.List;

/**
 * A VPC route table. {@code local} routes are implicit (one per VPC CIDR, IPv4 and IPv6).
 * {@code propagatingVgws}: virtual private gateways whose remote CIDRs are propagated into this table.
 */
public record RouteTable(String id, String vpc, boolean main, List<Route> routes, List<String> propagatingVgws) {
    public RouteTable {
        routes = List.copyOf(routes);
        propagatingVgws = List.copyOf(propagatingVgws);
    }
}
