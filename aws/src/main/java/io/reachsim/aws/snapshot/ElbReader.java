package io.reachsim.aws.snapshot;

import io.reachsim.model.Ip;
import io.reachsim.model.ListenerProtocol;
import io.reachsim.model.LoadBalancer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Elastic Load Balancing v2: load balancers, listeners, target groups and target health (aws elbv2 describe-*). */
final class ElbReader extends FamilyReader {
    ElbReader(FamilyReader shared) {
        super(shared);
    }

    void loadBalancers(Map<String, List<String>> elbInterfaces, Map<String, String> lbByArn, Map<String, Boolean> crossZone) {
        report.kind("load balancers");
        Map<String, Item> groupsByArn = new LinkedHashMap<>();
        for (Item g : items("TargetGroups")) if (g.str("TargetGroupArn") != null) groupsByArn.putIfAbsent(g.str("TargetGroupArn"), g);
        // describe-target-health prints only targets: the file name carries the target group's name.
        Map<String, List<Item>> targets = new HashMap<>();
        for (var e : byDoc(items("TargetHealthDescriptions")).entrySet()) {
            String fileName = e.getKey().parent() != null ? e.getKey().parent()
                    : java.nio.file.Path.of(e.getKey().doc().file).getFileName().toString();
            String best = groupsByArn.containsKey(fileName) ? groupsByArn.get(fileName).str("TargetGroupName") : null;
            for (Item g : best != null ? List.<Item>of() : groupsByArn.values()) {
                String n = g.str("TargetGroupName");
                if (n != null && fileName.contains(n) && (best == null || n.length() > best.length())) best = n;
            }
            if (best == null) {
                report.skip(e.getKey().at(), "target health descriptions (" + e.getValue().size() + ")", "the file name"
                        + " must contain the target group's name (e.g. targets-my-targets.json): describe-target-health does not print it");
                continue;
            }
            targets.computeIfAbsent(best, k -> new ArrayList<>()).addAll(e.getValue());
        }
        Map<String, List<Item>> listeners = new HashMap<>();
        for (Item l : items("Listeners")) {
            // Batfish's LoadBalancerListeners name the load balancer around its listeners (the item's parent)
            String arn = l.str("LoadBalancerArn") != null ? l.str("LoadBalancerArn") : l.parent();
            if (arn != null) listeners.computeIfAbsent(arn, k -> new ArrayList<>()).add(l);
        }
        for (Item lb : items("LoadBalancers")) {
            String name = id(lb, "LoadBalancerName", "a load balancer");
            if (name == null) continue;
            String what = "load balancer '" + name + "'";
            Item st = lb.obj("State");
            if (st != null && !state(st, "Code", "active")) {
                report.skip(lb.at(), what, "state is " + st.str("Code") + ", not active");
                continue;
            }
            String type = lb.str("Type");
            LoadBalancer.Type t = "network".equals(type) ? LoadBalancer.Type.NETWORK : "application".equals(type) ? LoadBalancer.Type.APPLICATION : null;
            if (t == null) {
                report.skip(lb.at(), what, "load balancers of type " + type + " are not modelled (network and application are)");
                continue;
            }
            String vpc = lb.str("VpcId");
            if (!vpcs.containsKey(vpc)) {
                report.skip(lb.at(), what, "its VPC '" + vpc + "' is not in the snapshot");
                continue;
            }
            List<String> lbSubnets = new ArrayList<>();
            for (Item az : lb.list("AvailabilityZones")) if (subnets.containsKey(az.str("SubnetId"))) lbSubnets.add(az.str("SubnetId"));
            List<String> interfaces = elbInterfaces.getOrDefault(name, List.of());
            if (interfaces.isEmpty()) {
                report.skip(lb.at(), what, "its network interfaces (description 'ELB " + (t == LoadBalancer.Type.NETWORK ? "net" : "app")
                        + "/" + name + "/...') are not in describe-network-interfaces output");
                continue;
            }
            List<LoadBalancer.Listener> ls = new ArrayList<>();
            for (Item l : listeners.getOrDefault(lb.str("LoadBalancerArn"), List.of())) {
                LoadBalancer.Listener built = listener(l, what, groupsByArn, targets);
                if (built != null) ls.add(built);
            }
            if (!first(name, "load balancer", lb)) continue;
            List<String> groups = new ArrayList<>();
            for (String g : lb.strings("SecurityGroups")) if (securityGroups.contains(g)) groups.add(g);
            String enforce = lb.str("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic");
            out.add(new LoadBalancer(name, t, "internet-facing".equals(lb.str("Scheme")) ? LoadBalancer.Scheme.INTERNET_FACING
                    : LoadBalancer.Scheme.INTERNAL, vpc, lbSubnets, groups, ls, interfaces, !"off".equals(enforce),
                    crossZone.getOrDefault(lb.str("LoadBalancerArn"), t == LoadBalancer.Type.APPLICATION)));
            lbByArn.put(lb.str("LoadBalancerArn"), name);
            report.count("load balancers");
        }
    }

    LoadBalancer.Listener listener(Item l, String lb, Map<String, Item> groups, Map<String, List<Item>> targets) {
        ListenerProtocol p;
        try {
            p = ListenerProtocol.valueOf(String.valueOf(l.str("Protocol")));
        } catch (IllegalArgumentException e) {
            report.skip(l.at(), "listener of " + lb, "protocol " + l.str("Protocol") + " is not modelled");
            return null;
        }
        int port = l.node().path("Port").asInt(0);
        String tgArn = null;
        for (Item a : l.list("DefaultActions")) {
            if (!"forward".equals(a.str("Type"))) continue;
            tgArn = a.str("TargetGroupArn");
            Item fc = a.obj("ForwardConfig");
            if (tgArn == null && fc != null && !fc.list("TargetGroups").isEmpty()) tgArn = fc.list("TargetGroups").get(0).str("TargetGroupArn");
        }
        if (tgArn == null || !groups.containsKey(tgArn)) {
            report.skip(l.at(), "listener " + p + ":" + port + " of " + lb, tgArn == null ? "its default action does not forward to a target group"
                    : "its target group is not in describe-target-groups output");
            return null;
        }
        Item g = groups.get(tgArn);
        int tgPort = g.node().path("Port").asInt(port);
        List<LoadBalancer.Target> ts = new ArrayList<>();
        for (Item d : targets.getOrDefault(g.str("TargetGroupName"), List.of())) {
            Item t = d.obj("Target");
            Item h = d.obj("TargetHealth");
            if (t == null || t.str("Id") == null) continue;
            String hs = h == null ? null : h.str("State");
            if ("draining".equals(hs) || "unused".equals(hs)) {
                report.skip(d.at(), "target " + t.str("Id") + " of " + g.str("TargetGroupName"), "its health state is " + hs + ": it gets no new connections");
                continue;
            }
            int tp = t.node().path("Port").asInt(tgPort);
            String id = t.str("Id");
            if (id.startsWith("i-")) {
                if (!"instance".equals(kinds.get(id))) {
                    report.skip(d.at(), "target " + id + " of " + g.str("TargetGroupName"), "the instance is not in the snapshot (or not running)");
                    continue;
                }
                ts.add(new LoadBalancer.Target(id, null, tp));
            } else {
                Ip ip = ip(t, "Id");
                if (ip != null) ts.add(new LoadBalancer.Target(null, ip, tp));
            }
        }
        if (ts.isEmpty()) {
            report.note(l.at(), "listener " + p + ":" + port + " of " + lb, "its target group " + g.str("TargetGroupName") + " has no targets"
                    + " in the snapshot (save aws elbv2 describe-target-health as targets-" + g.str("TargetGroupName") + ".json)");
        }
        return new LoadBalancer.Listener(p, port, ts);
    }
}
