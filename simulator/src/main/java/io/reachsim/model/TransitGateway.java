package io.reachsim.model;

import java.util.List;

/**
 * A transit gateway with its route tables and attachments. Each attachment is associated with at most
 * one route table (the table that routes traffic arriving from it) and propagates its routes into any
 * number of tables. {@code account}/{@code region} as for VPCs (null: the defaults).
 * {@code securityGroupReferencing}: AWS's SecurityGroupReferencingSupport option of the gateway (off by
 * default); with it on, inbound rules may reference groups of other VPCs whose attachments have it on too.
 */
public record TransitGateway(String id, String region, String account, List<RouteTable> routeTables,
                             List<Attachment> attachments, boolean securityGroupReferencing) {
    public TransitGateway {
        routeTables = List.copyOf(routeTables);
        attachments = List.copyOf(attachments);
    }

    /** A gateway without security-group referencing (AWS's default). */
    public TransitGateway(String id, String region, String account, List<RouteTable> routeTables, List<Attachment> attachments) {
        this(id, region, account, routeTables, attachments, false);
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
     * {@code ipv6Support}: AWS's Ipv6Support option of a VPC attachment (off by default): without it the
     * attachment carries no IPv6 and propagates no IPv6 CIDR.
     */
    public record Attachment(String id, Type type, String vpc, List<String> subnets, String association,
                             List<String> propagations, boolean applianceMode, List<Cidr> remoteCidrs,
                             boolean securityGroupReferencing, boolean ipv6Support) {
        public enum Type { VPC, VPN }

        public Attachment {
            subnets = List.copyOf(subnets);
            propagations = List.copyOf(propagations);
            remoteCidrs = List.copyOf(remoteCidrs);
        }

        /** An attachment without IPv6 support (AWS's default). */
        public Attachment(String id, Type type, String vpc, List<String> subnets, String association, List<String> propagations,
                          boolean applianceMode, List<Cidr> remoteCidrs, boolean securityGroupReferencing) {
            this(id, type, vpc, subnets, association, propagations, applianceMode, remoteCidrs, securityGroupReferencing, false);
        }

        /** An attachment with security-group referencing on (AWS's default for a VPC attachment). */
        public Attachment(String id, Type type, String vpc, List<String> subnets, String association, List<String> propagations,
                          boolean applianceMode, List<Cidr> remoteCidrs) {
            this(id, type, vpc, subnets, association, propagations, applianceMode, remoteCidrs, true);
        }
    }
}
