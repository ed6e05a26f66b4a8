package io.reachsim.terraform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Transit gateways: route tables, VPC attachments, associations, propagations and static routes. A
 * transit gateway with default association/propagation enabled (AWS's default) has a default route table
 * that attachments join unless their {@code transit_gateway_default_route_table_*} says false.
 */
final class TransitGateways {
    private static final Set<String> TGW = Set.of("aws_ec2_transit_gateway");
    private static final Set<String> TGW_RT = Set.of("aws_ec2_transit_gateway_route_table");
    private static final Set<String> ATTACH = Set.of("aws_ec2_transit_gateway_vpc_attachment");

    private TransitGateways() {}

    static void convert(Converter c, Y.Seq out) {
        Values v = c.v;
        record Tgw(TfDoc.Res res, String defaultRt, boolean assoc, boolean prop) {}
        Map<String, Tgw> tgws = new LinkedHashMap<>();
        Map<String, Map<String, Y.Seq>> tables = new LinkedHashMap<>();
        for (TfDoc.Res r : c.all("aws_ec2_transit_gateway")) {
            String id = v.id(r);
            boolean assoc = !"disable".equals(r.values().get("default_route_table_association").str());
            boolean prop = !"disable".equals(r.values().get("default_route_table_propagation").str());
            String known = Values.known(r, "association_default_route_table_id");
            String rt = known != null ? known : id + "-default-rt";
            tgws.put(id, new Tgw(r, rt, assoc, prop));
            Map<String, Y.Seq> t = tables.computeIfAbsent(id, k -> new LinkedHashMap<>());
            if (assoc || prop) t.put(rt, Y.seq(r.node()));
        }
        Map<String, String> rtTgw = new HashMap<>();
        for (TfDoc.Res r : c.all("aws_ec2_transit_gateway_route_table")) {
            String tgw = v.ref(r, "transit_gateway_id", TGW, true);
            if (tgw == null) continue;
            if (!tables.containsKey(tgw)) {
                c.report.skip(r.address(), "transit gateway " + tgw + " is not in this plan");
                continue;
            }
            tables.get(tgw).put(v.id(r), Y.seq(r.node()));
            rtTgw.put(v.id(r), tgw);
        }
        tgws.forEach((id, t) -> rtTgw.put(t.defaultRt(), id));
        Map<String, Y.Map> attachments = new LinkedHashMap<>();
        Map<String, String> attTgw = new HashMap<>();
        Map<String, List<String>> props = new HashMap<>();
        for (TfDoc.Res r : c.all("aws_ec2_transit_gateway_vpc_attachment")) {
            String tgw = v.ref(r, "transit_gateway_id", TGW, true);
            String vpc = v.ref(r, "vpc_id", Converter.VPC, true);
            if (tgw == null || vpc == null) continue;
            Tgw t = tgws.get(tgw);
            if (t == null) {
                c.report.skip(r.address(), "transit gateway " + tgw + " is not in this plan");
                continue;
            }
            String id = v.id(r);
            Y.Seq subnets = Y.seq(r.node());
            v.refs(r, "subnet_ids", Converter.SUBNET).forEach(s -> subnets.add(s, r.node()));
            Y.Map m = Y.map(r.node()).put("id", id).put("vpc", vpc).put("subnets", subnets);
            if ("enable".equals(r.values().get("appliance_mode_support").str())) m.put("applianceMode", "true");
            if (t.assoc() && r.values().get("transit_gateway_default_route_table_association").bool(true)) m.put("association", t.defaultRt());
            if (t.prop() && r.values().get("transit_gateway_default_route_table_propagation").bool(true)) {
                props.computeIfAbsent(id, k -> new ArrayList<>()).add(t.defaultRt());
            }
            attachments.put(id, m);
            attTgw.put(id, tgw);
        }
        for (TfDoc.Res r : c.all("aws_ec2_transit_gateway_route_table_association")) {
            String att = v.ref(r, "transit_gateway_attachment_id", ATTACH, true);
            String rt = v.ref(r, "transit_gateway_route_table_id", TGW_RT, true);
            Y.Map m = attachments.get(att);
            if (m == null || rt == null) continue;
            m.tuples.removeIf(t -> ((org.yaml.snakeyaml.nodes.ScalarNode) t.getKeyNode()).getValue().equals("association"));
            m.put("association", rt, r.node());
        }
        for (TfDoc.Res r : c.all("aws_ec2_transit_gateway_route_table_propagation")) {
            String att = v.ref(r, "transit_gateway_attachment_id", ATTACH, true);
            String rt = v.ref(r, "transit_gateway_route_table_id", TGW_RT, true);
            if (attachments.containsKey(att) && rt != null) props.computeIfAbsent(att, k -> new ArrayList<>()).add(rt);
        }
        for (TfDoc.Res r : c.all("aws_ec2_transit_gateway_route")) {
            String rt = v.ref(r, "transit_gateway_route_table_id", TGW_RT, true);
            String cidr = v.required(r, "destination_cidr_block");
            String tgw = rtTgw.get(rt);
            if (rt == null || cidr == null || tgw == null) continue;
            Y.Map m = Y.map(r.node()).put("destination", cidr, r.values().get("destination_cidr_block"));
            if (r.values().get("blackhole").bool(false)) m.put("blackhole", "true");
            else m.put("attachment", v.ref(r, "transit_gateway_attachment_id", ATTACH, true));
            tables.get(tgw).get(rt).add(m);
        }
        tgws.forEach((id, t) -> {
            Y.Map m = Y.map(t.res().node()).put("id", id);
            Y.Seq rts = Y.seq(t.res().node());
            tables.get(id).forEach((rt, routes) -> rts.add(Y.map(t.res().node()).put("id", rt).put("routes", routes)));
            m.put("routeTables", rts);
            Y.Seq atts = Y.seq(t.res().node());
            attachments.forEach((aid, a) -> {
                if (!id.equals(attTgw.get(aid))) return;
                List<String> p = props.getOrDefault(aid, List.of());
                if (!p.isEmpty()) {
                    Y.Seq ps = Y.seq(a.at);
                    p.forEach(x -> ps.add(x, a.at));
                    a.put("propagations", ps);
                }
                atts.add(a);
            });
            m.put("attachments", atts);
            out.add(m);
        });
    }
}
