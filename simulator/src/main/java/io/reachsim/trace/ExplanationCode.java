package io.reachsim.trace;

/**
 * Why a flow was dropped. Codes marked {@code ra} are AWS Reachability Analyzer's own names
 * (https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html); the others are
 * reachsim's, for situations the analyzer has no code for.
 */
public enum ExplanationCode {
    NO_ROUTE_TO_DESTINATION(true, "The route table has no route that matches the destination."),
    BAD_STATE_ROUTE(true, "The matching route is a blackhole route."),
    ENI_SG_RULES_MISMATCH(true, "No rule in the interface's security groups allows the traffic."),
    SUBNET_ACL_RESTRICTION(true, "The subnet's network ACL denies the traffic."),
    ENI_SOURCE_DEST_CHECK_RESTRICTION(true, "Source/destination check is on: the interface only sends and receives its own addresses' traffic."),
    IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS(true, "The internet gateway needs the source to have a public IPv4 address."),
    IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS(true, "The internet gateway only accepts traffic for public addresses associated with the VPC."),
    IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS(true, "Internet gateways drop outbound traffic for private (RFC 1918) addresses."),
    IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS(true, "Internet gateways drop outbound traffic for shared (RFC 6598, 100.64.0.0/10) addresses."),
    NGW_REQUIRES_SOURCE_IN_VPC(true, "A NAT gateway only translates traffic that starts inside its own VPC or arrives from a transit gateway (never from a peering connection or VPN)."),
    VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS(true, "The VPN gateway only delivers traffic for private addresses inside the VPC."),
    NO_POSSIBLE_DESTINATION(true, "Nothing at the destination address can take the packet."),
    // ---- peering and transit gateways
    PCX_REQUIRES_ADDRESS_IN_VPC_CIDR(true, "A VPC peering connection only carries traffic from its own VPC's addresses to addresses inside the peer VPC's CIDRs (peering is not transitive)."),
    VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS(true, "A VPN gateway only sends traffic whose source is inside its own VPC (no edge-to-edge routing from a peer or transit gateway)."),
    TGW_ROUTE_AZ_RESTRICTION(true, "The transit gateway attachment has no subnet in the availability zone the traffic leaves from."),
    TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION(true, "The transit gateway attachment is associated with no transit gateway route table."),
    TGW_RTB_CANNOT_ROUTE(true, "The transit gateway route table has no route that matches the destination."),
    TGW_RTB_BAD_STATE_ROUTE(true, "The matching transit gateway route is a blackhole route."),
    /** reachsim: an IPv6 packet at a transit gateway VPC attachment whose Ipv6Support option is off. */
    TGW_ATTACHMENT_IPV6_NOT_SUPPORTED(false, "The transit gateway VPC attachment has IPv6 support off (Ipv6Support, AWS's default), so it carries no IPv6 traffic."),
    /** reachsim: a NAT gateway does not accept connections started from outside. */
    NAT_GATEWAY_NO_INBOUND(false, "A NAT gateway only carries connections started from inside; it accepts no new inbound connection."),
    /** reachsim: the NAT gateway's own subnet routes its translated traffic back to the NAT gateway (a loop). */
    NGW_ROUTES_TO_ITSELF(false, "The route table of the NAT gateway's own subnet sends the traffic back to the NAT gateway: it can never leave."),
    /** reachsim: an egress-only internet gateway does not accept connections started from outside. */
    EIGW_NO_INBOUND(false, "An egress-only internet gateway only carries replies inbound; it accepts no new inbound connection."),
    UNKNOWN_DESTINATION(true, "The destination address is not in the network, and no gateway leads to it."),
    VPCE_GATEWAY_PROTOCOL_RESTRICTION(true, "Gateway endpoints carry only TCP and ICMP echo traffic."),
    VPCE_GATEWAY_EGRESS_SOURCE_ADDRESS_RESTRICTION(true, "A gateway endpoint only carries traffic from inside its own VPC (not over peering, transit gateway or VPN)."),
    /** reachsim (EKS): the public endpoint refuses sources outside publicAccessCidrs. */
    EKS_PUBLIC_ACCESS_CIDR_RESTRICTION(false, "The EKS public endpoint only accepts sources inside the cluster's publicAccessCidrs."),
    /** reachsim (EKS): public access is off, so from outside the VPC the API name resolves to nothing reachable. */
    EKS_PUBLIC_ENDPOINT_DISABLED(false, "The cluster's public endpoint is disabled: only the private endpoint, from inside the VPC, serves the API."),
    /** reachsim (EKS): private access needs enableDnsSupport and enableDnsHostnames on the VPC. */
    EKS_PRIVATE_ENDPOINT_DNS_DISABLED(false, "The private endpoint needs enableDnsSupport and enableDnsHostnames on the VPC; without them the API name does not resolve to it."),
    /** reachsim: the reply came back from another address than the client connected to (asymmetric path through a NAT). */
    REPLY_SOURCE_MISMATCH(false, "The reply reaches the client from another address than it connected to (a NAT or gateway rewrote it on an asymmetric return path), so the client's connection never sees it."),
    /** reachsim (load balancers): no listener of the load balancer takes the packet's protocol and port. */
    LB_LISTENER_NO_MATCH(false, "No listener of the load balancer accepts the packet's protocol and port."),
    /** reachsim (load balancers): the listener has no target to forward to. */
    LB_NO_TARGETS(false, "The load balancer's listener has no registered target to forward to."),
    /** reachsim (load balancers): cross-zone load balancing is off and the node's availability zone has no target. */
    LB_NO_TARGET_IN_AVAILABILITY_ZONE(false, "Cross-zone load balancing is off and the load balancer node's availability zone has no target of the listener."),
    /** reachsim (PrivateLink): interface endpoints carry TCP only. */
    PRIVATELINK_PROTOCOL_RESTRICTION(false, "An interface endpoint carries TCP traffic only."),
    /** reachsim (PrivateLink): the endpoint service requires acceptance and has not accepted this endpoint. */
    PRIVATELINK_ENDPOINT_NOT_ACCEPTED(false, "The endpoint service requires acceptance and has not accepted this interface endpoint, so the endpoint carries no traffic."),
    /** reachsim (VPC Lattice): no service network associated with the client's VPC has the service. */
    LATTICE_SERVICE_NOT_ASSOCIATED(false, "The Lattice service is in no service network associated with the client's VPC."),
    /** reachsim (VPC Lattice): the security groups of the service network's VPC association refuse the client. */
    LATTICE_ASSOCIATION_SG_RESTRICTION(false, "No rule in the security groups of the service network's VPC association allows the client."),
    /** reachsim (VPC Lattice): the service has no listener for the protocol and port. */
    LATTICE_NO_LISTENER(false, "The Lattice service has no listener for the packet's protocol and port."),
    /** reachsim (VPC Lattice): auth type AWS_IAM with no auth policy denies every request. */
    LATTICE_AUTH_POLICY_MISSING(false, "Auth type AWS_IAM with no auth policy attached denies every request."),
    /** reachsim (VPC Lattice): the listener's target group has no target. */
    LATTICE_NO_TARGETS(false, "The Lattice target group has no registered target."),
    /** reachsim: the packet went round in circles (for example two appliances routing to each other). */
    MAX_HOPS_EXCEEDED(false, "The packet passed more hops than any real path has: a routing loop.");

    private final boolean ra;
    private final String summary;

    ExplanationCode(boolean ra, String summary) {
        this.ra = ra;
        this.summary = summary;
    }

    /** True when AWS Reachability Analyzer uses this same code. */
    public boolean reachabilityAnalyzer() {
        return ra;
    }

    public String summary() {
        return summary;
    }
}
