package io.reachsim.model;

/**
 * Where a route sends traffic. Closed set: a new target kind is a new case that every dispatch over
 * it must handle.
 */
public sealed interface RouteTarget {
    /** The gateway/interface id, or a fixed word for local and blackhole. */
    String id();

    record Local() implements RouteTarget {
        public String id() { return "local"; }
    }

    record Blackhole() implements RouteTarget {
        public String id() { return "blackhole"; }
    }

    record InternetGateway(String id) implements RouteTarget {}

    record EgressOnlyInternetGateway(String id) implements RouteTarget {}

    record NatGateway(String id) implements RouteTarget {}

    record VpnGateway(String id) implements RouteTarget {}

    /** A gateway VPC endpoint (S3, DynamoDB), reached through its service's prefix-list route. */
    record VpcEndpoint(String id) implements RouteTarget {}

    /** An appliance's network interface. */
    record NetworkInterface(String id) implements RouteTarget {}

    /** An appliance instance: its primary network interface. */
    record Instance(String id) implements RouteTarget {}

    /** A VPC peering connection (pcx-...). */
    record VpcPeering(String id) implements RouteTarget {}

    /** A transit gateway (tgw-...): the subnet's VPC attachment to it carries the packet. */
    record TransitGateway(String id) implements RouteTarget {}
}
