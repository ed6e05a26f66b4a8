package io.reachsim.trace;

/** What a hop is. The short label is what the terminal shows in its first column. */
public enum HopKind {
    /** A packet leaves a network interface: security group egress, source/destination check. */
    INTERFACE_EGRESS("eni"),
    /** A packet reaches a network interface: source/destination check, security group ingress. */
    INTERFACE_INGRESS("eni"),
    /** Network ACL of the subnet a packet leaves. */
    ACL_OUT("nacl"),
    /** Network ACL of the subnet a packet enters. */
    ACL_IN("nacl"),
    /** Route table lookup. */
    ROUTE("route"),
    INTERNET_GATEWAY("igw"),
    EGRESS_ONLY_INTERNET_GATEWAY("eigw"),
    NAT_GATEWAY("nat"),
    VPN_GATEWAY("vgw"),
    /** VPC CNI source NAT of a pod to its node's primary address (and back, for replies). */
    SNAT("snat"),
    /** A VPC peering connection crossed (component: the pcx). */
    VPC_PEERING("pcx"),
    /** A transit gateway attachment crossed, into or out of the transit gateway (component: the attachment). */
    TGW_ATTACHMENT("tgwa"),
    /** A transit gateway route table lookup (component: the TGW route table; the detail names the gateway). */
    TRANSIT_GATEWAY("tgw"),
    /** A gateway VPC endpoint (S3, DynamoDB). */
    VPC_ENDPOINT("vpce"),
    /** An EKS cluster's public API endpoint. */
    EKS_API("eks"),
    /** A load balancer node: listener match, target selection, address translation (and back, for replies). */
    LOAD_BALANCER("lb"),
    /** An interface endpoint handing the packet to its endpoint service's load balancer (AWS PrivateLink). */
    PRIVATELINK("plink"),
    /** Amazon VPC Lattice: a service network, a service or a target group (the component says which). */
    LATTICE("lat"),
    /** Name resolution that decided the destination (or failed). */
    DNS("dns"),
    /** The public internet between gateways and hosts. */
    INTERNET("inet"),
    /** A network outside AWS (external). */
    EXTERNAL("ext"),
    /** The packet reached the host it was addressed to. */
    DELIVERED("host");

    private final String label;

    HopKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
