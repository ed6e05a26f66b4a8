package io.reachsim.model;

/**
 * The kinds of resource an id can name. Each carries the label (and plural) error messages use, so kinds are
 * compared as values and only printed as English ("'x' is a subnet, not an instance").
 */
public enum ResourceKind {
    VPC("VPC", "VPCs"),
    SUBNET("subnet", "subnets"),
    ROUTE_TABLE("route table", "route tables"),
    INTERNET_GATEWAY("internet gateway", "internet gateways"),
    EGRESS_ONLY_INTERNET_GATEWAY("egress-only internet gateway", "egress-only internet gateways"),
    NAT_GATEWAY("NAT gateway", "NAT gateways"),
    VPN_GATEWAY("VPN gateway", "VPN gateways"),
    NETWORK_ACL("network ACL", "network ACLs"),
    SECURITY_GROUP("security group", "security groups"),
    PREFIX_LIST("prefix list", "prefix lists"),
    INSTANCE("instance", "instances"),
    NETWORK_INTERFACE("network interface", "network interfaces"),
    EXTERNAL_NETWORK("external network", "external networks"),
    VPC_ENDPOINT("VPC endpoint", "VPC endpoints"),
    EKS_PUBLIC_ENDPOINT("EKS public API endpoint", "EKS public API endpoints"),
    VPC_PEERING("VPC peering connection", "VPC peering connections"),
    TRANSIT_GATEWAY("transit gateway", "transit gateways"),
    TRANSIT_GATEWAY_ROUTE_TABLE("transit gateway route table", "transit gateway route tables"),
    TRANSIT_GATEWAY_ATTACHMENT("transit gateway attachment", "transit gateway attachments"),
    LOAD_BALANCER("load balancer", "load balancers"),
    ENDPOINT_SERVICE("endpoint service", "endpoint services"),
    LATTICE_SERVICE_NETWORK("Lattice service network", "Lattice service networks"),
    LATTICE_SERVICE("Lattice service", "Lattice services"),
    LATTICE_TARGET_GROUP("Lattice target group", "Lattice target groups");

    private final String label;
    private final String plural;

    ResourceKind(String label, String plural) {
        this.label = label;
        this.plural = plural;
    }

    /** The user-facing name: "subnet", "NAT gateway". */
    public String label() { return label; }

    public String plural() { return plural; }

    /** The label with its indefinite article: "a subnet", "an instance". */
    public String withArticle() {
        return ("aeiouAEIOU".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
    }

    /** The label, so that a kind reads as English in messages. */
    @Override
    public String toString() { return label; }
}
