package io.reachsim.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scenario format v1, section by section: which fields each object has, of what shape, which are
 * required. The one list the parsers check field names against, the JSON Schema is generated from
 * ({@link SchemaWriter}) and docs/scenario-format.md is tested against, so none of them can drift.
 * Semantic rules (one of two fields, ranges, references) stay in the parsers.
 */
public final class Format {
    private Format() {}

    /** The shape of a field's value. */
    public enum Shape {
        /** One plain value (ids, names, free text). */
        TEXT,
        BOOL,
        INT,
        CIDR,
        IP,
        /** A list of plain values. */
        TEXTS,
        CIDRS,
        IPS,
        /** One plain value or a list of them ({@code via: nat-a}). */
        TEXT_OR_TEXTS,
        /** A mapping of plain keys to plain values (tags). */
        TAGS,
        /** A mapping of the fields of {@link Field#section()}. */
        OBJECT,
        /** A list of mappings of {@link Field#section()}. */
        OBJECTS,
        /** A list whose items are mappings of {@link Field#section()} or plain ids/addresses (Lattice targets). */
        OBJECTS_OR_TEXTS,
        /** true/false, or a mapping (an IAM policy document). */
        BOOL_OR_MAPPING,
        /** A mapping of availability zone to a subnet id or a mapping of {@link Field#section()}. */
        AZ_MAP
    }

    /** One field: {@code choices} (case-insensitive) for a closed set, {@code section} for OBJECT(S). */
    public record Field(String name, Shape shape, boolean required, String section, List<String> choices, String about) {}

    /** One kind of object; {@code id} names it in the schema's {@code $defs} and the reference's headings. */
    public record Section(String id, String title, List<Field> fields) {
        /** The field names, for {@link YMap}. */
        public Set<String> names() {
            Set<String> out = new LinkedHashSet<>();
            fields.forEach(f -> out.add(f.name()));
            return Collections.unmodifiableSet(out);
        }

        public Field field(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
        }
    }

    private static final Map<String, Section> SECTIONS = new LinkedHashMap<>();

    private static Section section(String id, String title, Field... fields) {
        Section s = new Section(id, title, List.of(fields));
        SECTIONS.put(id, s);
        return s;
    }

    private static Field req(String name, Shape shape, String about) {
        return new Field(name, shape, true, null, List.of(), about);
    }

    private static Field opt(String name, Shape shape, String about) {
        return new Field(name, shape, false, null, List.of(), about);
    }

    private static Field choice(String name, boolean required, List<String> choices, String about) {
        return new Field(name, Shape.TEXT, required, null, choices, about);
    }

    private static Field objects(String name, String section, String about) {
        return new Field(name, Shape.OBJECTS, false, section, List.of(), about);
    }

    private static Field object(String name, String section, String about) {
        return new Field(name, Shape.OBJECT, false, section, List.of(), about);
    }

    private static Field shaped(String name, Shape shape, String section, String about) {
        return new Field(name, shape, false, section, List.of(), about);
    }

    private static final String ACCOUNT = "AWS account id (12 digits)";

    public static final Section SCENARIO = section("scenario", "Scenario file",
            req("apiVersion", Shape.TEXT, "always reachsim/v1"),
            opt("name", Shape.TEXT, "the suite's name (default: the file name)"),
            opt("description", Shape.TEXT, "free text"),
            opt("region", Shape.TEXT, "AWS region of the network (default us-east-1)"),
            object("network", "network", "the network"),
            objects("expect", "expectation", "the expectations"));

    public static final Section NETWORK = section("network", "network",
            opt("import", Shape.TEXT, "a scenario file or snapshot folder whose network comes first"),
            objects("vpcs", "vpc", "VPCs"),
            objects("subnets", "subnet", "subnets"),
            objects("routeTables", "routeTable", "route tables"),
            objects("internetGateways", "gateway", "internet gateways"),
            objects("egressOnlyInternetGateways", "gateway", "egress-only internet gateways (IPv6)"),
            objects("natGateways", "natGateway", "NAT gateways"),
            objects("vpnGateways", "vpnGateway", "virtual private gateways"),
            objects("networkAcls", "networkAcl", "network ACLs"),
            objects("securityGroups", "securityGroup", "security groups"),
            objects("prefixLists", "prefixList", "managed prefix lists"),
            objects("instances", "instance", "EC2 instances"),
            objects("networkInterfaces", "networkInterface", "stand-alone network interfaces"),
            objects("external", "external", "networks outside AWS"),
            objects("vpcEndpoints", "vpcEndpoint", "VPC endpoints"),
            objects("eks", "eksCluster", "EKS clusters"),
            objects("vpcPeerings", "vpcPeering", "VPC peering connections"),
            objects("transitGateways", "transitGateway", "transit gateways"),
            objects("loadBalancers", "loadBalancer", "load balancers"),
            objects("endpointServices", "endpointService", "PrivateLink endpoint services"),
            object("lattice", "lattice", "VPC Lattice"));

    public static final Section VPC = section("vpc", "vpcs",
            req("id", Shape.TEXT, "VPC id"),
            req("cidr", Shape.CIDR, "primary IPv4 CIDR"),
            opt("secondaryCidrs", Shape.CIDRS, "more IPv4 CIDRs"),
            opt("ipv6Cidr", Shape.CIDR, "IPv6 CIDR"),
            opt("enableDnsSupport", Shape.BOOL, "VPC DNS resolver (default true)"),
            opt("enableDnsHostnames", Shape.BOOL, "DNS host names (default false)"),
            opt("region", Shape.TEXT, "region (default: the scenario's)"),
            opt("defaultSecurityGroup", Shape.TEXT, "id of its default security group (default VPC-default)"),
            opt("defaultNetworkAcl", Shape.TEXT, "id of its default network ACL (default VPC-default-acl)"),
            opt("account", Shape.TEXT, ACCOUNT),
            opt("tags", Shape.TAGS, "tags (selectors tag:, name:)"));

    public static final Section SUBNET = section("subnet", "subnets",
            req("id", Shape.TEXT, "subnet id"),
            req("vpc", Shape.TEXT, "its VPC"),
            opt("az", Shape.TEXT, "availability zone"),
            req("cidr", Shape.CIDR, "IPv4 CIDR inside the VPC's"),
            opt("ipv6Cidr", Shape.CIDR, "IPv6 /64"),
            opt("routeTable", Shape.TEXT, "associated route table (default: the VPC's main one)"),
            opt("networkAcl", Shape.TEXT, "associated network ACL (default: the VPC's default one)"),
            opt("tags", Shape.TAGS, "tags"),
            opt("azId", Shape.TEXT, "availability zone id (use1-az1)"),
            opt("owner", Shape.TEXT, "owning " + ACCOUNT),
            opt("sharedWith", Shape.TEXTS, "accounts it is shared with (RAM)"));

    public static final Section ROUTE_TABLE = section("routeTable", "routeTables",
            req("id", Shape.TEXT, "route table id"),
            req("vpc", Shape.TEXT, "its VPC"),
            opt("main", Shape.BOOL, "the VPC's main route table"),
            objects("routes", "route", "routes (the local route is implicit)"),
            opt("propagatingVgws", Shape.TEXTS, "VPN gateways that propagate routes"));

    public static final Section ROUTE = section("route", "routes",
            opt("destination", Shape.CIDR, "destination CIDR"),
            opt("destinationPrefixList", Shape.TEXT, "destination prefix list id"),
            req("target", Shape.TEXT, "gateway, NAT gateway, interface, peering, transit gateway or endpoint id"));

    public static final Section GATEWAY = section("gateway", "internetGateways, egressOnlyInternetGateways",
            req("id", Shape.TEXT, "gateway id"),
            req("vpc", Shape.TEXT, "attached VPC"));

    public static final Section NAT_GATEWAY = section("natGateway", "natGateways",
            req("id", Shape.TEXT, "NAT gateway id"),
            req("subnet", Shape.TEXT, "its subnet"),
            choice("connectivity", false, List.of("public", "private"), "public (default) or private"),
            opt("privateIp", Shape.IP, "its private address (default: assigned from the subnet)"),
            opt("publicIp", Shape.IP, "its Elastic IP (required when public)"),
            opt("secondaryPrivateIps", Shape.IPS, "more private addresses"));

    public static final Section VPN_GATEWAY = section("vpnGateway", "vpnGateways",
            req("id", Shape.TEXT, "virtual private gateway id"),
            req("vpc", Shape.TEXT, "attached VPC"),
            opt("remoteCidrs", Shape.CIDRS, "IPv4 CIDRs on the other side of its VPN"));

    public static final Section NETWORK_ACL = section("networkAcl", "networkAcls",
            req("id", Shape.TEXT, "network ACL id"),
            req("vpc", Shape.TEXT, "its VPC"),
            objects("ingress", "aclEntry", "inbound entries"),
            objects("egress", "aclEntry", "outbound entries"));

    public static final Section ACL_ENTRY = section("aclEntry", "network ACL entries",
            req("rule", Shape.INT, "rule number 1-32766 (lowest first)"),
            req("protocol", Shape.TEXT, "tcp, udp, icmp, icmpv6, all or a protocol number"),
            opt("ports", Shape.TEXT, "port or range (tcp/udp; default all)"),
            opt("icmpType", Shape.INT, "ICMP type (default all)"),
            opt("icmpCode", Shape.INT, "ICMP code (default all)"),
            opt("cidr", Shape.CIDR, "IPv4 block"),
            opt("ipv6Cidr", Shape.CIDR, "IPv6 block"),
            choice("action", true, List.of("allow", "deny"), "allow or deny"));

    public static final Section SECURITY_GROUP = section("securityGroup", "securityGroups",
            req("id", Shape.TEXT, "security group id"),
            req("vpc", Shape.TEXT, "its VPC"),
            opt("name", Shape.TEXT, "group name"),
            opt("description", Shape.TEXT, "free text"),
            objects("ingress", "sgIngress", "inbound rules"),
            objects("egress", "sgEgress", "outbound rules (default: all out)"),
            opt("account", Shape.TEXT, ACCOUNT));

    public static final Section SG_INGRESS = section("sgIngress", "security group ingress rules",
            req("protocol", Shape.TEXT, "tcp, udp, icmp, icmpv6, all or a protocol number"),
            opt("ports", Shape.TEXT, "port or range (tcp/udp; default all)"),
            opt("icmpType", Shape.INT, "ICMP type (default all)"),
            opt("icmpCode", Shape.INT, "ICMP code (default all)"),
            req("source", Shape.TEXT, "CIDR, security group id or prefix list id"),
            opt("description", Shape.TEXT, "free text"));

    public static final Section SG_EGRESS = section("sgEgress", "security group egress rules",
            req("protocol", Shape.TEXT, "tcp, udp, icmp, icmpv6, all or a protocol number"),
            opt("ports", Shape.TEXT, "port or range (tcp/udp; default all)"),
            opt("icmpType", Shape.INT, "ICMP type (default all)"),
            opt("icmpCode", Shape.INT, "ICMP code (default all)"),
            req("destination", Shape.TEXT, "CIDR, security group id or prefix list id"),
            opt("description", Shape.TEXT, "free text"));

    public static final Section PREFIX_LIST = section("prefixList", "prefixLists",
            req("id", Shape.TEXT, "prefix list id"),
            opt("name", Shape.TEXT, "name (com.amazonaws.REGION.s3 for an AWS-managed list)"),
            req("cidrs", Shape.CIDRS, "its CIDRs"));

    public static final Section INSTANCE = section("instance", "instances",
            req("id", Shape.TEXT, "instance id"),
            req("subnet", Shape.TEXT, "subnet of its primary interface"),
            opt("privateIp", Shape.IP, "primary private address (default: assigned from the subnet)"),
            opt("secondaryPrivateIps", Shape.IPS, "more private addresses"),
            opt("publicIp", Shape.IP, "public or Elastic IP"),
            opt("ipv6Ip", Shape.IP, "IPv6 address"),
            opt("securityGroups", Shape.TEXTS, "security groups (default: the VPC's default group)"),
            opt("sourceDestCheck", Shape.BOOL, "source/destination check (default true)"),
            objects("networkInterfaces", "networkInterface", "secondary network interfaces"),
            opt("account", Shape.TEXT, ACCOUNT),
            opt("tags", Shape.TAGS, "tags (selectors tag:, name:; its interfaces carry them too)"));

    public static final Section NETWORK_INTERFACE = section("networkInterface", "networkInterfaces",
            req("id", Shape.TEXT, "network interface id"),
            opt("subnet", Shape.TEXT, "its subnet (required for a stand-alone interface)"),
            opt("privateIp", Shape.IP, "primary private address (default: assigned from the subnet)"),
            opt("secondaryPrivateIps", Shape.IPS, "more private addresses"),
            opt("ipv6Ip", Shape.IP, "IPv6 address"),
            opt("publicIp", Shape.IP, "public or Elastic IP"),
            opt("securityGroups", Shape.TEXTS, "security groups (default: the VPC's default group)"),
            opt("sourceDestCheck", Shape.BOOL, "source/destination check (default true)"),
            opt("account", Shape.TEXT, ACCOUNT),
            opt("tags", Shape.TAGS, "tags (selectors tag:, name:)"));

    public static final Section EXTERNAL = section("external", "external",
            req("id", Shape.TEXT, "name of the network"),
            opt("cidr", Shape.CIDR, "its block (or ip)"),
            opt("ip", Shape.IP, "its one address (or cidr)"),
            opt("via", Shape.TEXT, "gateway it is reached through (VPN gateway, transit gateway attachment)"));

    public static final Section VPC_ENDPOINT = section("vpcEndpoint", "vpcEndpoints",
            req("id", Shape.TEXT, "endpoint id"),
            req("vpc", Shape.TEXT, "its VPC"),
            choice("type", false, List.of("gateway", "interface"), "gateway or interface"),
            req("service", Shape.TEXT, "AWS service (s3, ecr.api, ...) or endpoint service id (vpce-svc-...)"),
            opt("routeTables", Shape.TEXTS, "route tables (gateway endpoints)"),
            opt("subnets", Shape.TEXTS, "subnets of its interfaces (interface endpoints)"),
            opt("securityGroups", Shape.TEXTS, "security groups (interface endpoints)"),
            opt("privateDns", Shape.BOOL, "private DNS name (interface endpoints; default true)"));

    public static final Section EKS_CLUSTER = section("eksCluster", "eks",
            req("name", Shape.TEXT, "cluster name"),
            req("vpc", Shape.TEXT, "its VPC"),
            req("subnets", Shape.TEXTS, "cluster subnets"),
            choice("ipFamily", false, List.of("ipv4", "ipv6"), "ipv4 (default) or ipv6"),
            object("endpoint", "eksEndpoint", "API server endpoint access"),
            opt("securityGroups", Shape.TEXTS, "additional security groups of the control-plane interfaces"),
            object("clusterSecurityGroup", "clusterSecurityGroup", "rules of the cluster security group eks-cluster-sg-<name> (default: AWS's)"),
            objects("nodeGroups", "nodeGroup", "managed node groups"),
            object("pods", "pods", "VPC CNI settings"));

    public static final Section EKS_ENDPOINT = section("eksEndpoint", "endpoint (EKS)",
            opt("publicAccess", Shape.BOOL, "public endpoint (default true)"),
            opt("privateAccess", Shape.BOOL, "private endpoint (default false)"),
            opt("publicAccessCidrs", Shape.CIDRS, "who may use the public endpoint (default 0.0.0.0/0)"));

    /** The group EKS creates ({@code eks-cluster-sg-<name>}): its id, VPC and name are EKS's, only its rules are the user's. */
    public static final Section CLUSTER_SG = section("clusterSecurityGroup", "clusterSecurityGroup (EKS)",
            objects("ingress", "sgIngress", "inbound rules (default: all traffic from itself)"),
            objects("egress", "sgEgress", "outbound rules (default: all out)"));

    public static final Section NODE_GROUP = section("nodeGroup", "nodeGroups",
            req("name", Shape.TEXT, "node group name"),
            req("subnets", Shape.TEXTS, "subnets its nodes are launched in"),
            opt("securityGroups", Shape.TEXTS, "node security groups (default: the cluster security group)"),
            opt("publicIp", Shape.BOOL, "nodes get public addresses (default false)"),
            opt("instanceType", Shape.TEXT, "instance type (default m5.large)"),
            opt("desiredSize", Shape.INT, "node count (default 2)"),
            opt("maxSize", Shape.INT, "largest node count (default: desiredSize)"));

    public static final Section PODS = section("pods", "pods (EKS)",
            shaped("customNetworking", Shape.AZ_MAP, "eniConfig", "ENIConfig per availability zone"),
            opt("externalSnat", Shape.BOOL, "AWS_VPC_K8S_CNI_EXTERNALSNAT (default false)"),
            objects("securityGroupsForPods", "securityGroupPolicy", "SecurityGroupPolicy objects"),
            choice("podSecurityGroupEnforcingMode", false, List.of("strict", "standard"), "strict (default) or standard"));

    public static final Section ENI_CONFIG = section("eniConfig", "customNetworking ENIConfig",
            req("subnet", Shape.TEXT, "pod subnet"),
            opt("securityGroups", Shape.TEXTS, "pod security groups (default: the node's)"));

    public static final Section SG_POLICY = section("securityGroupPolicy", "securityGroupsForPods",
            req("name", Shape.TEXT, "policy name"),
            req("securityGroups", Shape.TEXTS, "security groups its pods carry"));

    public static final Section VPC_PEERING = section("vpcPeering", "vpcPeerings",
            req("id", Shape.TEXT, "peering connection id"),
            req("requester", Shape.TEXT, "requester VPC"),
            req("accepter", Shape.TEXT, "accepter VPC"));

    public static final Section TRANSIT_GATEWAY = section("transitGateway", "transitGateways",
            req("id", Shape.TEXT, "transit gateway id"),
            opt("region", Shape.TEXT, "region (default: the scenario's)"),
            opt("account", Shape.TEXT, ACCOUNT),
            objects("routeTables", "tgwRouteTable", "its route tables"),
            objects("attachments", "tgwAttachment", "its attachments"),
            opt("securityGroupReferencing", Shape.BOOL, "security group referencing support (default false)"));

    public static final Section TGW_ROUTE_TABLE = section("tgwRouteTable", "transit gateway routeTables",
            req("id", Shape.TEXT, "route table id"),
            objects("routes", "tgwRoute", "static routes"));

    public static final Section TGW_ROUTE = section("tgwRoute", "transit gateway routes",
            opt("destination", Shape.CIDR, "destination CIDR"),
            opt("destinationPrefixList", Shape.TEXT, "destination prefix list id"),
            opt("attachment", Shape.TEXT, "attachment it routes to"),
            opt("blackhole", Shape.BOOL, "drop matching traffic"));

    public static final Section TGW_ATTACHMENT = section("tgwAttachment", "transit gateway attachments",
            req("id", Shape.TEXT, "attachment id"),
            choice("type", false, List.of("vpc", "vpn"), "vpc (default) or vpn"),
            opt("vpc", Shape.TEXT, "attached VPC (vpc)"),
            opt("subnets", Shape.TEXTS, "attachment subnets, one per AZ (vpc)"),
            opt("association", Shape.TEXT, "associated route table"),
            opt("propagations", Shape.TEXTS, "route tables it propagates to"),
            opt("applianceMode", Shape.BOOL, "appliance mode (default false)"),
            opt("remoteCidrs", Shape.CIDRS, "CIDRs behind the VPN (vpn)"),
            opt("securityGroupReferencing", Shape.BOOL, "security group referencing (default true)"),
            opt("ipv6Support", Shape.BOOL, "IPv6 support of a VPC attachment (default false)"));

    public static final Section LOAD_BALANCER = section("loadBalancer", "loadBalancers",
            req("id", Shape.TEXT, "load balancer name or id"),
            choice("type", true, List.of("network", "application"), "network or application"),
            choice("scheme", false, List.of("internal", "internet-facing"), "internal (default) or internet-facing"),
            req("subnets", Shape.TEXTS, "subnets of its nodes"),
            opt("securityGroups", Shape.TEXTS, "security groups"),
            objects("listeners", "lbListener", "listeners"),
            opt("enforceSecurityGroupInboundRulesOnPrivateLinkTraffic", Shape.BOOL, "NLB (default true)"),
            opt("crossZoneLoadBalancing", Shape.BOOL, "cross-zone (default: on for application, off for network)"));

    public static final Section LB_LISTENER = section("lbListener", "load balancer listeners",
            req("protocol", Shape.TEXT, "tcp, udp, tcp_udp, tls (network); http, https (application)"),
            req("port", Shape.INT, "listening port"),
            objects("targets", "target", "targets"),
            opt("crossZoneLoadBalancing", Shape.BOOL, "its target group's cross-zone setting (default: the load balancer's)"));

    public static final Section TARGET = section("target", "targets",
            opt("instance", Shape.TEXT, "target instance (or ip)"),
            opt("ip", Shape.IP, "target address (or instance)"),
            opt("port", Shape.INT, "target port (default: the listener's)"));

    public static final Section ENDPOINT_SERVICE = section("endpointService", "endpointServices",
            req("id", Shape.TEXT, "service id (vpce-svc-...)"),
            req("loadBalancer", Shape.TEXT, "its network load balancer"),
            opt("acceptanceRequired", Shape.BOOL, "connections need acceptance (default false)"),
            opt("allowedPrincipals", Shape.TEXTS, "accounts allowed to connect"),
            opt("acceptedEndpoints", Shape.TEXTS, "endpoints accepted when acceptance is required"));

    public static final Section LATTICE = section("lattice", "lattice",
            opt("prefixList", Shape.TEXT, "the Lattice managed prefix list id"),
            objects("serviceNetworks", "serviceNetwork", "service networks"),
            objects("services", "latticeService", "services"),
            objects("targetGroups", "targetGroup", "target groups"));

    public static final Section SERVICE_NETWORK = section("serviceNetwork", "serviceNetworks",
            req("id", Shape.TEXT, "service network id"),
            choice("authType", false, List.of("none", "aws_iam"), "none (default) or aws_iam"),
            opt("authPolicy", Shape.BOOL_OR_MAPPING, "auth policy allows (true) or a policy document"),
            opt("services", Shape.TEXTS, "associated services"),
            objects("vpcAssociations", "vpcAssociation", "associated VPCs"));

    public static final Section VPC_ASSOCIATION = section("vpcAssociation", "vpcAssociations",
            req("vpc", Shape.TEXT, "associated VPC"),
            opt("securityGroups", Shape.TEXTS, "security groups of the association"));

    public static final Section LATTICE_SERVICE = section("latticeService", "lattice services",
            req("id", Shape.TEXT, "service id"),
            choice("authType", false, List.of("none", "aws_iam"), "none (default) or aws_iam"),
            opt("authPolicy", Shape.BOOL_OR_MAPPING, "auth policy allows (true) or a policy document"),
            objects("listeners", "latticeListener", "listeners"));

    public static final Section LATTICE_LISTENER = section("latticeListener", "lattice listeners",
            req("protocol", Shape.TEXT, "http, https or tls"),
            req("port", Shape.INT, "listening port"),
            req("targetGroup", Shape.TEXT, "target group it forwards to"));

    public static final Section TARGET_GROUP = section("targetGroup", "targetGroups",
            req("id", Shape.TEXT, "target group id"),
            req("vpc", Shape.TEXT, "its VPC"),
            choice("type", false, List.of("ip", "instance"), "ip (default) or instance"),
            opt("protocol", Shape.TEXT, "protocol (default http)"),
            req("port", Shape.INT, "target port"),
            shaped("targets", Shape.OBJECTS_OR_TEXTS, "target", "targets: instance ids, addresses or mappings"));

    public static final Section EXPECTATION = section("expectation", "expect",
            opt("name", Shape.TEXT, "title (default: from → to protocol/port)"),
            req("from", Shape.TEXT, "source endpoint"),
            req("to", Shape.TEXT, "destination endpoint"),
            choice("protocol", false, List.of("tcp", "udp", "icmp", "all", "any"), "tcp (default), udp, icmp, all, or any (every protocol: a set question)"),
            opt("port", Shape.INT, "destination port (tcp/udp, required)"),
            opt("sourcePort", Shape.INT, "source port (default 49152)"),
            opt("icmpType", Shape.INT, "ICMP type (default 8, echo)"),
            opt("ipVersion", Shape.INT, "4 or 6 (default: what both ends have)"),
            opt("reachable", Shape.BOOL, "the expected answer (required unless open is given)"),
            opt("ports", Shape.TEXT_OR_TEXTS, "a port set instead of port: 22, 1024-65535, [22, 80, 8000-8100] or any"),
            opt("open", Shape.TEXTS, "the exact open set: [tcp/443, udp/53, icmp/8, icmp, proto/50, all], [] for nothing"),
            opt("via", Shape.TEXT_OR_TEXTS, "every flow passes all of these"),
            opt("viaAny", Shape.TEXT_OR_TEXTS, "every flow passes at least one of these"),
            opt("notVia", Shape.TEXT_OR_TEXTS, "no flow passes any of these"),
            opt("because", Shape.TEXT, "explanation code of the drop"),
            opt("roundTrip", Shape.BOOL, "replies must come back too (default true)"));

    /** Every section, in the order of the reference. */
    public static List<Section> sections() {
        return List.copyOf(SECTIONS.values());
    }

    public static Section section(String id) {
        return SECTIONS.get(id);
    }

    /** Sections whose fields include {@code name}, for "belongs under" hints. */
    static List<Section> sectionsWith(String name) {
        List<Section> out = new ArrayList<>();
        for (Section s : SECTIONS.values()) if (s.names().contains(name)) out.add(s);
        return out;
    }
}
