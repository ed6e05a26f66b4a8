package io.reachsim.aws.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.load.LoadError;
import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;
import io.reachsim.model.Lattice;
import io.reachsim.model.ListenerProtocol;
import io.reachsim.model.Origin;
import io.reachsim.model.PrefixList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** VPC Lattice service networks, services, listeners and target groups (aws vpc-lattice list-*, get-*). */
final class LatticeReader extends FamilyReader {
    private static final Cidr LATTICE_V4 = Cidr.parse("169.254.171.0/24");
    private static final Cidr LATTICE_V6 = Cidr.parse("fd00:ec2:80::/64");

    LatticeReader(FamilyReader shared) {
        super(shared);
    }

    void lattice() {
        if (lattice.isEmpty()) return;
        report.kind("Lattice service networks");
        report.kind("Lattice services");
        report.kind("Lattice target groups");
        // list-* items and get-* documents of one resource are merged by id (get-* has more fields).
        Map<String, Map<String, JsonNode>> byId = new LinkedHashMap<>();
        Map<String, Item> firstSeen = new HashMap<>();
        List<Item> targetItems = new ArrayList<>();
        for (Item i : lattice) {
            String id = i.str("id");
            if (id == null) {
                errors.add(new LoadError(i.at(), "a vpc-lattice item without 'id'"));
                continue;
            }
            if (!id.matches("(sn|snva|snsa|svc|listener|tg)-[0-9a-zA-Z]+")) {
                targetItems.add(i);
                continue;
            }
            Map<String, JsonNode> merged = byId.computeIfAbsent(id, k -> new LinkedHashMap<>());
            i.node().fields().forEachRemaining(f -> merged.putIfAbsent(f.getKey(), f.getValue()));
            firstSeen.putIfAbsent(id, i);
        }
        Map<String, List<Lattice.Target>> targets = new HashMap<>();
        for (var e : byDoc(targetItems).entrySet()) {
            String tg = idInFileName(e.getKey(), "tg-[0-9a-zA-Z]+");
            for (Item t : e.getValue()) {
                if (tg == null) {
                    report.skip(t.at(), "vpc-lattice item '" + t.str("id") + "'", "not a Lattice id (sn-, snva-, snsa-, svc-, listener-, tg-);"
                            + " if it is a list-targets target, the file name must contain the target group id (e.g. targets-tg-0123.json)");
                    continue;
                }
                if (state(t, "status", "DRAINING", "UNUSED")) {
                    if (t.str("status") != null) {
                        report.skip(t.at(), "Lattice target " + t.str("id") + " of " + tg, "status is " + t.str("status"));
                        continue;
                    }
                }
                int port = t.node().path("port").asInt(0);
                String id = t.str("id");
                if (id.startsWith("i-")) targets.computeIfAbsent(tg, k -> new ArrayList<>()).add(new Lattice.Target(id, null, port));
                else {
                    Ip ip = ip(t, "id");
                    if (ip != null) targets.computeIfAbsent(tg, k -> new ArrayList<>()).add(new Lattice.Target(null, ip, port));
                }
            }
        }
        Map<String, List<String>> servicesOf = new LinkedHashMap<>();
        Map<String, List<Lattice.VpcAssociation>> vpcsOf = new LinkedHashMap<>();
        Map<String, List<Lattice.Listener>> listenersOf = new LinkedHashMap<>();
        for (var e : byId.entrySet()) {
            String id = e.getKey();
            Map<String, JsonNode> m = e.getValue();
            Item at = firstSeen.get(id);
            if (id.startsWith("snsa-")) {
                if (!active(m, at, "service network service association '" + id + "'")) continue;
                if (text(m, "serviceNetworkId") == null || text(m, "serviceId") == null) {
                    report.skip(at.at(), "service network service association '" + id + "'", "it names no serviceNetworkId or serviceId");
                    continue;
                }
                servicesOf.computeIfAbsent(text(m, "serviceNetworkId"), k -> new ArrayList<>()).add(text(m, "serviceId"));
            } else if (id.startsWith("snva-")) {
                if (!active(m, at, "service network VPC association '" + id + "'")) continue;
                String vpc = text(m, "vpcId");
                if (!vpcs.containsKey(vpc)) {
                    report.skip(at.at(), "service network VPC association '" + id + "'", "its VPC '" + vpc + "' is not in the snapshot");
                    continue;
                }
                List<String> sgs = new ArrayList<>();
                JsonNode g = m.get("securityGroupIds");
                if (g != null && g.isArray()) for (JsonNode n : g) if (securityGroups.contains(n.asText())) sgs.add(n.asText());
                if (g == null) {
                    report.note(at.at(), "service network VPC association '" + id + "'", "its security groups are only in"
                            + " get-service-network-vpc-association output; none are assumed");
                }
                if (text(m, "serviceNetworkId") == null) {
                    report.skip(at.at(), "service network VPC association '" + id + "'", "it names no serviceNetworkId");
                    continue;
                }
                vpcsOf.computeIfAbsent(text(m, "serviceNetworkId"), k -> new ArrayList<>()).add(new Lattice.VpcAssociation(vpc, sgs));
            } else if (id.startsWith("listener-")) {
                ListenerProtocol p;
                try {
                    // Lattice's TLS_PASSTHROUGH listener carries TLS to the targets unterminated.
                    String proto = String.valueOf(text(m, "protocol"));
                    p = ListenerProtocol.valueOf(proto.equals("TLS_PASSTHROUGH") ? "TLS" : proto);
                } catch (IllegalArgumentException ex) {
                    report.skip(at.at(), "Lattice listener '" + id + "'", "protocol " + text(m, "protocol") + " is not modelled");
                    continue;
                }
                String tg = null;
                JsonNode fwd = m.containsKey("defaultAction") ? m.get("defaultAction").path("forward").path("targetGroups") : null;
                if (fwd != null && fwd.isArray() && fwd.size() > 0) tg = fwd.get(0).path("targetGroupIdentifier").asText(null);
                if (tg == null) {
                    report.skip(at.at(), "Lattice listener '" + id + "'", "its default action does not forward to a target group"
                            + " (or only list-listeners output was saved: get-listener prints the action)");
                    continue;
                }
                if (tg.contains("/")) tg = tg.substring(tg.lastIndexOf('/') + 1);
                // list-listeners items carry no serviceId; their ARN (.../service/svc-…/listener/listener-…) names it.
                String service = text(m, "serviceId");
                String arn = text(m, "arn");
                if (service == null && arn != null) {
                    java.util.regex.Matcher sm = java.util.regex.Pattern.compile("/(svc-[0-9a-zA-Z]+)/").matcher(arn);
                    if (sm.find()) service = sm.group(1);
                }
                if (service == null) {
                    report.skip(at.at(), "Lattice listener '" + id + "'", "it names no serviceId (and its ARN no service)");
                    continue;
                }
                listenersOf.computeIfAbsent(service, k -> new ArrayList<>())
                        .add(new Lattice.Listener(p, m.containsKey("port") ? m.get("port").asInt() : 0, tg));
            }
        }
        List<Lattice.ServiceNetwork> networks = new ArrayList<>();
        List<Lattice.Service> services = new ArrayList<>();
        List<Lattice.TargetGroup> groups = new ArrayList<>();
        for (var e : byId.entrySet()) {
            String id = e.getKey();
            Map<String, JsonNode> m = e.getValue();
            Item at = firstSeen.get(id);
            if (id.startsWith("sn-")) {
                if (!first(id, "Lattice service network", at)) continue;
                networks.add(new Lattice.ServiceNetwork(id, auth(m, at, id), false, servicesOf.getOrDefault(id, List.of()),
                        vpcsOf.getOrDefault(id, List.of())));
                report.count("Lattice service networks");
            } else if (id.startsWith("svc-")) {
                if (!active(m, at, "Lattice service '" + id + "'") || !first(id, "Lattice service", at)) continue;
                services.add(new Lattice.Service(id, auth(m, at, id), false, listenersOf.getOrDefault(id, List.of())));
                report.count("Lattice services");
            } else if (id.startsWith("tg-")) {
                String type = text(m, "type");
                Lattice.TargetGroup.TargetType t = "IP".equals(type) ? Lattice.TargetGroup.TargetType.IP
                        : "INSTANCE".equals(type) ? Lattice.TargetGroup.TargetType.INSTANCE : null;
                if (t == null) {
                    report.skip(at.at(), "Lattice target group '" + id + "'", "targets of type " + type + " are not modelled (IP and INSTANCE are)");
                    continue;
                }
                JsonNode config = m.get("config");
                String vpc = config == null ? text(m, "vpcIdentifier") : config.path("vpcIdentifier").asText(null);
                if (!vpcs.containsKey(vpc)) {
                    report.skip(at.at(), "Lattice target group '" + id + "'", vpc == null ? "its config (get-target-group output) is not in the snapshot"
                            : "its VPC '" + vpc + "' is not in the snapshot");
                    continue;
                }
                ListenerProtocol p;
                try {
                    p = ListenerProtocol.valueOf(config == null ? text(m, "protocol") : config.path("protocol").asText("HTTP"));
                } catch (IllegalArgumentException | NullPointerException ex) {
                    p = ListenerProtocol.HTTP;
                }
                int port = config == null ? (m.containsKey("port") ? m.get("port").asInt() : 0) : config.path("port").asInt(0);
                if (!first(id, "Lattice target group", at)) continue;
                groups.add(new Lattice.TargetGroup(id, vpc, t, p, port, targets.getOrDefault(id, List.of())));
                report.count("Lattice target groups");
            }
        }
        String pl = null;
        String wanted = "com.amazonaws." + defaultRegion + ".vpc-lattice";
        for (PrefixList p : out.prefixLists) if (p.name().equals(wanted)) pl = p.id();
        if (pl == null) {
            pl = "pl-vpc-lattice";
            out.add(new PrefixList(pl, wanted, List.of(LATTICE_V4, LATTICE_V6)));
            report.note(new Origin(source, 0, 0), "Lattice prefix list", "no prefix list named " + wanted + " was read; "
                    + pl + " with " + LATTICE_V4 + " and " + LATTICE_V6 + " stands for it");
        }
        boolean iam = networks.stream().anyMatch(n -> n.authType() == Lattice.AuthType.AWS_IAM)
                || services.stream().anyMatch(s -> s.authType() == Lattice.AuthType.AWS_IAM);
        if (iam) {
            report.note(new Origin(source, 0, 0), "Lattice auth policies", "not read (get-auth-policy): AWS_IAM service networks and"
                    + " services are treated as having no policy, which denies every request");
        }
        out.lattice(new Lattice(pl, networks, services, groups));
    }

    boolean active(Map<String, JsonNode> m, Item at, String what) {
        String s = text(m, "status");
        if (s == null || s.equals("ACTIVE")) return true;
        report.skip(at.at(), what, "status is " + s + ", not ACTIVE");
        return false;
    }

    Lattice.AuthType auth(Map<String, JsonNode> m, Item at, String id) {
        String a = text(m, "authType");
        if (a == null) {
            report.note(at.at(), "auth type of '" + id + "'", "only in get-* output; NONE is assumed");
            return Lattice.AuthType.NONE;
        }
        return "AWS_IAM".equals(a) ? Lattice.AuthType.AWS_IAM : Lattice.AuthType.NONE;
    }

    static String text(Map<String, JsonNode> m, String field) {
        JsonNode v = m.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
