package io.reachsim.feed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.EksCluster;
import io.reachsim.model.InternetGateway;
import io.reachsim.model.NatGateway;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random CloudTrail events against a network's own resources, in the shapes CloudTrail records
 * (EC2 API reference request names; see the samples under src/test/resources/events). Most are
 * applicable; a few name things the network does not hold.
 */
final class RandomEvents {
    private final Random rnd;
    private int serial;
    private final List<String> associations = new ArrayList<>();

    RandomEvents(long seed) {
        this.rnd = new Random(seed);
    }

    String next(Network n, String account, String region) {
        String id = "ev-" + Long.toHexString(rnd.nextLong()) + "-" + (serial++);
        for (int attempt = 0; attempt < 20; attempt++) {
            ObjectNode[] req = {null};
            ObjectNode[] resp = {null};
            String name = build(n, req, resp);
            if (name != null) return Events.envelope(id, name, name.equals("UpdateClusterConfig") ? "aws.eks" : "aws.ec2",
                    account, region, req[0], resp[0]).toString();
        }
        // Nothing fits: a harmless route to a table that does not exist here.
        ObjectNode req = obj().put("routeTableId", "rtb-elsewhere").put("destinationCidrBlock", "10.99.0.0/16").put("gatewayId", "igw-elsewhere");
        return Events.envelope(id, "CreateRoute", "aws.ec2", account, region, req, null).toString();
    }

    private String build(Network n, ObjectNode[] req, ObjectNode[] resp) {
        int kind = rnd.nextInt(18);
        switch (kind) {
            case 0: case 1: { // CreateRoute
                RouteTable t = pick(n.routeTables());
                if (t == null) return null;
                String target = target(n, t.vpc());
                if (target == null) return null;
                Cidr c = cidr(n);
                for (Route r : t.routes()) if (r.destination().toString().equals(c.toString())) return null;
                ObjectNode o = obj().put("routeTableId", t.id()).put(c.version() == 4 ? "destinationCidrBlock" : "destinationIpv6CidrBlock", c.toString());
                putTarget(o, target);
                req[0] = o;
                return "CreateRoute";
            }
            case 2: { // ReplaceRoute
                RouteTable t = pick(n.routeTables());
                Route r = t == null ? null : pick(cidrRoutes(t));
                if (r == null) return null;
                String target = target(n, t.vpc());
                if (target == null) return null;
                Cidr c = ((Route.RouteDestination.CidrDestination) r.destination()).cidr();
                ObjectNode o = obj().put("routeTableId", t.id()).put(c.version() == 4 ? "destinationCidrBlock" : "destinationIpv6CidrBlock", c.toString());
                putTarget(o, target);
                req[0] = o;
                return "ReplaceRoute";
            }
            case 3: { // DeleteRoute
                RouteTable t = pick(n.routeTables());
                Route r = t == null ? null : pick(cidrRoutes(t));
                if (r == null) return null;
                Cidr c = ((Route.RouteDestination.CidrDestination) r.destination()).cidr();
                req[0] = obj().put("routeTableId", t.id()).put(c.version() == 4 ? "destinationCidrBlock" : "destinationIpv6CidrBlock", c.toString());
                return "DeleteRoute";
            }
            case 4: { // AssociateRouteTable
                Subnet s = pick(n.subnets());
                if (s == null) return null;
                RouteTable t = pick(n.routeTables().stream().filter(x -> x.vpc().equals(s.vpc())).toList());
                if (t == null) return null;
                String assoc = "rtbassoc-" + Integer.toHexString(rnd.nextInt());
                associations.add(assoc);
                req[0] = obj().put("routeTableId", t.id()).put("subnetId", s.id());
                resp[0] = obj().put("requestId", "r").put("associationId", assoc);
                return "AssociateRouteTable";
            }
            case 5: { // DisassociateRouteTable
                if (associations.isEmpty()) return null;
                req[0] = obj().put("associationId", associations.remove(rnd.nextInt(associations.size())));
                return "DisassociateRouteTable";
            }
            case 6: case 7: { // Authorize/Revoke
                SecurityGroup g = pick(n.securityGroups());
                if (g == null) return null;
                boolean egress = rnd.nextBoolean();
                boolean revoke = rnd.nextInt(3) == 0;
                ObjectNode perm = obj();
                int p = rnd.nextInt(4);
                if (p == 0) perm.put("ipProtocol", "-1");
                else if (p == 1) perm.put("ipProtocol", "icmp").put("fromPort", -1).put("toPort", -1);
                else {
                    int port = new int[] {22, 443, 10250, 80, 53}[rnd.nextInt(5)];
                    perm.put("ipProtocol", p == 2 ? "tcp" : "udp").put("fromPort", port).put("toPort", rnd.nextBoolean() ? port : 65535);
                }
                if (rnd.nextInt(3) == 0) {
                    SecurityGroup other = pick(n.securityGroups());
                    perm.putObject("groups").putArray("items").addObject().put("groupId", other.id()).put("userId", "111122223333");
                } else {
                    perm.putObject("ipRanges").putArray("items").addObject().put("cidrIp", cidr4(n).toString());
                }
                if (revoke) {
                    var rules = egress ? g.egress() : g.ingress();
                    if (rules.isEmpty()) return null;
                    var r = rules.get(rnd.nextInt(rules.size()));
                    perm = permission(r);
                    if (perm == null) return null;
                }
                ObjectNode o = obj().put("groupId", g.id());
                o.putObject("ipPermissions").putArray("items").add(perm);
                req[0] = o;
                resp[0] = obj().put("requestId", "r").put("_return", true);
                return (revoke ? "Revoke" : "Authorize") + "SecurityGroup" + (egress ? "Egress" : "Ingress");
            }
            case 8: case 9: { // NACL entries
                NetworkAcl a = pick(n.networkAcls());
                if (a == null) return null;
                boolean egress = rnd.nextBoolean();
                List<AclEntry> entries = egress ? a.egress() : a.ingress();
                int op = rnd.nextInt(3);
                ObjectNode o = obj().put("networkAclId", a.id()).put("egress", egress);
                if (op == 2) {
                    if (entries.isEmpty()) return null;
                    o.put("ruleNumber", entries.get(rnd.nextInt(entries.size())).ruleNumber());
                    req[0] = o;
                    return "DeleteNetworkAclEntry";
                }
                int number;
                if (op == 1) {
                    if (entries.isEmpty()) return null;
                    number = entries.get(rnd.nextInt(entries.size())).ruleNumber();
                } else {
                    number = 1 + rnd.nextInt(300);
                    for (AclEntry x : entries) if (x.ruleNumber() == number) return null;
                }
                o.put("ruleNumber", number).put("ruleAction", rnd.nextInt(3) == 0 ? "deny" : "allow");
                int p = rnd.nextInt(3);
                o.put("protocol", p == 0 ? "-1" : p == 1 ? "6" : "17");
                if (p != 0) {
                    int from = rnd.nextBoolean() ? 1024 : new int[] {22, 443, 10250}[rnd.nextInt(3)];
                    o.putObject("portRange").put("from", from).put("to", rnd.nextBoolean() ? 65535 : from);
                }
                o.put("cidrBlock", rnd.nextInt(3) == 0 ? "0.0.0.0/0" : cidr4(n).toString());
                req[0] = o;
                return op == 1 ? "ReplaceNetworkAclEntry" : "CreateNetworkAclEntry";
            }
            case 10: { // DeleteNatGateway
                NatGateway g = pick(n.natGateways());
                if (g == null) return null;
                req[0] = obj();
                req[0].putObject("DeleteNatGatewayRequest").put("NatGatewayId", g.id());
                return "DeleteNatGateway";
            }
            case 11: { // Detach / attach IGW
                InternetGateway g = pick(n.internetGateways());
                if (g != null && rnd.nextBoolean()) {
                    req[0] = obj().put("internetGatewayId", g.id()).put("vpcId", g.vpc());
                    return "DetachInternetGateway";
                }
                Vpc v = pick(n.vpcs().stream().filter(x -> n.internetGateways().stream().noneMatch(i -> i.vpc().equals(x.id()))).toList());
                if (v == null) return null;
                req[0] = obj().put("internetGatewayId", "igw-new" + serial).put("vpcId", v.id());
                return "AttachInternetGateway";
            }
            case 12: { // CreateNatGateway
                Subnet s = pick(n.subnets());
                if (s == null || s.cidr() == null) return null;
                String id = "nat-new" + serial;
                boolean pub = rnd.nextBoolean();
                req[0] = obj().put("subnetId", s.id()).put("connectivityType", pub ? "public" : "private");
                if (pub) req[0].put("allocationId", "eipalloc-0abc");
                ObjectNode nat = obj().put("natGatewayId", id).put("subnetId", s.id()).put("vpcId", s.vpc()).put("state", "pending")
                        .put("connectivityType", pub ? "public" : "private");
                ObjectNode addr = nat.putObject("natGatewayAddressSet").putObject("item").put("privateIp", s.cidr().address(200).toString());
                if (pub) addr.put("publicIp", "198.51.100." + (100 + rnd.nextInt(100)));
                resp[0] = obj();
                resp[0].putObject("CreateNatGatewayResponse").set("natGateway", nat);
                return "CreateNatGateway";
            }
            case 13: { // UpdateClusterConfig
                EksCluster c = pick(n.eksClusters());
                if (c == null) return null;
                boolean pub = rnd.nextBoolean();
                boolean priv = !pub || rnd.nextBoolean();
                ObjectNode o = obj().put("name", c.name());
                ObjectNode cfg = o.putObject("resourcesVpcConfig").put("endpointPublicAccess", pub).put("endpointPrivateAccess", priv);
                if (rnd.nextBoolean()) cfg.putArray("publicAccessCidrs").add(rnd.nextBoolean() ? "0.0.0.0/0" : "203.0.113.0/24");
                req[0] = o;
                return "UpdateClusterConfig";
            }
            case 16: case 17: { // transit gateway static routes
                var tgw = pick(n.transitGateways());
                if (tgw == null) return null;
                var table = pick(tgw.routeTables());
                if (table == null) return null;
                var cidrRoutes = table.routes().stream().filter(r -> r.destination() instanceof Route.RouteDestination.CidrDestination).toList();
                if (kind == 17 && !cidrRoutes.isEmpty()) {
                    req[0] = obj();
                    req[0].putObject("DeleteTransitGatewayRouteRequest").put("TransitGatewayRouteTableId", table.id())
                            .put("DestinationCidrBlock", cidrRoutes.get(rnd.nextInt(cidrRoutes.size())).destination().toString());
                    return "DeleteTransitGatewayRoute";
                }
                Cidr c = cidr4(n);
                for (var r : table.routes()) if (r.destination().toString().equals(c.toString())) return null;
                ObjectNode inner = obj().put("TransitGatewayRouteTableId", table.id()).put("DestinationCidrBlock", c.toString());
                var attachment = pick(tgw.attachments());
                if (attachment == null || rnd.nextInt(4) == 0) inner.put("Blackhole", true);
                else inner.put("TransitGatewayAttachmentId", attachment.id());
                req[0] = obj();
                req[0].set("CreateTransitGatewayRouteRequest", inner);
                return "CreateTransitGatewayRoute";
            }
            default: { // a route to a new block through an appliance or a gateway; more route churn
                RouteTable t = pick(n.routeTables());
                if (t == null) return null;
                NetworkInterface eni = pick(n.networkInterfaces().stream()
                        .filter(x -> n.subnet(x.subnet()).map(s -> s.vpc().equals(t.vpc())).orElse(false)).toList());
                Cidr c = cidr(n);
                if (c.version() != 4) return null;
                for (Route r : t.routes()) if (r.destination().toString().equals(c.toString())) return null;
                ObjectNode o = obj().put("routeTableId", t.id()).put("destinationCidrBlock", c.toString());
                if (eni != null && rnd.nextBoolean()) o.put("networkInterfaceId", eni.id());
                else {
                    String target = target(n, t.vpc());
                    if (target == null) return null;
                    putTarget(o, target);
                }
                req[0] = o;
                return "CreateRoute";
            }
        }
    }

    private ObjectNode permission(io.reachsim.model.SgRule r) {
        ObjectNode perm = obj().put("ipProtocol", r.protocol() == io.reachsim.model.Protocol.ALL ? "-1" : r.protocol().label());
        if (r.ports() != null) perm.put("fromPort", r.ports().from()).put("toPort", r.ports().to());
        else if (r.protocol().isIcmp()) perm.put("fromPort", r.icmpType()).put("toPort", r.icmpCode());
        if (r.peer() instanceof io.reachsim.model.SgRule.SgPeer.CidrPeer c) {
            if (c.cidr().version() == 4) perm.putObject("ipRanges").putArray("items").addObject().put("cidrIp", c.cidr().toString());
            else perm.putObject("ipv6Ranges").putArray("items").addObject().put("cidrIpv6", c.cidr().toString());
        } else if (r.peer() instanceof io.reachsim.model.SgRule.SgPeer.GroupPeer g) {
            perm.putObject("groups").putArray("items").addObject().put("groupId", g.groupId());
        } else if (r.peer() instanceof io.reachsim.model.SgRule.SgPeer.PrefixListPeer pl) {
            perm.putObject("prefixListIds").putArray("items").addObject().put("prefixListId", pl.prefixListId());
        }
        return perm;
    }

    private static List<Route> cidrRoutes(RouteTable t) {
        return t.routes().stream().filter(r -> r.destination() instanceof Route.RouteDestination.CidrDestination).toList();
    }

    /** A gateway or interface the table's VPC may route to. */
    private String target(Network n, String vpc) {
        List<String> ids = new ArrayList<>();
        n.internetGateways().stream().filter(g -> g.vpc().equals(vpc)).forEach(g -> ids.add(g.id()));
        n.natGateways().forEach(g -> n.subnet(g.subnet()).filter(s -> s.vpc().equals(vpc)).ifPresent(s -> ids.add(g.id())));
        n.egressOnlyInternetGateways().stream().filter(g -> g.vpc().equals(vpc)).forEach(g -> ids.add(g.id()));
        n.vpnGateways().stream().filter(g -> g.vpc().equals(vpc)).forEach(g -> ids.add(g.id()));
        n.transitGateways().stream().filter(t -> t.attachments().stream().anyMatch(a -> vpc.equals(a.vpc()))).forEach(t -> ids.add(t.id()));
        n.vpcPeerings().stream().filter(p -> p.requester().equals(vpc) || p.accepter().equals(vpc)).forEach(p -> ids.add(p.id()));
        return ids.isEmpty() ? null : ids.get(rnd.nextInt(ids.size()));
    }

    private static void putTarget(ObjectNode o, String id) {
        if (id.startsWith("nat")) o.put("natGatewayId", id);
        else if (id.startsWith("eigw")) o.put("egressOnlyInternetGatewayId", id);
        else if (id.startsWith("tgw")) o.put("transitGatewayId", id);
        else if (id.startsWith("pcx")) o.put("vpcPeeringConnectionId", id);
        else o.put("gatewayId", id);
    }

    /** A block that is likely to matter: a subnet, part of one, the internet, or a VPC's block. */
    private Cidr cidr(Network n) {
        if (rnd.nextInt(6) == 0) {
            Subnet s = pick(n.subnets().stream().filter(x -> x.ipv6Cidr() != null).toList());
            if (s != null) return rnd.nextBoolean() ? Cidr.parse("::/0") : s.ipv6Cidr();
        }
        return cidr4(n);
    }

    private Cidr cidr4(Network n) {
        int k = rnd.nextInt(5);
        if (k == 0) return Cidr.ANY_V4;
        Subnet s = pick(n.subnets().stream().filter(x -> x.cidr() != null).toList());
        if (s == null) return Cidr.parse("10.0.0.0/8");
        Cidr c = s.cidr();
        if (k == 1) return c;
        if (k == 2) return Cidr.host(c.address(4 + rnd.nextInt(8)));
        if (k == 3 && c.prefix() > 8) return Cidr.parse(mask(c, c.prefix() - 1 - rnd.nextInt(4)));
        return Cidr.parse("8.8.8.0/24");
    }

    private static String mask(Cidr c, int len) {
        long bits = c.base().lo();
        long m = len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
        return io.reachsim.model.Ip.v4(bits & m) + "/" + len;
    }

    private <T> T pick(List<T> items) {
        return items.isEmpty() ? null : items.get(rnd.nextInt(items.size()));
    }

    private static ObjectNode obj() {
        return CloudTrailEvents.MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return CloudTrailEvents.MAPPER.createArrayNode();
    }
}
