package io.reachsim.load;

import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.PortRange;
import io.reachsim.model.Protocol;
import io.reachsim.model.VpcEndpoint;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads the {@code network} section of one scenario file (format v1, DESIGN §5) into a {@link RawNetwork}:
 * shapes, field names, CIDRs and addresses. References between items are checked later, by
 * {@link NetworkResolver}, once imported files have been added.
 */
final class NetworkParser {

    static final String CROSS_VPC = "cross-VPC";

    /** Sections of the format that later issues implement (none left: kept for the next one). */
    static final Map<String, String> LATER_SECTIONS = Map.of();

    static final Set<String> NETWORK_FIELDS = Set.of("import", "vpcs", "subnets", "routeTables", "internetGateways",
            "egressOnlyInternetGateways", "natGateways", "vpnGateways", "networkAcls", "securityGroups", "prefixLists",
            "instances", "networkInterfaces", "external", "vpcEndpoints", "eks", "vpcPeerings", "transitGateways",
            "loadBalancers", "endpointServices", "lattice");
    private static final Set<String> VPC = Set.of("id", "cidr", "secondaryCidrs", "ipv6Cidr", "enableDnsSupport",
            "enableDnsHostnames", "region", "defaultSecurityGroup", "defaultNetworkAcl", "account");
    private static final Set<String> SUBNET = Set.of("id", "vpc", "az", "cidr", "ipv6Cidr", "routeTable", "networkAcl", "tags",
            "azId", "owner", "sharedWith");
    private static final Set<String> ROUTE_TABLE = Set.of("id", "vpc", "main", "routes", "propagatingVgws");
    private static final Set<String> ROUTE = Set.of("destination", "destinationPrefixList", "target");
    private static final Set<String> GATEWAY = Set.of("id", "vpc");
    private static final Set<String> NAT = Set.of("id", "subnet", "connectivity", "privateIp", "publicIp", "secondaryPrivateIps");
    private static final Set<String> VGW = Set.of("id", "vpc", "remoteCidrs");
    private static final Set<String> ACL = Set.of("id", "vpc", "ingress", "egress");
    private static final Set<String> ACL_ENTRY = Set.of("rule", "protocol", "ports", "icmpType", "icmpCode", "cidr", "ipv6Cidr", "action");
    private static final Set<String> SG = Set.of("id", "vpc", "name", "description", "ingress", "egress", "account");
    private static final Set<String> SG_INGRESS = Set.of("protocol", "ports", "icmpType", "icmpCode", "source", "description");
    private static final Set<String> SG_EGRESS = Set.of("protocol", "ports", "icmpType", "icmpCode", "destination", "description");
    private static final Set<String> PREFIX_LIST = Set.of("id", "name", "cidrs");
    private static final Set<String> INSTANCE = Set.of("id", "subnet", "privateIp", "secondaryPrivateIps", "publicIp", "ipv6Ip",
            "securityGroups", "sourceDestCheck", "networkInterfaces", "account");
    private static final Set<String> ENI = Set.of("id", "subnet", "privateIp", "secondaryPrivateIps", "ipv6Ip", "publicIp",
            "securityGroups", "sourceDestCheck", "account");
    private static final Set<String> PEERING = Set.of("id", "requester", "accepter");
    private static final Set<String> TGW = Set.of("id", "region", "account", "routeTables", "attachments",
            "securityGroupReferencing");
    private static final Set<String> TGW_ROUTE_TABLE = Set.of("id", "routes");
    private static final Set<String> TGW_ROUTE = Set.of("destination", "destinationPrefixList", "attachment", "blackhole");
    private static final Set<String> TGW_ATTACHMENT = Set.of("id", "type", "vpc", "subnets", "association", "propagations",
            "applianceMode", "remoteCidrs", "securityGroupReferencing", "ipv6Support");
    /** An AWS account id: twelve digits. */
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Set<String> EXTERNAL = Set.of("id", "cidr", "ip", "via");
    private static final Set<String> VPC_ENDPOINT = Set.of("id", "vpc", "type", "service", "routeTables", "subnets",
            "securityGroups", "privateDns");
    private static final Set<String> EKS_CLUSTER = Set.of("name", "vpc", "subnets", "ipFamily", "endpoint", "securityGroups",
            "nodeGroups", "pods");
    private static final Set<String> EKS_ENDPOINT = Set.of("publicAccess", "privateAccess", "publicAccessCidrs");
    private static final Set<String> NODE_GROUP = Set.of("name", "subnets", "securityGroups", "publicIp", "instanceType",
            "desiredSize", "maxSize");
    private static final Set<String> PODS = Set.of("customNetworking", "externalSnat", "securityGroupsForPods",
            "podSecurityGroupEnforcingMode");
    private static final Set<String> ENI_CONFIG = Set.of("subnet", "securityGroups");
    private static final Set<String> SGP = Set.of("name", "securityGroups");
    /** AWS's rule for cluster and node group names (also keeps '/' out of nodes:CLUSTER/GROUP). */
    private static final Pattern EKS_NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]*");
    /** A Kubernetes object name (SecurityGroupPolicy), lower-case DNS subdomain. */
    private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    private final String file;
    private final Problems problems;
    private final String fileRegion;
    final RawNetwork net = new RawNetwork();
    /** The {@code import} value, or null. */
    Val<String> importPath;

    private NetworkParser(String file, String fileRegion, Problems problems) {
        this.file = file;
        this.fileRegion = fileRegion;
        this.problems = problems;
    }

    /** Parses the value of a file's {@code network} field. */
    static NetworkParser parse(Node network, String file, String fileRegion, Problems problems) {
        NetworkParser p = new NetworkParser(file, fileRegion, problems);
        YMap m = YMap.of(network, file, "network", "'network'", NETWORK_FIELDS, problems);
        if (m == null) return p;
        m.checkFields(LATER_SECTIONS);
        p.importPath = m.str("import");
        p.each(m, "vpcs", "VPC", p::vpc);
        p.each(m, "subnets", "subnet", p::subnet);
        p.each(m, "routeTables", "route table", p::routeTable);
        p.each(m, "internetGateways", "internet gateway", (n, l) -> p.gateway(n, l, "internet gateway", p.net.internetGateways));
        p.each(m, "egressOnlyInternetGateways", "egress-only internet gateway",
                (n, l) -> p.gateway(n, l, "egress-only internet gateway", p.net.egressOnlyInternetGateways));
        p.each(m, "natGateways", "NAT gateway", p::nat);
        p.each(m, "vpnGateways", "VPN gateway", p::vgw);
        p.each(m, "networkAcls", "network ACL", p::acl);
        p.each(m, "securityGroups", "security group", p::sg);
        p.each(m, "prefixLists", "prefix list", p::prefixList);
        p.each(m, "instances", "instance", p::instance);
        p.each(m, "networkInterfaces", "network interface", p::eni);
        p.each(m, "external", "external network", p::external);
        p.each(m, "vpcEndpoints", "VPC endpoint", p::vpcEndpoint);
        p.each(m, "eks", "EKS cluster", p::eks);
        p.each(m, "vpcPeerings", "VPC peering connection", p::peering);
        p.each(m, "transitGateways", "transit gateway", p::transitGateway);
        ServicesParser.parse(m, file, problems, p.net);
        return p;
    }

    private void each(YMap m, String key, String kind, BiConsumer<Node, String> item) {
        List<Node> items = m.list(key, false);
        if (items == null) return;
        for (int i = 0; i < items.size(); i++) item.accept(items.get(i), kind + " #" + (i + 1));
    }

    private YMap map(Node n, String kind, String label, Set<String> fields) {
        return YMap.of(n, file, kind, label, fields, problems);
    }

    private void vpc(Node n, String label) {
        YMap m = map(n, "VPC", label, VPC);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        Val<Cidr> cidr = m.cidr("cidr");
        if (cidr == null && !m.has("cidr")) m.error(m.at(), m.label() + " has no 'cidr' (required)");
        List<Val<Cidr>> secondary = orEmpty(m.cidrs("secondaryCidrs"));
        for (Val<Cidr> c : secondary) requireFamily(m, c, 4, "a secondary CIDR");
        if (cidr != null) requireFamily(m, cidr, 4, "'cidr'");
        Val<Cidr> v6 = m.cidr("ipv6Cidr");
        if (v6 != null) requireFamily(m, v6, 6, "'ipv6Cidr'");
        Val<String> region = m.str("region");
        net.vpcs.add(new RawNetwork.Vpc(id, m.at(), region == null ? null : region.v(), fileRegion,
                cidr != null && cidr.v().version() == 4 ? cidr : null,
                secondary.stream().filter(c -> c.v().version() == 4).toList(),
                v6 != null && v6.v().version() == 6 ? v6 : null,
                m.bool("enableDnsSupport", true), m.bool("enableDnsHostnames", false),
                m.str("defaultSecurityGroup"), m.str("defaultNetworkAcl"), account(m, "account")));
    }

    private static boolean requireFamily(YMap m, Val<Cidr> c, int version, String what) {
        if (c.v().version() == version) return true;
        m.error(c.at(), what + " of " + m.label() + " must be an IPv" + version + " CIDR, not " + c.v());
        return false;
    }

    private static boolean requireFamilyIp(YMap m, Val<Ip> ip, int version, String what) {
        if (ip.v().version() == version) return true;
        m.error(ip.at(), what + " of " + m.label() + " must be an IPv" + version + " address, not " + ip.v());
        return false;
    }

    private void subnet(Node n, String label) {
        YMap m = map(n, "subnet", label, SUBNET);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        Val<String> vpc = m.reqStr("vpc");
        Val<Cidr> cidr = m.cidr("cidr");
        if (cidr == null && !m.has("cidr")) m.error(m.at(), m.label() + " has no 'cidr' (required)");
        if (cidr != null && !requireFamily(m, cidr, 4, "'cidr'")) cidr = null;
        Val<Cidr> v6 = m.cidr("ipv6Cidr");
        if (v6 != null && !requireFamily(m, v6, 6, "'ipv6Cidr'")) v6 = null;
        Val<String> az = m.str("az");
        Val<String> azId = m.str("azId");
        List<Val<String>> sharedWith = orEmpty(m.strings("sharedWith", false));
        for (Val<String> a : sharedWith) checkAccount(m, a, "an account in 'sharedWith'");
        net.subnets.add(new RawNetwork.Subnet(id, m.at(), vpc, az == null ? null : az.v(), cidr, v6,
                m.str("routeTable"), m.str("networkAcl"), m.stringMap("tags"), azId == null ? null : azId.v(),
                account(m, "owner"), sharedWith));
    }

    private void routeTable(Node n, String label) {
        YMap m = map(n, "route table", label, ROUTE_TABLE);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        Val<String> vpc = m.reqStr("vpc");
        Val<Boolean> main = m.boolVal("main");
        List<RawNetwork.Route> routes = new ArrayList<>();
        List<Node> items = m.list("routes", false);
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                RawNetwork.Route r = route(items.get(i), "route #" + (i + 1) + " of " + m.label());
                if (r != null) routes.add(r);
            }
        }
        net.routeTables.add(new RawNetwork.RouteTable(id, m.at(), vpc, main, routes, orEmpty(m.strings("propagatingVgws", false))));
    }

    private RawNetwork.Route route(Node n, String label) {
        YMap m = map(n, "route", label, ROUTE);
        if (m == null) return null;
        m.checkFields();
        Val<Cidr> cidr = m.cidr("destination");
        Val<String> pl = m.str("destinationPrefixList");
        Val<String> target = m.reqStr("target");
        if (m.has("destination") && m.has("destinationPrefixList")) {
            m.error(m.keyAt("destinationPrefixList"), label + " has both 'destination' and 'destinationPrefixList': expected one");
            return null;
        }
        if (!m.has("destination") && !m.has("destinationPrefixList")) {
            m.error(m.at(), label + " has no 'destination' (a CIDR) or 'destinationPrefixList' (a prefix list id)");
            return null;
        }
        if ((cidr == null && pl == null) || target == null) return null;
        return new RawNetwork.Route(m.at(), cidr, pl, target);
    }

    private void gateway(Node n, String label, String kind, List<RawNetwork.Gateway> into) {
        YMap m = map(n, kind, label, GATEWAY);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        into.add(new RawNetwork.Gateway(id, m.at(), m.reqStr("vpc")));
    }

    private void nat(Node n, String label) {
        YMap m = map(n, "NAT gateway", label, NAT);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        Val<String> subnet = m.reqStr("subnet");
        Val<String> c = m.choice("connectivity", List.of("public", "private"));
        Val<NatGateway.Connectivity> conn = c == null
                ? new Val<>(NatGateway.Connectivity.PUBLIC, m.at())
                : new Val<>(c.v().equals("private") ? NatGateway.Connectivity.PRIVATE : NatGateway.Connectivity.PUBLIC, c.at());
        Val<Ip> priv = m.ip("privateIp");
        if (priv == null && !m.has("privateIp")) m.error(m.at(), m.label() + " has no 'privateIp' (required: the address it translates to inside the VPC)");
        if (priv != null && !requireFamilyIp(m, priv, 4, "'privateIp'")) priv = null;
        Val<Ip> pub = m.ip("publicIp");
        if (pub != null && !requireFamilyIp(m, pub, 4, "'publicIp'")) pub = null;
        boolean connectivityKnown = c != null || !m.has("connectivity");
        if (connectivityKnown) {
            if (conn.v() == NatGateway.Connectivity.PUBLIC && !m.has("publicIp")) {
                m.error(m.at(), "public " + m.label() + " has no 'publicIp' (its Elastic IP, required; "
                        + "write connectivity: private for a private NAT gateway)");
            }
            if (conn.v() == NatGateway.Connectivity.PRIVATE && m.has("publicIp")) {
                m.error(m.valueAt("publicIp"), "private " + m.label() + " cannot have a 'publicIp' (only public NAT gateways have an Elastic IP)");
                pub = null;
            }
        }
        List<Val<Ip>> secondary = new ArrayList<>();
        for (Val<Ip> ip : orEmpty(m.ips("secondaryPrivateIps"))) {
            if (requireFamilyIp(m, ip, 4, "a secondary private IP")) secondary.add(ip);
        }
        net.natGateways.add(new RawNetwork.Nat(id, m.at(), subnet, conn, priv, pub, secondary));
    }

    private void vgw(Node n, String label) {
        YMap m = map(n, "VPN gateway", label, VGW);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        Val<String> vpc = m.reqStr("vpc");
        List<Val<Cidr>> remote = new ArrayList<>();
        for (Val<Cidr> c : orEmpty(m.cidrs("remoteCidrs"))) {
            // AWS: a virtual private gateway carries IPv4 only; IPv6 VPNs need a transit gateway.
            if (c.v().version() == 6) {
                m.error(c.at(), "remote CIDR " + c.v() + " of " + m.label() + " is IPv6: virtual private gateways carry IPv4 only");
            } else {
                remote.add(c);
            }
        }
        net.vpnGateways.add(new RawNetwork.Vgw(id, m.at(), vpc, remote));
    }

    private void acl(Node n, String label) {
        YMap m = map(n, "network ACL", label, ACL);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        Val<String> vpc = m.reqStr("vpc");
        net.networkAcls.add(new RawNetwork.Acl(id, m.at(), vpc, aclEntries(m, "ingress"), aclEntries(m, "egress")));
    }

    private List<AclEntry> aclEntries(YMap acl, String direction) {
        List<AclEntry> out = new ArrayList<>();
        List<Node> items = acl.list(direction, false);
        if (items == null) return out;
        Map<Integer, Integer> firstLine = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            YMap m = map(items.get(i), "entry", direction + " entry #" + (i + 1) + " of " + acl.label(), ACL_ENTRY);
            if (m == null) continue;
            m.checkFields();
            Val<Integer> rule = m.integer("rule", 1, 32766);
            if (rule == null && !m.has("rule")) m.error(m.at(), m.label() + " has no 'rule' (required: its rule number, 1-32766)");
            if (rule != null) {
                m.relabel("rule " + rule.v() + " in the " + direction + " of " + acl.label());
                Integer seen = firstLine.putIfAbsent(rule.v(), rule.at().line());
                if (seen != null) {
                    m.error(rule.at(), "rule number " + rule.v() + " appears twice in the " + direction + " of " + acl.label()
                            + " (first at line " + seen + ")");
                }
            }
            RuleMatch match = ruleMatch(m);
            Val<String> a = m.choice("action", List.of("allow", "deny"));
            if (a == null && !m.has("action")) m.error(m.at(), m.label() + " has no 'action' (allow or deny)");
            Val<Cidr> cidr = m.cidr("cidr");
            Val<Cidr> v6 = m.cidr("ipv6Cidr");
            if (m.has("cidr") && m.has("ipv6Cidr")) {
                m.error(m.keyAt("ipv6Cidr"), m.label() + " has both 'cidr' and 'ipv6Cidr': an entry has one block (write two entries)");
            } else if (!m.has("cidr") && !m.has("ipv6Cidr")) {
                m.error(m.at(), m.label() + " has no 'cidr' (required: 0.0.0.0/0, ::/0, ...)");
            }
            if (v6 != null && !requireFamily(m, v6, 6, "'ipv6Cidr'")) v6 = null;
            Val<Cidr> block = cidr != null ? cidr : v6;
            if (rule != null && match != null && a != null && block != null) {
                out.add(new AclEntry(rule.v(), match.protocol, match.ports, match.icmpType, match.icmpCode, block.v(),
                        a.v().equals("allow") ? AclEntry.Action.ALLOW : AclEntry.Action.DENY));
            }
        }
        return out;
    }

    private record RuleMatch(Protocol protocol, PortRange ports, int icmpType, int icmpCode) {}

    /** protocol + ports (tcp/udp, omitted = all) + icmpType/icmpCode (icmp, omitted = all). */
    private RuleMatch ruleMatch(YMap m) {
        Val<String> p = m.str("protocol");
        if (p == null) {
            if (!m.has("protocol")) m.error(m.at(), m.label() + " has no 'protocol' (tcp, udp, icmp, icmpv6 or all)");
            return null;
        }
        Protocol protocol;
        try {
            protocol = Protocol.parse(p.v());
        } catch (IllegalArgumentException e) {
            m.error(p.at(), "'" + p.v() + "' is not a protocol: " + e.getMessage());
            return null;
        }
        PortRange ports = null;
        if (protocol.hasPorts()) {
            ports = PortRange.ALL;
            Val<String> s = m.str("ports");
            if (s != null) {
                try {
                    ports = PortRange.parse(s.v());
                } catch (IllegalArgumentException e) {
                    m.error(s.at(), "'" + s.v() + "' is not a port range: " + e.getMessage());
                    return null;
                }
            }
        } else if (m.has("ports")) {
            m.error(m.valueAt("ports"), "'ports' of " + m.label() + " applies to tcp and udp only, not " + protocol);
            return null;
        }
        int type = -1;
        int code = -1;
        if (protocol.isIcmp()) {
            Val<Integer> t = m.integer("icmpType", -1, 255);
            Val<Integer> c = m.integer("icmpCode", -1, 255);
            if (t != null) type = t.v();
            if (c != null) code = c.v();
        } else {
            for (String k : List.of("icmpType", "icmpCode")) {
                if (m.has(k)) {
                    m.error(m.valueAt(k), "'" + k + "' of " + m.label() + " applies to icmp and icmpv6 only, not " + protocol);
                    return null;
                }
            }
        }
        return new RuleMatch(protocol, ports, type, code);
    }

    private void sg(Node n, String label) {
        YMap m = map(n, "security group", label, SG);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        Val<String> vpc = m.reqStr("vpc");
        Val<String> name = m.str("name");
        m.str("description");
        List<RawNetwork.SgRule> ingress = sgRules(m, "ingress", "source", SG_INGRESS);
        List<RawNetwork.SgRule> egress = sgRules(m, "egress", "destination", SG_EGRESS);
        net.securityGroups.add(new RawNetwork.Sg(id, m.at(), vpc, name == null ? null : name.v(),
                ingress == null ? List.of() : ingress, egress, account(m, "account")));
    }

    /** null when the field is omitted (which means something different from {@code []} for egress). */
    private List<RawNetwork.SgRule> sgRules(YMap sg, String direction, String peerField, Set<String> fields) {
        List<Node> items = sg.list(direction, false);
        if (items == null) return sg.has(direction) ? List.of() : null;
        List<RawNetwork.SgRule> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            YMap m = map(items.get(i), "rule", direction + " rule #" + (i + 1) + " of " + sg.label(), fields);
            if (m == null) continue;
            m.checkFields();
            RuleMatch match = ruleMatch(m);
            Val<String> peer = m.reqStr(peerField);
            Val<String> description = m.str("description");
            if (match != null && peer != null) {
                out.add(new RawNetwork.SgRule(m.at(), match.protocol, match.ports, match.icmpType, match.icmpCode, peer,
                        description == null ? null : description.v()));
            }
        }
        return out;
    }

    private void prefixList(Node n, String label) {
        YMap m = map(n, "prefix list", label, PREFIX_LIST);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        Val<String> name = m.str("name");
        List<Val<Cidr>> cidrs = m.cidrs("cidrs");
        if (cidrs == null && !m.has("cidrs")) m.error(m.at(), m.label() + " has no 'cidrs' (required)");
        net.prefixLists.add(new RawNetwork.PrefixList(id, m.at(), name == null ? null : name.v(), orEmpty(cidrs)));
    }

    private void instance(Node n, String label) {
        YMap m = map(n, "instance", label, INSTANCE);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        String instanceId = id == null ? null : id.v();
        RawNetwork.Eni primary = eniFields(m, id, true, instanceId);
        List<RawNetwork.Eni> secondary = new ArrayList<>();
        List<Node> items = m.list("networkInterfaces", false);
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                YMap e = map(items.get(i), "network interface", "network interface #" + (i + 1) + " of " + m.label(), ENI);
                if (e == null) continue;
                Val<String> eid = e.id();
                e.checkFields();
                secondary.add(eniFields(e, eid, false, instanceId));
            }
        }
        net.instances.add(new RawNetwork.Instance(id, m.at(), primary, secondary));
    }

    private void eni(Node n, String label) {
        YMap m = map(n, "network interface", label, ENI);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        net.networkInterfaces.add(eniFields(m, id, true, null));
    }

    private RawNetwork.Eni eniFields(YMap m, Val<String> id, boolean subnetRequired, String instance) {
        Val<String> subnet = subnetRequired ? m.reqStr("subnet") : m.str("subnet");
        Val<Ip> priv = m.ip("privateIp");
        if (priv == null && !m.has("privateIp")) m.error(m.at(), m.label() + " has no 'privateIp' (required)");
        if (priv != null && !requireFamilyIp(m, priv, 4, "'privateIp'")) priv = null;
        List<Val<Ip>> secondary = new ArrayList<>();
        for (Val<Ip> ip : orEmpty(m.ips("secondaryPrivateIps"))) {
            if (requireFamilyIp(m, ip, 4, "a secondary private IP")) secondary.add(ip);
        }
        Val<Ip> v6 = m.ip("ipv6Ip");
        if (v6 != null && !requireFamilyIp(m, v6, 6, "'ipv6Ip'")) v6 = null;
        Val<Ip> pub = m.ip("publicIp");
        if (pub != null && !requireFamilyIp(m, pub, 4, "'publicIp'")) pub = null;
        List<Val<String>> sgs = m.strings("securityGroups", false);
        if (sgs != null && sgs.isEmpty() && m.has("securityGroups")) {
            m.error(m.valueAt("securityGroups"), "'securityGroups' of " + m.label()
                    + " is empty: AWS gives every network interface at least one security group (omit it for the VPC's default group)");
        }
        return new RawNetwork.Eni(id, m.at(), subnet, priv, secondary, v6, pub, sgs, m.bool("sourceDestCheck", true), instance,
                account(m, "account"));
    }

    private void external(Node n, String label) {
        YMap m = map(n, "external network", label, EXTERNAL);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        Val<Cidr> cidr = m.cidr("cidr");
        Val<Ip> ip = m.ip("ip");
        if (m.has("cidr") && m.has("ip")) {
            m.error(m.keyAt("ip"), m.label() + " has both 'cidr' and 'ip': expected one");
        } else if (!m.has("cidr") && !m.has("ip")) {
            m.error(m.at(), m.label() + " has neither 'cidr' nor 'ip': expected one");
        }
        net.externals.add(new RawNetwork.External(id, m.at(), cidr, ip, m.str("via")));
    }

    // ---------------------------------------------------------------- VPC endpoints

    private void vpcEndpoint(Node n, String label) {
        YMap m = map(n, "VPC endpoint", label, VPC_ENDPOINT);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        Val<String> vpc = m.reqStr("vpc");
        Val<String> t = m.choice("type", List.of("gateway", "interface"));
        if (t == null && !m.has("type")) m.error(m.at(), m.label() + " has no 'type' (required: gateway or interface)");
        VpcEndpoint.Type type = t == null ? null : t.v().equals("gateway") ? VpcEndpoint.Type.GATEWAY : VpcEndpoint.Type.INTERFACE;
        if (type != null) m.relabel(t.v() + " " + m.label());
        Val<String> service = m.reqStr("service");
        List<Val<String>> routeTables = m.strings("routeTables", false);
        List<Val<String>> subnets = m.strings("subnets", false);
        List<Val<String>> sgs = m.strings("securityGroups", false);
        Val<Boolean> privateDns = m.boolVal("privateDns");
        if (service != null) {
            String problem = AwsServices.problem(service.v());
            if (type == VpcEndpoint.Type.INTERFACE && AwsServices.isEndpointService(service.v())) {
                // An endpoint service (PrivateLink): ServicesResolver checks it exists.
            } else if (problem != null) {
                m.error(service.at(), "service '" + service.v() + "' of " + m.label() + " is not an AWS service name: " + problem);
                service = null;
            }
        }
        if (type == VpcEndpoint.Type.GATEWAY) {
            for (String k : List.of("subnets", "securityGroups", "privateDns")) {
                if (m.has(k)) {
                    m.error(m.keyAt(k), "'" + k + "' of " + m.label() + " applies to interface endpoints only"
                            + " (a gateway endpoint is reached through the routes it adds to its routeTables)");
                }
            }
            if (service != null && !AwsServices.GATEWAY.contains(service.v())) {
                m.error(service.at(), "service '" + service.v() + "' of " + m.label() + " has no gateway endpoint: AWS offers them"
                        + " for s3 and dynamodb only" + Names.didYouMean(service.v(), AwsServices.GATEWAY)
                        + " (for other services write type: interface)");
                service = null;
            }
            requireNonEmpty(m, "routeTables", routeTables, "the route tables that get the route to its service's prefix list");
        } else if (type == VpcEndpoint.Type.INTERFACE) {
            if (m.has("routeTables")) {
                m.error(m.keyAt("routeTables"), "'routeTables' of " + m.label() + " applies to gateway endpoints only"
                        + " (an interface endpoint is reached at its network interfaces in its subnets)");
            }
            requireNonEmpty(m, "subnets", subnets, "the subnets of its network interfaces, at most one per availability zone");
            forbidEmpty(m, "securityGroups", "AWS gives every interface endpoint at least one security group"
                    + " (omit it for the VPC's default group)");
        }
        net.vpcEndpoints.add(new RawNetwork.Endpoint(id, m.at(), vpc, type, service, orEmpty(routeTables), orEmpty(subnets),
                sgs, privateDns));
    }

    /** Reports a required list field that is missing or written empty ({@code purpose}: what it lists). */
    private static void requireNonEmpty(YMap m, String key, List<Val<String>> read, String purpose) {
        if (read == null && !m.has(key)) {
            m.error(m.at(), m.label() + " has no '" + key + "' (required: " + purpose + ")");
        } else if (m.value(key) instanceof SequenceNode s && s.getValue().isEmpty()) {
            m.error(m.valueAt(key), "'" + key + "' of " + m.label() + " is empty: expected " + purpose);
        }
    }

    /** Reports an optional list field written empty; {@code why}: why empty is not allowed. */
    private static void forbidEmpty(YMap m, String key, String why) {
        if (m.value(key) instanceof SequenceNode s && s.getValue().isEmpty()) {
            m.error(m.valueAt(key), "'" + key + "' of " + m.label() + " is empty: " + why);
        }
    }

    // ---------------------------------------------------------------- accounts, peering, transit gateways (cross-VPC)

    /** An optional account id field: twelve digits (AWS's form), as a string. */
    private static Val<String> account(YMap m, String key) {
        Val<String> a = m.str(key);
        return a == null || checkAccount(m, a, "'" + key + "'") ? a : null;
    }

    private static boolean checkAccount(YMap m, Val<String> a, String what) {
        if (ACCOUNT.matcher(a.v().trim()).matches()) return true;
        m.error(a.at(), what + " of " + m.label() + " must be an AWS account id (12 digits), not '" + a.v() + "'");
        return false;
    }

    private void peering(Node n, String label) {
        YMap m = map(n, "VPC peering connection", label, PEERING);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        net.vpcPeerings.add(new RawNetwork.Peering(id, m.at(), m.reqStr("requester"), m.reqStr("accepter")));
    }

    private void transitGateway(Node n, String label) {
        YMap m = map(n, "transit gateway", label, TGW);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        Val<String> region = m.str("region");
        List<RawNetwork.TgwRouteTable> tables = new ArrayList<>();
        List<Node> items = m.list("routeTables", false);
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                RawNetwork.TgwRouteTable t = tgwRouteTable(items.get(i), "route table #" + (i + 1) + " of " + m.label());
                if (t != null) tables.add(t);
            }
        }
        List<RawNetwork.TgwAttachment> attachments = new ArrayList<>();
        items = m.list("attachments", false);
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                RawNetwork.TgwAttachment a = tgwAttachment(items.get(i), "attachment #" + (i + 1) + " of " + m.label());
                if (a != null) attachments.add(a);
            }
        }
        net.transitGateways.add(new RawNetwork.Tgw(id, m.at(), region == null ? null : region.v(), fileRegion,
                account(m, "account"), tables, attachments, m.bool("securityGroupReferencing", false)));
    }

    private RawNetwork.TgwRouteTable tgwRouteTable(Node n, String label) {
        YMap m = map(n, "transit gateway route table", label, TGW_ROUTE_TABLE);
        if (m == null) return null;
        Val<String> id = m.id();
        m.checkFields();
        List<RawNetwork.TgwRoute> routes = new ArrayList<>();
        List<Node> items = m.list("routes", false);
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                RawNetwork.TgwRoute r = tgwRoute(items.get(i), "route #" + (i + 1) + " of " + m.label());
                if (r != null) routes.add(r);
            }
        }
        return new RawNetwork.TgwRouteTable(id, m.at(), routes);
    }

    private RawNetwork.TgwRoute tgwRoute(Node n, String label) {
        YMap m = map(n, "route", label, TGW_ROUTE);
        if (m == null) return null;
        m.checkFields();
        Val<Cidr> cidr = m.cidr("destination");
        Val<String> pl = m.str("destinationPrefixList");
        Val<String> attachment = m.str("attachment");
        Val<Boolean> blackhole = m.boolVal("blackhole");
        boolean bh = blackhole != null && blackhole.v();
        if (m.has("destination") == m.has("destinationPrefixList")) {
            m.error(m.has("destination") ? m.keyAt("destinationPrefixList") : m.at(), label
                    + (m.has("destination") ? " has both 'destination' and 'destinationPrefixList': expected one"
                    : " has no 'destination' (a CIDR) or 'destinationPrefixList' (a prefix list id)"));
            return null;
        }
        if (bh && m.has("attachment")) {
            m.error(m.keyAt("attachment"), label + " is a blackhole route and names an attachment: a blackhole route has none");
            return null;
        }
        if (!bh && !m.has("attachment")) {
            m.error(m.at(), label + " has no 'attachment' (the attachment it routes to; or write blackhole: true)");
            return null;
        }
        if ((cidr == null && pl == null) || (!bh && attachment == null)) return null;
        return new RawNetwork.TgwRoute(m.at(), cidr, pl, attachment, bh);
    }

    private RawNetwork.TgwAttachment tgwAttachment(Node n, String label) {
        YMap m = map(n, "transit gateway attachment", label, TGW_ATTACHMENT);
        if (m == null) return null;
        Val<String> id = m.id();
        m.checkFields();
        Val<String> t = m.choice("type", List.of("vpc", "vpn"));
        boolean vpn = t != null && t.v().equals("vpn");
        Val<String> vpc = null;
        List<Val<String>> subnets = List.of();
        List<Val<Cidr>> remote = List.of();
        if (vpn) {
            for (String k : List.of("vpc", "subnets", "applianceMode", "securityGroupReferencing", "ipv6Support")) {
                if (m.has(k)) m.error(m.keyAt(k), "'" + k + "' of " + m.label() + " applies to VPC attachments only (this is type: vpn)");
            }
            remote = orEmpty(m.cidrs("remoteCidrs"));
        } else {
            if (m.has("remoteCidrs")) {
                m.error(m.keyAt("remoteCidrs"), "'remoteCidrs' of " + m.label()
                        + " applies to VPN attachments only (write type: vpn; a VPC attachment propagates its VPC's CIDRs)");
            }
            vpc = m.reqStr("vpc");
            List<Val<String>> read = m.strings("subnets", false);
            requireNonEmpty(m, "subnets", read, "the subnets of the attachment, one per availability zone");
            subnets = orEmpty(read);
        }
        return new RawNetwork.TgwAttachment(id, m.at(), vpn, vpc, subnets, m.str("association"),
                orEmpty(m.strings("propagations", false)), m.bool("applianceMode", false), remote,
                m.bool("securityGroupReferencing", true), m.bool("ipv6Support", false));
    }

    // ---------------------------------------------------------------- EKS

    private void eks(Node n, String label) {
        YMap m = map(n, "EKS cluster", label, EKS_CLUSTER);
        if (m == null) return;
        Val<String> name = name(m, "EKS cluster", "", EKS_NAME,
                "letters, digits, '-' and '_', starting with a letter or digit (AWS's rule for cluster names)");
        m.checkFields();
        Val<String> vpc = m.reqStr("vpc");
        List<Val<String>> subnets = m.strings("subnets", false);
        requireNonEmpty(m, "subnets", subnets, "the cluster subnets, where EKS places its cross-account network interfaces");
        Val<String> family = m.choice("ipFamily", List.of("ipv4", "ipv6"));
        int ipFamily = family != null && family.v().equals("ipv6") ? 6 : 4;
        RawNetwork.EndpointAccess endpoint = endpointAccess(m);
        List<Val<String>> sgs = orEmpty(m.strings("securityGroups", false));
        List<RawNetwork.NodeGroup> groups = new ArrayList<>();
        List<Node> items = m.list("nodeGroups", false);
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            RawNetwork.NodeGroup g = nodeGroup(items.get(i), "node group #" + (i + 1) + " of " + m.label(), m.label());
            if (g == null) continue;
            if (g.name() != null) {
                Integer first = firstLine.putIfAbsent(g.name().v(), g.name().at().line());
                if (first != null) {
                    m.error(g.name().at(), "node group '" + g.name().v() + "' appears twice in " + m.label() + " (first at line " + first + ")");
                    continue;
                }
            }
            groups.add(g);
        }
        RawNetwork.Pods pods = pods(m);
        net.eks.add(new RawNetwork.Eks(name, m.at(), vpc, orEmpty(subnets), ipFamily, endpoint, sgs, groups, pods));
    }

    /**
     * Reads the required {@code name} of a named item (clusters, node groups, policies) and from then on
     * names the item by it. Returns null (error recorded) when missing or not a valid name.
     */
    private static Val<String> name(YMap m, String kind, String suffix, Pattern valid, String rule) {
        Val<String> name = m.reqStr("name");
        if (name == null) return null;
        String label = m.label();
        m.relabel(kind + " '" + name.v() + "'" + suffix);
        if (!valid.matcher(name.v()).matches()) {
            m.error(name.at(), "'" + name.v() + "' is not a valid name for " + label + ": " + rule);
            return null;
        }
        return name;
    }

    private RawNetwork.EndpointAccess endpointAccess(YMap cluster) {
        List<Cidr> anywhere = List.of(Cidr.ANY_V4);
        Node e = cluster.value("endpoint");
        YMap m = e == null ? null : map(e, "endpoint", "'endpoint' of " + cluster.label(), EKS_ENDPOINT);
        if (m == null) return new RawNetwork.EndpointAccess(cluster.at(), true, false, anywhere);
        m.checkFields();
        Val<Boolean> pub = m.boolVal("publicAccess");
        Val<Boolean> priv = m.boolVal("privateAccess");
        boolean publicAccess = pub == null || pub.v();
        boolean privateAccess = priv != null && priv.v();
        boolean privateKnown = priv != null || !m.has("privateAccess");
        if (pub != null && !publicAccess && privateKnown && !privateAccess) {
            m.error(m.at(), m.label() + " turns off both publicAccess and privateAccess: AWS requires at least one"
                    + " (privateAccess: true makes a private-only cluster)");
        }
        List<Cidr> cidrs = new ArrayList<>();
        List<Val<Cidr>> written = m.cidrs("publicAccessCidrs");
        for (Val<Cidr> c : orEmpty(written)) {
            if (c.v().version() == 4) {
                cidrs.add(c.v());
            } else {
                m.error(c.at(), "publicAccessCidrs of " + cluster.label() + " must be IPv4 CIDRs, not " + c.v());
            }
        }
        forbidEmpty(m, "publicAccessCidrs", "nobody could use the public endpoint (write publicAccess: false to turn it off)");
        return new RawNetwork.EndpointAccess(m.at(), publicAccess, privateAccess, written == null ? anywhere : cidrs);
    }

    private RawNetwork.NodeGroup nodeGroup(Node n, String label, String cluster) {
        YMap m = map(n, "node group", label, NODE_GROUP);
        if (m == null) return null;
        Val<String> name = name(m, "node group", " of " + cluster, EKS_NAME,
                "letters, digits, '-' and '_', starting with a letter or digit (AWS's rule for node group names)");
        m.checkFields();
        List<Val<String>> subnets = m.strings("subnets", false);
        requireNonEmpty(m, "subnets", subnets, "the subnets its nodes are launched in");
        List<Val<String>> sgs = m.strings("securityGroups", false);
        forbidEmpty(m, "securityGroups", "AWS gives every node at least one security group (omit it for the cluster security group)");
        boolean publicIp = m.bool("publicIp", false);
        Val<String> type = m.str("instanceType");
        Val<Integer> desired = m.integer("desiredSize", 0, 100_000);
        Val<Integer> max = m.integer("maxSize", 1, 100_000);
        int desiredSize = desired == null ? 2 : desired.v();
        // AWS: maxSize is at least 1, and at least desiredSize.
        int maxSize = max == null ? Math.max(1, desiredSize) : max.v();
        if (max != null && max.v() < desiredSize && (desired != null || !m.has("desiredSize"))) {
            m.error(max.at(), "maxSize " + max.v() + " of " + m.label() + " is below its desiredSize " + desiredSize
                    + (desired == null ? " (the default)" : ""));
        }
        return new RawNetwork.NodeGroup(name, m.at(), orEmpty(subnets), sgs, publicIp,
                type == null ? "m5.large" : type.v().trim(), desiredSize, maxSize);
    }

    private RawNetwork.Pods pods(YMap cluster) {
        Node n = cluster.value("pods");
        YMap m = n == null ? null : map(n, "pods", "'pods' of " + cluster.label(), PODS);
        if (m == null) return RawNetwork.Pods.DEFAULT;
        m.checkFields();
        List<RawNetwork.EniConfig> configs = new ArrayList<>();
        Node cn = m.value("customNetworking");
        YMap c = cn == null ? null : map(cn, "customNetworking", "'customNetworking' of " + cluster.label(), Set.of());
        if (c != null) {
            for (Val<String> az : c.dataKeys()) {
                Node v = c.dataValue(az.v());
                String label = "the ENIConfig for " + az.v() + " of " + cluster.label();
                if (v instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
                    configs.add(new RawNetwork.EniConfig(az, new Val<>(s.getValue(), YamlFile.at(file, v)), null));
                } else if (v instanceof MappingNode) {
                    YMap e = map(v, "ENIConfig", label, ENI_CONFIG);
                    e.checkFields();
                    Val<String> subnet = e.reqStr("subnet");
                    List<Val<String>> sgs = e.strings("securityGroups", false);
                    forbidEmpty(e, "securityGroups", "omit it for the node's security groups");
                    if (subnet != null) configs.add(new RawNetwork.EniConfig(az, subnet, sgs));
                } else {
                    problems.add(YamlFile.at(file, v), label + " must be a subnet id or a mapping {subnet, securityGroups}, not "
                            + YMap.describe(v));
                }
            }
        }
        boolean externalSnat = m.bool("externalSnat", false);
        List<RawNetwork.Sgp> policies = new ArrayList<>();
        List<Node> items = m.list("securityGroupsForPods", false);
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            YMap p = map(items.get(i), "security group policy", "security group policy #" + (i + 1) + " of " + cluster.label(), SGP);
            if (p == null) continue;
            Val<String> name = name(p, "security group policy", " of " + cluster.label(), K8S_NAME,
                    "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (a Kubernetes object name)");
            p.checkFields();
            List<Val<String>> sgs = p.strings("securityGroups", false);
            requireNonEmpty(p, "securityGroups", sgs, "the security groups its pods carry instead of the node's");
            if (name == null) continue;
            Integer first = firstLine.putIfAbsent(name.v(), name.at().line());
            if (first != null) {
                p.error(name.at(), "security group policy '" + name.v() + "' appears twice in " + m.label() + " (first at line " + first + ")");
                continue;
            }
            policies.add(new RawNetwork.Sgp(name, orEmpty(sgs)));
        }
        Val<String> mode = m.choice("podSecurityGroupEnforcingMode", List.of("strict", "standard"));
        return new RawNetwork.Pods(configs, externalSnat, policies, mode == null ? "strict" : mode.v());
    }

    static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }
}
