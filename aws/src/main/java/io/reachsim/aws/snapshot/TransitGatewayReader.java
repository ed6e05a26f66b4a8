package io.reachsim.aws.snapshot;

import io.reachsim.model.Cidr;
import io.reachsim.model.Origin;
import io.reachsim.model.Route;
import io.reachsim.model.TransitGateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Transit gateways, their attachments and route tables (describe-transit-gateway*, get-transit-gateway-route-table-*,
 * search-transit-gateway-routes).
 */
final class TransitGatewayReader extends FamilyReader {
    TransitGatewayReader(FamilyReader shared) {
        super(shared);
    }

    void transitGateways() {
        report.kind("transit gateways");
        report.kind("transit gateway attachments");
        report.kind("transit gateway route tables");
        Map<String, Item> tgws = new LinkedHashMap<>();
        for (Item t : items("TransitGateways")) {
            String id = id(t, "TransitGatewayId", "a transit gateway");
            if (id == null) continue;
            if (!state(t, "State", "available")) {
                report.skip(t.at(), "transit gateway '" + id + "'", "state is " + t.str("State") + ", not available");
                continue;
            }
            if (!first(id, "transit gateway", t)) continue;
            tgws.put(id, t);
        }
        // Attachments: describe-transit-gateway-attachments (type, association) and -vpc-attachments (subnets).
        Map<String, Item> generic = new LinkedHashMap<>();
        for (Item a : items("TransitGatewayAttachments")) if (a.str("TransitGatewayAttachmentId") != null) generic.putIfAbsent(a.str("TransitGatewayAttachmentId"), a);
        Map<String, Item> vpcAtt = new LinkedHashMap<>();
        for (Item a : items("TransitGatewayVpcAttachments")) if (a.str("TransitGatewayAttachmentId") != null) vpcAtt.putIfAbsent(a.str("TransitGatewayAttachmentId"), a);
        Set<String> ids = new LinkedHashSet<>(generic.keySet());
        ids.addAll(vpcAtt.keySet());
        Map<String, String> association = new HashMap<>();
        Map<String, List<String>> propagations = new HashMap<>();
        for (var e : byDoc(items("Associations")).entrySet()) {
            String rt = idInFileName(e.getKey(), "tgw-rtb-[0-9a-zA-Z]+");
            for (Item a : e.getValue()) {
                if (a.str("TransitGatewayAttachmentId") == null) continue;
                if (rt == null) {
                    report.skip(a.at(), "transit gateway route table association of '" + a.str("TransitGatewayAttachmentId") + "'",
                            "the file name must contain the route table id (e.g. associations-tgw-rtb-0123.json), or the key name it"
                                    + " (\"Associations:tgw-rtb-0123\")");
                    continue;
                }
                if (state(a, "State", "associated")) association.putIfAbsent(a.str("TransitGatewayAttachmentId"), rt);
            }
        }
        for (var e : byDoc(items("TransitGatewayRouteTablePropagations")).entrySet()) {
            String rt = idInFileName(e.getKey(), "tgw-rtb-[0-9a-zA-Z]+");
            for (Item a : e.getValue()) {
                if (a.str("TransitGatewayAttachmentId") == null) continue;
                if (rt == null) {
                    report.skip(a.at(), "transit gateway route table propagation of '" + a.str("TransitGatewayAttachmentId") + "'",
                            "the file name must contain the route table id (e.g. propagations-tgw-rtb-0123.json), or the key name it"
                                    + " (\"TransitGatewayRouteTablePropagations:tgw-rtb-0123\")");
                    continue;
                }
                if (state(a, "State", "enabled")) propagations.computeIfAbsent(a.str("TransitGatewayAttachmentId"), k -> new ArrayList<>()).add(rt);
            }
        }
        Map<String, List<TransitGateway.Attachment>> attachments = new LinkedHashMap<>();
        for (String id : ids) {
            Item g = generic.get(id);
            Item v = vpcAtt.get(id);
            Item any = v != null ? v : g;
            String tgw = any.str("TransitGatewayId");
            String what = "transit gateway attachment '" + id + "'";
            if (!state(any, "State", "available") || (g != null && !state(g, "State", "available"))) {
                report.skip(any.at(), what, "state is " + (state(any, "State", "available") ? g.str("State") : any.str("State")) + ", not available");
                continue;
            }
            if (!tgws.containsKey(tgw)) {
                report.skip(any.at(), what, "its transit gateway '" + tgw + "' is not in the snapshot");
                continue;
            }
            String type = g != null && g.str("ResourceType") != null ? g.str("ResourceType") : "vpc";
            TransitGateway.Attachment.Type t;
            if (type.equals("vpc")) t = TransitGateway.Attachment.Type.VPC;
            else if (type.equals("vpn")) t = TransitGateway.Attachment.Type.VPN;
            else {
                report.skip(any.at(), what, "attachments of type " + type + " are not modelled (vpc and vpn are)");
                continue;
            }
            String vpc = null;
            List<String> subnetIds = new ArrayList<>();
            List<Cidr> remoteCidrs = new ArrayList<>();
            boolean appliance = false;
            boolean ipv6 = false; // Options.Ipv6Support: off unless "enable" (AWS's default)
            boolean sgReferencing = true; // Options.SecurityGroupReferencingSupport: on unless "disable"
            if (t == TransitGateway.Attachment.Type.VPC) {
                vpc = v != null ? v.str("VpcId") : g.str("ResourceId");
                if (!vpcs.containsKey(vpc)) {
                    report.skip(any.at(), what, "its VPC '" + vpc + "' is not in the snapshot");
                    continue;
                }
                if (v == null) {
                    report.skip(any.at(), what, "its subnets are only in describe-transit-gateway-vpc-attachments output, which is"
                            + " not in the snapshot");
                    continue;
                }
                for (String s : v.strings("SubnetIds")) {
                    if (subnets.containsKey(s)) subnetIds.add(s);
                    else report.skip(v.at("SubnetIds"), "subnet '" + s + "' of " + what, "not in the snapshot");
                }
                Item opt = v.obj("Options");
                appliance = opt != null && "enable".equals(opt.str("ApplianceModeSupport"));
                ipv6 = opt != null && "enable".equals(opt.str("Ipv6Support"));
                sgReferencing = opt == null || !"disable".equals(opt.str("SecurityGroupReferencingSupport"));
            } else {
                remoteCidrs.addAll(vpnRoutes("TransitGatewayId", tgw, g == null ? null : g.str("ResourceId")));
                if (remoteCidrs.isEmpty()) {
                    report.note(any.at(), "VPN " + what, "no describe-vpn-connections routes name the networks behind it: add them"
                            + " in a scenario as external networks");
                }
            }
            String assoc = association.get(id);
            if (assoc == null && g != null) {
                Item as = g.obj("Association");
                if (as != null && state(as, "State", "associated")) assoc = as.str("TransitGatewayRouteTableId");
            }
            if (!first(id, "transit gateway attachment", any)) continue;
            attachments.computeIfAbsent(tgw, k -> new ArrayList<>()).add(new TransitGateway.Attachment(id, t, vpc, subnetIds, assoc,
                    propagations.getOrDefault(id, List.of()), appliance, remoteCidrs, sgReferencing, ipv6));
            kinds.put(id, "transit gateway attachment");
            report.count("transit gateway attachments");
        }
        // Static routes per table from search-transit-gateway-routes (the file name names the table).
        Map<String, List<TransitGateway.TgwRoute>> routes = new HashMap<>();
        int propagated = 0;
        Origin propagatedAt = null;
        for (var e : byDoc(items("Routes")).entrySet()) {
            String rt = idInFileName(e.getKey(), "tgw-rtb-[0-9a-zA-Z]+");
            if (rt == null) {
                report.skip(e.getKey().at(), "routes (" + e.getValue().size() + ")", "a top-level 'Routes' key is"
                        + " search-transit-gateway-routes output: the file name must contain the route table id (e.g. routes-tgw-rtb-0123.json),"
                        + " or the key name it (\"Routes:tgw-rtb-0123\")");
                continue;
            }
            for (Item r : e.getValue()) {
                if ("propagated".equals(r.str("Type"))) {
                    propagated++;
                    propagatedAt = propagatedAt == null ? r.at() : propagatedAt;
                    continue;
                }
                Route.RouteDestination dest = r.str("DestinationCidrBlock") != null
                        ? cidrDest(cidr(r, "DestinationCidrBlock")) : r.str("PrefixListId") != null ? new Route.RouteDestination.PrefixListDestination(r.str("PrefixListId")) : null;
                if (dest == null) continue;
                if ("blackhole".equals(r.str("State"))) {
                    routes.computeIfAbsent(rt, k -> new ArrayList<>()).add(new TransitGateway.TgwRoute(dest, null, true));
                    continue;
                }
                List<Item> to = r.list("TransitGatewayAttachments");
                String att = to.isEmpty() ? null : to.get(0).str("TransitGatewayAttachmentId");
                if (att == null || !"transit gateway attachment".equals(kinds.get(att))) {
                    report.skip(r.at(), "transit gateway route to " + dest + " in '" + rt + "'", "its attachment '" + att + "' is not in the snapshot");
                    continue;
                }
                routes.computeIfAbsent(rt, k -> new ArrayList<>()).add(new TransitGateway.TgwRoute(dest, att, false));
            }
        }
        if (propagated > 0) {
            report.note(propagatedAt, propagated + " propagated transit gateway routes", "derived from the route tables'"
                    + " propagations (get-transit-gateway-route-table-propagations), not read as static routes");
        }
        Map<String, List<TransitGateway.RouteTable>> tables = new LinkedHashMap<>();
        for (Item rt : items("TransitGatewayRouteTables")) {
            String id = id(rt, "TransitGatewayRouteTableId", "a transit gateway route table");
            if (id == null) continue;
            if (!state(rt, "State", "available")) {
                report.skip(rt.at(), "transit gateway route table '" + id + "'", "state is " + rt.str("State") + ", not available");
                continue;
            }
            String tgw = rt.str("TransitGatewayId");
            if (!tgws.containsKey(tgw)) {
                report.skip(rt.at(), "transit gateway route table '" + id + "'", "its transit gateway '" + tgw + "' is not in the snapshot");
                continue;
            }
            if (!first(id, "transit gateway route table", rt)) continue;
            tables.computeIfAbsent(tgw, k -> new ArrayList<>()).add(new TransitGateway.RouteTable(id, routes.getOrDefault(id, List.of())));
            report.count("transit gateway route tables");
        }
        for (var e : tgws.entrySet()) {
            Item t = e.getValue();
            out.add(new TransitGateway(e.getKey(), t.region(), account(t), tables.getOrDefault(e.getKey(), List.of()),
                    attachments.getOrDefault(e.getKey(), List.of())));
            report.count("transit gateways");
        }
    }
}
