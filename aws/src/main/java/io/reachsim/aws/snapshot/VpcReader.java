package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.load.LoadError;
import io.reachsim.model.AclEntry;
import io.reachsim.model.Cidr;
import io.reachsim.model.NetworkAcl;
import io.reachsim.model.Origin;
import io.reachsim.model.PrefixList;
import io.reachsim.model.Protocol;
import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;
import io.reachsim.model.Subnet;
import io.reachsim.model.Vpc;
import io.reachsim.model.VpcPeering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EC2 core: prefix lists, VPCs, subnets, route tables and their routes, VPC peering connections, and AWS's
 * implicit objects (main route table, default ACL and security group) when the snapshot lacks them.
 */
final class VpcReader extends FamilyReader {
    VpcReader(FamilyReader shared) {
        super(shared);
    }

    void prefixLists() {
        report.kind("prefix lists");
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<Cidr>> cidrs = new LinkedHashMap<>();
        Map<String, Origin> at = new HashMap<>();
        for (Item p : items("PrefixLists")) {
            String id = id(p, "PrefixListId", "a prefix list");
            if (id == null) continue;
            // describe-managed-prefix-lists: State create-complete/modify-complete/...; describe-prefix-lists: none.
            String st = p.str("State");
            if (st != null && !(st.endsWith("-complete") || st.equals("available"))) {
                if (!st.equals("delete-complete")) {
                    report.skip(p.at(), "prefix list '" + id + "'", "state is " + st);
                    continue;
                }
                report.skip(p.at(), "prefix list '" + id + "'", "state is delete-complete (deleted)");
                continue;
            }
            if (!first(id, "prefix list", p)) continue;
            names.put(id, p.str("PrefixListName") != null ? p.str("PrefixListName") : id);
            List<Cidr> l = new ArrayList<>();
            JsonNode c = p.node().get("Cidrs");
            if (c != null && c.isArray()) {
                for (JsonNode n : c) l.add(parseCidr(p.doc(), n));
            }
            cidrs.put(id, l);
            at.put(id, p.at());
        }
        // get-managed-prefix-list-entries prints {"Entries": [...]} without the list's id: the file name carries it.
        Map<Group, List<Item>> entryFiles = byDoc(items("Entries"));
        for (var e : entryFiles.entrySet()) {
            JsonDoc d = e.getKey().doc();
            String id = idInFileName(e.getKey(), "pl-[0-9a-zA-Z]+");
            if (id == null) {
                report.skip(d.at(d.root), "prefix list entries (" + e.getValue().size() + ")", "the file name must contain the"
                        + " prefix list id (e.g. entries-pl-0123abcd.json), or the key name it (\"Entries:pl-0123abcd\"):"
                        + " get-managed-prefix-list-entries does not print it");
                continue;
            }
            if (!names.containsKey(id)) {
                if (!first(id, "prefix list", new Item(d, d.root))) continue;
                names.put(id, id);
                cidrs.put(id, new ArrayList<>());
                at.put(id, d.at(d.root));
                report.note(d.at(d.root), "prefix list '" + id + "'", "known only from its entries (no describe-managed-prefix-lists"
                        + " output names it), so it is called by its id");
            }
            for (Item entry : e.getValue()) {
                Cidr c = cidr(entry, "Cidr");
                if (c != null) cidrs.get(id).add(c);
            }
        }
        for (String id : names.keySet()) {
            List<Cidr> l = cidrs.get(id).stream().filter(java.util.Objects::nonNull).distinct().toList();
            if (l.isEmpty()) {
                report.note(at.get(id), "prefix list '" + id + "' (" + names.get(id) + ")", "no entries were read (save aws ec2"
                        + " get-managed-prefix-list-entries --prefix-list-id " + id + " as entries-" + id + ".json): routes and"
                        + " rules naming it match nothing");
            }
            out.add(new PrefixList(id, names.get(id), l));
            prefixLists.add(id);
            report.count("prefix lists");
        }
    }

    void scanAssociations(Map<String, String> mainTables, Map<String, String> subnetTables,
                                  Map<String, String> defaultAcls, Map<String, String> subnetAcls, Map<String, String> defaultSgs) {
        for (Item rt : items("RouteTables")) {
            String id = rt.str("RouteTableId");
            String vpc = rt.str("VpcId");
            if (id == null || vpc == null) continue;
            for (Item a : rt.list("Associations")) {
                Item st = a.obj("AssociationState");
                if (st != null && !state(st, "State", "associated")) continue;
                if (a.bool("Main", false)) mainTables.putIfAbsent(vpc, id);
                if (a.str("SubnetId") != null) subnetTables.putIfAbsent(a.str("SubnetId"), id);
                if (a.str("GatewayId") != null) {
                    report.note(a.at(), "gateway route table association of '" + id + "' with '" + a.str("GatewayId") + "'",
                            "edge associations (ingress routing) are not modelled: traffic entering through the gateway is routed"
                                    + " by the destination subnet's table");
                }
            }
        }
        for (Item acl : items("NetworkAcls")) {
            String id = acl.str("NetworkAclId");
            String vpc = acl.str("VpcId");
            if (id == null || vpc == null) continue;
            if (acl.bool("IsDefault", false)) defaultAcls.putIfAbsent(vpc, id);
            for (Item a : acl.list("Associations")) if (a.str("SubnetId") != null) subnetAcls.putIfAbsent(a.str("SubnetId"), id);
        }
        for (Item g : items("SecurityGroups")) {
            if ("default".equals(g.str("GroupName")) && g.str("VpcId") != null && g.str("GroupId") != null) {
                defaultSgs.putIfAbsent(g.str("VpcId"), g.str("GroupId"));
            }
        }
    }

    void vpcs(Map<String, String> mainTables, Map<String, String> defaultAcls, Map<String, String> defaultSgs) {
        report.kind("VPCs");
        Map<String, Boolean> dnsSupport = new HashMap<>();
        Map<String, Boolean> dnsHostnames = new HashMap<>();
        for (Item a : dnsAttributes) {
            String vpc = a.str("VpcId");
            if (vpc == null) {
                errors.add(new LoadError(a.at(), "describe-vpc-attribute output without 'VpcId'"));
                continue;
            }
            Item s = a.obj("EnableDnsSupport");
            if (s != null) dnsSupport.put(vpc, s.bool("Value", true));
            Item h = a.obj("EnableDnsHostnames");
            if (h != null) dnsHostnames.put(vpc, h.bool("Value", false));
        }
        for (Item v : items("Vpcs")) {
            String id = id(v, "VpcId", "a VPC");
            if (id == null) continue;
            if (!state(v, "State", "available")) {
                report.skip(v.at(), "VPC '" + id + "'", "state is " + v.str("State") + ", not available");
                continue;
            }
            if (!first(id, "VPC", v)) continue;
            List<Cidr> v4 = new ArrayList<>();
            List<Item> assoc = v.list("CidrBlockAssociationSet");
            if (assoc.isEmpty()) {
                Cidr c = cidr(v, "CidrBlock");
                if (c != null) v4.add(c);
            }
            for (Item a : assoc) {
                Item st = a.obj("CidrBlockState");
                Cidr c = cidr(a, "CidrBlock");
                if (c == null) continue;
                if (st != null && !state(st, "State", "associated")) {
                    report.skip(a.at(), "CIDR " + c + " of VPC '" + id + "'", "its state is " + st.str("State") + ", not associated");
                    continue;
                }
                // the primary block first, as AWS lists CidrBlock
                if (c.toString().equals(v.str("CidrBlock"))) v4.add(0, c); else v4.add(c);
            }
            List<Cidr> v6 = new ArrayList<>();
            for (Item a : v.list("Ipv6CidrBlockAssociationSet")) {
                Item st = a.obj("Ipv6CidrBlockState");
                Cidr c = cidr(a, "Ipv6CidrBlock");
                if (c == null) continue;
                if (st != null && !state(st, "State", "associated")) {
                    report.skip(a.at(), "IPv6 CIDR " + c + " of VPC '" + id + "'", "its state is " + st.str("State") + ", not associated");
                    continue;
                }
                v6.add(c);
            }
            if (v4.isEmpty()) {
                report.skip(v.at(), "VPC '" + id + "'", "it has no associated IPv4 CIDR block");
                continue;
            }
            boolean isDefault = v.bool("IsDefault", false);
            // describe-vpcs does not print the DNS attributes (describe-vpc-attribute does); AWS's defaults:
            // a default VPC has both on, another VPC has support on and hostnames off.
            Boolean support = dnsSupport.get(id);
            Boolean hostnames = dnsHostnames.get(id);
            if (support == null || hostnames == null) {
                report.note(v.at(), "DNS attributes of VPC '" + id + "'", "not in the snapshot (aws ec2 describe-vpc-attribute"
                        + " --attribute enableDnsSupport/enableDnsHostnames); AWS's defaults for a" + (isDefault ? " default" : " non-default")
                        + " VPC are assumed");
            }
            boolean s = support != null ? support : true;
            boolean h = hostnames != null ? hostnames : isDefault;
            String sg = defaultSgs.getOrDefault(id, id + "-default");
            String acl = defaultAcls.getOrDefault(id, id + "-default-acl");
            String main = mainTables.getOrDefault(id, id + "-main");
            String account = account(v);
            Vpc vpc = new Vpc(id, v.region(), v4, v6, s, h, sg, acl, main, account).withTags(tags(v));
            vpcs.put(id, vpc);
            vpcAccount.put(id, account);
            if (account != null) report.accounts.add(account);
            report.regions.add(v.region());
            out.add(vpc);
            report.count("VPCs");
        }
    }

    void subnets(Map<String, String> subnetTables, Map<String, String> subnetAcls, Map<String, String> zoneIds) {
        report.kind("subnets");
        for (Item s : items("Subnets")) {
            String id = id(s, "SubnetId", "a subnet");
            if (id == null) continue;
            String vpc = s.str("VpcId");
            if (!state(s, "State", "available")) {
                report.skip(s.at(), "subnet '" + id + "'", "state is " + s.str("State") + ", not available");
                continue;
            }
            if (!vpcs.containsKey(vpc)) {
                report.skip(s.at(), "subnet '" + id + "'", "its VPC '" + vpc + "' is not in the snapshot");
                continue;
            }
            if (!first(id, "subnet", s)) continue;
            Cidr v4 = cidr(s, "CidrBlock");
            Cidr v6 = null;
            for (Item a : s.list("Ipv6CidrBlockAssociationSet")) {
                Item st = a.obj("Ipv6CidrBlockState");
                if (st != null && !state(st, "State", "associated")) continue;
                Cidr c = cidr(a, "Ipv6CidrBlock");
                if (c != null && v6 == null) v6 = c;
            }
            Map<String, String> tags = tags(s);
            String owner = s.str("OwnerId");
            String vpcOwner = vpcAccount.get(vpc);
            // A shared subnet (AWS RAM) seen from a participant: the owner is the VPC's account.
            if (owner != null && owner.equals(vpcOwner)) owner = null;
            String rt = subnetTables.get(id);
            String acl = subnetAcls.get(id);
            Subnet subnet = new Subnet(id, vpc, s.str("AvailabilityZone"), v4, v6, rt, acl, tags, s.str("AvailabilityZoneId") != null ? s.str("AvailabilityZoneId")
                    : zoneIds.get(String.valueOf(s.str("AvailabilityZone"))),
                    owner, List.of());
            subnets.put(id, subnet);
            out.add(subnet);
            report.count("subnets");
        }
    }

    void peerings() {
        report.kind("VPC peering connections");
        for (Item p : items("VpcPeeringConnections")) {
            String id = id(p, "VpcPeeringConnectionId", "a VPC peering connection");
            if (id == null) continue;
            Item st = p.obj("Status");
            String code = st == null ? null : st.str("Code");
            if (code != null && !code.equals("active")) {
                report.skip(p.at(), "VPC peering connection '" + id + "'", "status is " + code + ", not active");
                continue;
            }
            Item req = p.obj("RequesterVpcInfo");
            Item acc = p.obj("AccepterVpcInfo");
            String a = req == null ? null : req.str("VpcId");
            String b = acc == null ? null : acc.str("VpcId");
            if (!vpcs.containsKey(a) || !vpcs.containsKey(b)) {
                String missing = !vpcs.containsKey(a) ? a : b;
                report.skip(p.at(), "VPC peering connection '" + id + "'", "VPC '" + missing + "' is not in the snapshot (add the"
                        + " other account's or region's describe-vpcs output)");
                continue;
            }
            if (!first(id, "VPC peering connection", p)) continue;
            out.add(new VpcPeering(id, a, b));
            report.count("VPC peering connections");
        }
    }

    void routeTables() {
        report.kind("route tables");
        Map<String, String> gatewayEndpoints = new HashMap<>();
        for (Item e : items("VpcEndpoints")) {
            if ("Gateway".equalsIgnoreCase(e.str("VpcEndpointType")) && e.str("VpcEndpointId") != null && state(e, "State", "available")) {
                gatewayEndpoints.put(e.str("VpcEndpointId"), e.str("VpcId"));
            }
        }
        for (Item rt : items("RouteTables")) {
            String id = id(rt, "RouteTableId", "a route table");
            if (id == null) continue;
            String vpc = rt.str("VpcId");
            if (!vpcs.containsKey(vpc)) {
                report.skip(rt.at(), "route table '" + id + "'", "its VPC '" + vpc + "' is not in the snapshot");
                continue;
            }
            if (!first(id, "route table", rt)) continue;
            List<Route> routes = new ArrayList<>();
            for (Item r : rt.list("Routes")) {
                Route route = route(r, id, vpc, gatewayEndpoints);
                if (route != null) routes.add(route);
            }
            List<String> vgws = new ArrayList<>();
            for (Item g : rt.list("PropagatingVgws")) {
                String gw = g.str("GatewayId");
                if (gw != null && "VPN gateway".equals(kinds.get(gw))) vgws.add(gw);
                else if (gw != null) report.skip(g.at(), "route propagation from '" + gw + "' into '" + id + "'", "the VPN gateway is not in the snapshot");
            }
            boolean main = vpcs.get(vpc).mainRouteTable().equals(id);
            out.add(new RouteTable(id, vpc, main, routes, vgws));
            report.count("route tables");
        }
    }

    Route route(Item r, String table, String vpc, Map<String, String> gatewayEndpoints) {
        Route.RouteDestination dest;
        if (r.str("DestinationCidrBlock") != null) dest = cidrDest(cidr(r, "DestinationCidrBlock"));
        else if (r.str("DestinationIpv6CidrBlock") != null) dest = cidrDest(cidr(r, "DestinationIpv6CidrBlock"));
        else if (r.str("DestinationPrefixListId") != null) dest = new Route.RouteDestination.PrefixListDestination(r.str("DestinationPrefixListId"));
        else {
            errors.add(new LoadError(r.at(), "a route of '" + table + "' has no DestinationCidrBlock, DestinationIpv6CidrBlock or DestinationPrefixListId"));
            return null;
        }
        if (dest == null) return null;
        String what = "route to " + dest + " in '" + table + "'";
        String gw = r.str("GatewayId");
        // Local routes are implicit in the model (one per VPC CIDR).
        if ("local".equals(gw)) return null;
        // Routes a VPN gateway propagated are derived from the table's PropagatingVgws.
        if ("EnableVgwRoutePropagation".equals(r.str("Origin"))) return null;
        if (dest instanceof Route.RouteDestination.PrefixListDestination p && !prefixLists.contains(p.prefixListId())) {
            report.skip(r.at(), what, "prefix list '" + p.prefixListId() + "' is not in the snapshot (save aws ec2"
                    + " describe-managed-prefix-lists and get-managed-prefix-list-entries)");
            return null;
        }
        if ("blackhole".equals(r.str("State"))) return new Route(dest, new RouteTarget.Blackhole());
        RouteTarget target = null;
        String targetId = null;
        String unsupported = null;
        if (r.str("CarrierGatewayId") != null) unsupported = "carrier gateway '" + r.str("CarrierGatewayId") + "' (Wavelength)";
        else if (r.str("LocalGatewayId") != null) unsupported = "local gateway '" + r.str("LocalGatewayId") + "' (Outposts)";
        else if (r.str("CoreNetworkArn") != null) unsupported = "Cloud WAN core network '" + r.str("CoreNetworkArn") + "'";
        else if (r.str("NatGatewayId") != null) {
            targetId = r.str("NatGatewayId");
            target = "NAT gateway".equals(kinds.get(targetId)) ? new RouteTarget.NatGateway(targetId) : null;
        } else if (r.str("EgressOnlyInternetGatewayId") != null) {
            targetId = r.str("EgressOnlyInternetGatewayId");
            target = "egress-only internet gateway".equals(kinds.get(targetId)) ? new RouteTarget.EgressOnlyInternetGateway(targetId) : null;
        } else if (r.str("TransitGatewayId") != null) {
            targetId = r.str("TransitGatewayId");
            target = "transit gateway".equals(kinds.get(targetId)) ? new RouteTarget.TransitGateway(targetId) : null;
        } else if (r.str("VpcPeeringConnectionId") != null) {
            targetId = r.str("VpcPeeringConnectionId");
            target = "VPC peering connection".equals(kinds.get(targetId)) ? new RouteTarget.VpcPeering(targetId) : null;
        } else if (r.str("NetworkInterfaceId") != null || r.str("InstanceId") != null) {
            // An appliance route names both the instance and the interface; the interface is the precise target.
            String eni = r.str("NetworkInterfaceId");
            String inst = r.str("InstanceId");
            if (eni != null && enis.containsKey(eni)) {
                targetId = eni;
                target = new RouteTarget.NetworkInterface(eni);
            } else if (inst != null && "instance".equals(kinds.get(inst))) {
                targetId = inst;
                target = new RouteTarget.Instance(inst);
            } else {
                targetId = eni != null ? eni : inst;
            }
        } else if (gw != null) {
            targetId = gw;
            if (gw.startsWith("igw-") && "internet gateway".equals(kinds.get(gw))) target = new RouteTarget.InternetGateway(gw);
            else if (gw.startsWith("vgw-") && "VPN gateway".equals(kinds.get(gw))) target = new RouteTarget.VpnGateway(gw);
            else if (gw.startsWith("vpce-") && gatewayEndpoints.containsKey(gw)) target = new RouteTarget.VpcEndpoint(gw);
            else if (gw.startsWith("vpce-") && !kinds.containsKey(gw)) unsupported = null;
        } else {
            unsupported = "a target reachsim does not know";
        }
        if (unsupported != null) {
            report.skip(r.at(), what, "routes to a " + unsupported + " are not modelled");
            return null;
        }
        if (target == null) {
            report.skip(r.at(), what, "its target '" + targetId + "' is not in the snapshot (or not available)");
            return null;
        }
        return new Route(dest, target);
    }

    /**
     * Every VPC has a main route table, a default security group and a default network ACL. When the
     * snapshot lacks them (a describe-* output was not saved), AWS's defaults stand in, and the report says so.
     */
    void implicitDefaults(Map<String, String> mainTables, Map<String, String> defaultAcls, Map<String, String> defaultSgs) {
        Set<String> tables = new HashSet<>();
        out.routeTables.forEach(t -> tables.add(t.id()));
        Set<String> acls = new HashSet<>();
        out.networkAcls.forEach(a -> acls.add(a.id()));
        for (Vpc v : vpcs.values()) {
            Origin at = origins.get(v.id());
            if (!tables.contains(v.mainRouteTable())) {
                out.add(new RouteTable(v.mainRouteTable(), v.id(), true, List.of(), List.of()));
                report.note(at, "main route table of VPC '" + v.id() + "'", "not in the snapshot (describe-route-tables); '"
                        + v.mainRouteTable() + "' with only the local routes stands for it");
            }
            if (!acls.contains(v.defaultNetworkAcl())) {
                List<AclEntry> all = List.of(new AclEntry(100, Protocol.ALL, null, -1, -1, Cidr.ANY_V4, AclEntry.Action.ALLOW),
                        new AclEntry(101, Protocol.ALL, null, -1, -1, Cidr.ANY_V6, AclEntry.Action.ALLOW));
                out.add(new NetworkAcl(v.defaultNetworkAcl(), v.id(), true, all, all));
                report.note(at, "default network ACL of VPC '" + v.id() + "'", "not in the snapshot (describe-network-acls); '"
                        + v.defaultNetworkAcl() + "' allowing all stands for it");
            }
            if (!securityGroups.contains(v.defaultSecurityGroup())) {
                List<SgRule> in = List.of(new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.GroupPeer(v.defaultSecurityGroup()), null));
                List<SgRule> eg = List.of(new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V4), null),
                        new SgRule(Protocol.ALL, null, -1, -1, new SgRule.SgPeer.CidrPeer(Cidr.ANY_V6), null));
                out.add(new SecurityGroup(v.defaultSecurityGroup(), v.id(), "default", in, eg));
                securityGroups.add(v.defaultSecurityGroup());
                report.note(at, "default security group of VPC '" + v.id() + "'", "not in the snapshot (describe-security-groups); '"
                        + v.defaultSecurityGroup() + "' with AWS's default rules stands for it");
            }
        }
        // Subnets may name a table or ACL that was skipped: then AWS's association rule (main/default) applies.
        out.subnets.replaceAll(s -> {
            boolean rtOk = s.routeTable() == null || tables.contains(s.routeTable());
            boolean aclOk = s.networkAcl() == null || acls.contains(s.networkAcl());
            if (rtOk && aclOk) return s;
            return new Subnet(s.id(), s.vpc(), s.az(), s.cidr(), s.ipv6Cidr(), rtOk ? s.routeTable() : null, aclOk ? s.networkAcl() : null,
                    s.tags(), s.azId(), s.owner(), s.sharedWith());
        });
    }
}
