package io.reachsim.model;

/** One route of a VPC route table. */
public record Route(RouteDestination destination, RouteTarget target) {

    /** Where a route's destination comes from. */
    public sealed interface RouteDestination {
        record CidrDestination(Cidr cidr) implements RouteDestination {
            @Override public String toString() { return cidr.toString(); }
        }

        record PrefixListDestination(String prefixListId) implements RouteDestination {
            @Override public String toString() { return prefixListId; }
        }
    }
}
