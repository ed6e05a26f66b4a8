package io.reachsim.load;

import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;
import io.reachsim.model.NatGateway;
import io.reachsim.model.VpcEndpoint;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code network} section of one scenario file (format v1, DESIGN §5) into a {@link RawNetwork}:
 * shapes, field names, CIDRs and addresses. References between items are checked later, by
 * {@link NetworkResolver}, once imported files have been added.
 */
final class NetworkParser extends ParserBase {

    static final String CROSS_VPC = "cross-VPC";

    /** Sections of the format that later issues implement (none left: kept for the next one). */
    static final Map<String, String> LATER_SECTIONS = Map.of();

    static final Set<String> NETWORK_FIELDS = Format.NETWORK.names();
    private static final Set<String> VPC = Format.VPC.names();
    private static final Set<String> SUBNET = Format.SUBNET.names();
    private static final Set<String> ROUTE_TABLE = Format.ROUTE_TABLE.names();
    private static final Set<String> ROUTE = Format.ROUTE.names();
    private static final Set<String> GATEWAY = Format.GATEWAY.names();
    private static final Set<String> NAT = Format.NAT_GATEWAY.names();
    private static final Set<String> VGW = Format.VPN_GATEWAY.names();
    private static final Set<String> ACL = Format.NETWORK_ACL.names();
    private static final Set<String> ACL_ENTRY = Format.ACL_ENTRY.names();
    private static final Set<String> SG = Format.SECURITY_GROUP.names();
    private static final Set<String> PREFIX_LIST = Format.PREFIX_LIST.names();
    private static final Set<String> INSTANCE = Format.INSTANCE.names();
    private static final Set<String> ENI = Format.NETWORK_INTERFACE.names();
    private static final Set<String> EXTERNAL = Format.EXTERNAL.names();
    private static final Set<String> VPC_ENDPOINT = Format.VPC_ENDPOINT.names();
    /** The {@code import} value, or null. */
    /** {@code import}: one path, or a list of layers each laid on the one before (empty when absent). */
    List<Val<String>> imports = List.of();

    private NetworkParser(String file, String fileRegion, Problems problems) {
        super(file, fileRegion, problems, new RawNetwork());
    }

    /** Parses the value of a file's {@code network} field. */
    static NetworkParser parse(Node network, String file, String fileRegion, Problems problems) {
        NetworkParser p = new NetworkParser(file, fileRegion, problems);
        YMap m = YMap.of(network, file, "network", "'network'", NETWORK_FIELDS, problems);
        if (m == null) return p;
        m.checkFields(LATER_SECTIONS);
        List<Val<String>> imports = m.strings("import", true);
        if (imports != null) p.imports = imports;
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
        p.each(m, "eks", "EKS cluster", new EksParser(p)::eks);
        p.each(m, "vpcPeerings", "VPC peering connection", new CrossVpcParser(p)::peering);
        p.each(m, "transitGateways", "transit gateway", new CrossVpcParser(p)::transitGateway);
        ServicesParser.parse(m, file, problems, p.net);
        return p;
    }

    private void vpc(Node n, String label) {
        YMap m = map(n, "VPC", label, VPC);
        if (m == null) return;
        Val<String> id = m.id();
        tags(m, id);
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
        // Optional: left out, the resolver assigns the subnet's first free address, as AWS does.
        Val<Ip> priv = m.ip("privateIp");
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
                out.add(new AclEntry(rule.v(), match.protocol(), match.ports(), match.icmpType(), match.icmpCode(), block.v(),
                        a.v().equals("allow") ? AclEntry.Action.ALLOW : AclEntry.Action.DENY));
            }
        }
        return out;
    }

    private void sg(Node n, String label) {
        YMap m = map(n, "security group", label, SG);
        if (m == null) return;
        Val<String> id = m.id();
        m.checkFields();
        Val<String> vpc = m.reqStr("vpc");
        Val<String> name = m.str("name");
        m.str("description");
        List<RawNetwork.SgRule> ingress = sgRules(m, "ingress");
        List<RawNetwork.SgRule> egress = sgRules(m, "egress");
        net.securityGroups.add(new RawNetwork.Sg(id, m.at(), vpc, name == null ? null : name.v(),
                ingress == null ? List.of() : ingress, egress, account(m, "account")));
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
        tags(m, id);
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

    /** Tags of a VPC, instance or network interface (DESIGN §9), kept by id. */
    private void tags(YMap m, Val<String> id) {
        if (id == null || !m.has("tags")) return;
        java.util.Map<String, String> t = m.stringMap("tags");
        if (t != null && !t.isEmpty()) net.tags.put(id.v(), t);
    }

    private RawNetwork.Eni eniFields(YMap m, Val<String> id, boolean subnetRequired, String instance) {
        if (instance == null || !instance.equals(id == null ? null : id.v())) tags(m, id);
        Val<String> subnet = subnetRequired ? m.reqStr("subnet") : m.str("subnet");
        // Optional: left out, the resolver assigns the subnet's first free address, as AWS does.
        Val<Ip> priv = m.ip("privateIp");
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
}
