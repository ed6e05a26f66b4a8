package io.reachsim.model;

import java.util.List;

/**
 * A transit gateway with its route tables and attachments. Each attachment is associated with at most
 * one route table (the table that routes traffic arriving from it) and propagates its routes into any
 * number of tables. {@code account}/{@code region} as for VPCs (null: the defaults).
 */
public record TransitGateway(String id, String region, String account, List<RouteTable> routeTables,
                             List<Attachment> attachments) {
    public TransitGateway {
        routeTables = List.copyOf(routeTables);
        attachments = List.copyOf(attachments);
    }

    /** A transit gateway route table: static and blackhole routes; propagated routes are derived. */
    public record RouteTable(String id, List<TgwRoute> routes) {
        public RouteTable {
            routes = List.copyOf(routes);
        }
    }

    /**
     * A static route: to {@code attachment}, or a blackhole. The destination is a CIDR or a prefix list
     * (prefix-list references in TGW route tables are AWS's, too).
     */
    public record TgwRoute(Route.RouteDestination destination, String attachment, boolean blackhole) {}

    /**
     * An attachment. VPC attachments place one interface in each of {@code subnets} (one per AZ); VPN
     * attachments reach the {@code remoteCidrs} of the external networks behind them (externals name the
     * attachment in {@code via}). {@code association} is the route table id or null (then traffic from the
     * attachment is dropped). {@code applianceMode} is recorded (AZ affinity of both directions).
     */
    public record Attachment(String id, Type type, String vpc, List<String> subnets, String association,
                             List<String> propagations, boolean applianceMode, List<Cidr> remoteCidrs) {
        public enum Type { VPC, VPN }

        public Attachment {
            subnets = List.copyOf(subnets);
            propagations = List.copyOf(propagations);
            remoteCidrs = List.copyOf(remoteCidrs);
        }
    }
}
