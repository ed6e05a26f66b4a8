package io.reachsim.terraform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Amazon VPC Lattice resources as the scenario format's {@code lattice:} section: service networks with
 * their VPC associations (and security groups) and service associations, services with listeners
 * forwarding to target groups, target groups with their targets, and auth policies (an AWS_IAM network
 * or service without one denies).
 */
final class LatticeResources {
    private static final Set<String> SN = Set.of("aws_vpclattice_service_network");
    private static final Set<String> SVC = Set.of("aws_vpclattice_service");
    private static final Set<String> TG = Set.of("aws_vpclattice_target_group");

    private LatticeResources() {}

    static Y.Map convert(Converter c) {
        Values v = c.v;
        Map<String, Y.Map> networks = new LinkedHashMap<>();
        Map<String, Y.Seq> networkServices = new LinkedHashMap<>();
        Map<String, Y.Seq> associations = new LinkedHashMap<>();
        Map<String, String> arnToId = new LinkedHashMap<>();
        for (TfDoc.Res r : c.all("aws_vpclattice_service_network")) {
            String id = v.id(r);
            remember(r, id, arnToId);
            networks.put(id, Y.map(r.node()).put("id", id).put("authType", auth(r)));
            networkServices.put(id, Y.seq(r.node()));
            associations.put(id, Y.seq(r.node()));
        }
        Map<String, Y.Map> services = new LinkedHashMap<>();
        Map<String, Y.Seq> listeners = new LinkedHashMap<>();
        for (TfDoc.Res r : c.all("aws_vpclattice_service")) {
            String id = v.id(r);
            remember(r, id, arnToId);
            services.put(id, Y.map(r.node()).put("id", id).put("authType", auth(r)));
            listeners.put(id, Y.seq(r.node()));
        }
        Map<String, Y.Map> groups = new LinkedHashMap<>();
        Map<String, Y.Seq> targets = new LinkedHashMap<>();
        for (TfDoc.Res r : c.all("aws_vpclattice_target_group")) {
            String id = v.id(r);
            remember(r, id, arnToId);
            String type = String.valueOf(r.values().get("type").str()).toLowerCase(Locale.ROOT);
            if (!type.equals("ip") && !type.equals("instance")) {
                c.report.skip(r.address(), "a Lattice target group of type " + type + " is not modelled (ip and instance are)");
                continue;
            }
            J cfg = r.values().get("config").get(0);
            String vpc = v.refAt(r, List.of("config", 0, "vpc_identifier"), cfg.get("vpc_identifier"), Converter.VPC, true);
            Y.Map m = Y.map(r.node()).put("id", id).put("vpc", vpc).put("type", type);
            if (cfg.get("protocol").str() != null) m.put("protocol", cfg.get("protocol").str());
            if (!cfg.get("port").absent()) m.put("port", cfg.get("port").text());
            groups.put(id, m);
            targets.put(id, Y.seq(r.node()));
        }
        for (TfDoc.Res r : c.all("aws_vpclattice_target_group_attachment")) {
            String tg = id(v.ref(r, "target_group_identifier", TG, true), arnToId);
            J t = r.values().get("target").get(0);
            String target = v.refAt(r, List.of("target", 0, "id"), t.get("id"), Set.of("aws_instance"), true);
            Y.Seq s = targets.get(tg);
            if (s == null || target == null) continue;
            Y.Map m = Y.map(r.node()).put(target.matches("[0-9.]+|.*:.*") ? "ip" : "instance", target);
            if (!t.get("port").absent()) m.put("port", t.get("port").text());
            s.add(m);
        }
        for (TfDoc.Res r : c.all("aws_vpclattice_listener")) {
            String svc = id(v.ref(r, "service_identifier", SVC, true), arnToId);
            Y.Seq s = listeners.get(svc);
            if (s == null) continue;
            List<J> forwards = r.values().get("default_action").get(0).get("forward").get(0).get("target_groups").items();
            if (forwards.isEmpty()) {
                c.report.skip(r.address(), "a listener whose default action is not a forward (a fixed response) is not modelled");
                continue;
            }
            String protocol = String.valueOf(r.values().get("protocol").str()).toUpperCase(Locale.ROOT);
            if (protocol.startsWith("TLS")) protocol = "TLS";
            String tg = id(v.refAt(r, List.of("default_action", 0, "forward", 0, "target_groups", 0, "target_group_identifier"),
                    forwards.get(0).get("target_group_identifier"), TG, true), arnToId);
            if (forwards.size() > 1) c.report.note(r.address() + ": weighted forward to several target groups: the first is modelled");
            Integer port = r.values().get("port").absent() ? (protocol.equals("HTTP") ? 80 : 443) : v.integer(r, r.values().get("port"), "port");
            s.add(Y.map(r.node()).put("protocol", protocol).put("port", String.valueOf(port)).put("targetGroup", tg));
        }
        for (TfDoc.Res r : c.all("aws_vpclattice_service_network_service_association")) {
            String sn = id(v.ref(r, "service_network_identifier", SN, true), arnToId);
            String svc = id(v.ref(r, "service_identifier", SVC, true), arnToId);
            if (networkServices.containsKey(sn) && svc != null) networkServices.get(sn).add(svc, r.node());
        }
        for (TfDoc.Res r : c.all("aws_vpclattice_service_network_vpc_association")) {
            String sn = id(v.ref(r, "service_network_identifier", SN, true), arnToId);
            String vpc = v.ref(r, "vpc_identifier", Converter.VPC, true);
            if (!associations.containsKey(sn) || vpc == null) continue;
            Y.Map a = Y.map(r.node()).put("vpc", vpc);
            List<String> sgs = v.refs(r, "security_group_ids", Converter.SG);
            if (!sgs.isEmpty()) {
                Y.Seq s = Y.seq(r.node());
                sgs.forEach(x -> s.add(x, r.node()));
                a.put("securityGroups", s);
            }
            associations.get(sn).add(a);
        }
        for (TfDoc.Res r : c.all("aws_vpclattice_auth_policy")) {
            String target = id(v.ref(r, "resource_identifier", Set.of("aws_vpclattice_service_network", "aws_vpclattice_service"), true), arnToId);
            Y.Map m = networks.containsKey(target) ? networks.get(target) : services.get(target);
            if (m != null) m.put("authPolicy", "true");
        }
        if (networks.isEmpty() && services.isEmpty() && groups.isEmpty()) return null;
        Y.Map lattice = Y.map(c.top);
        Y.Seq sns = Y.seq(c.top);
        networks.forEach((id, m) -> sns.add(m.put("services", networkServices.get(id)).put("vpcAssociations", associations.get(id))));
        Y.Seq svcs = Y.seq(c.top);
        services.forEach((id, m) -> svcs.add(m.put("listeners", listeners.get(id))));
        Y.Seq tgs = Y.seq(c.top);
        groups.forEach((id, m) -> tgs.add(m.put("targets", targets.get(id))));
        return lattice.put("serviceNetworks", sns).put("services", svcs).put("targetGroups", tgs);
    }

    private static String auth(TfDoc.Res r) {
        String a = r.values().get("auth_type").str();
        return a == null ? "none" : a.toLowerCase(Locale.ROOT);
    }

    /** Lattice resources are referred to by id or ARN: both name the same item. */
    private static void remember(TfDoc.Res r, String id, Map<String, String> arnToId) {
        String arn = Values.known(r, "arn");
        if (arn != null) arnToId.put(arn, id);
    }

    private static String id(String idOrArn, Map<String, String> arnToId) {
        return idOrArn == null ? null : arnToId.getOrDefault(idOrArn, idOrArn);
    }
}
