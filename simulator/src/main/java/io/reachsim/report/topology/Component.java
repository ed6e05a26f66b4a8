package io.reachsim.report.topology;

/**
 * One thing on the drawing and in the exported graph. {@code parent} is the box it is drawn inside
 * (a VPC, an availability zone of a VPC, a subnet, a transit gateway) or null at the top level.
 */
public record Component(String id, Kind kind, String parent, String label) {

    /** What a component is; {@code tag} is the short word shown above its id (the terminal's hop labels where one exists). */
    public enum Kind {
        VPC("vpc", true), AVAILABILITY_ZONE("az", true), SUBNET("subnet", true), ROUTE_TABLE("rtb", false),
        INTERNET_GATEWAY("igw", false), EGRESS_ONLY_INTERNET_GATEWAY("eigw", false), NAT_GATEWAY("nat", false),
        VPN_GATEWAY("vgw", false), VPC_ENDPOINT("vpce", false), VPC_PEERING("pcx", false),
        TRANSIT_GATEWAY("tgw", true), TGW_ROUTE_TABLE("tgw-rtb", false), TGW_ATTACHMENT("tgwa", false),
        LOAD_BALANCER("lb", false), EKS_CLUSTER("eks", false), NODE_GROUP("nodes", false),
        INSTANCE("instance", false), NETWORK_INTERFACE("eni", false), EXTERNAL("external", false),
        INTERNET("internet", false);

        private final String tag;
        private final boolean container;

        Kind(String tag, boolean container) {
            this.tag = tag;
            this.container = container;
        }

        public String tag() {
            return tag;
        }

        /** Drawn as a region holding other components rather than as a box. */
        public boolean container() {
            return container;
        }
    }
}
