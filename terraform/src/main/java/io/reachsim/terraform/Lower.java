package io.reachsim.terraform;

import io.reachsim.model.Route;
import io.reachsim.model.RouteTable;
import io.reachsim.model.RouteTarget;
import io.reachsim.model.SecurityGroup;
import io.reachsim.model.SgRule;

/**
 * Items of the layer below that a plan adds to without redefining them (an {@code aws_route} in a snapshot's
 * route table, an {@code aws_security_group_rule} in a snapshot's group): copied into the plan's layer with
 * what they hold, so the plan's additions merge with it and the copy replaces the original.
 */
final class Lower {
    private Lower() {}

    /** The rule lists of group {@code id} of the layer below, now part of this layer; null (reported) when there is none. */
    static Y.Seq[] group(Converter c, String id, TfDoc.Res by) {
        SecurityGroup g = c.below == null ? null : c.below.securityGroup(id).orElse(null);
        if (g == null) {
            c.report.skip(by.address(), "security group " + id + " is neither in this plan nor in the layers below");
            return null;
        }
        J at = by.node();
        Y.Map m = Y.map(at).put("id", g.id()).put("vpc", g.vpc());
        if (g.name() != null) m.put("name", g.name());
        c.sgs.put(id, m);
        Y.Seq[] rules = {Y.seq(at), Y.seq(at)};
        g.ingress().forEach(r -> rules[0].add(rule(r, "source", at)));
        g.egress().forEach(r -> rules[1].add(rule(r, "destination", at)));
        c.sgRules.put(id, rules);
        c.report.note(by.address() + ": adds to " + id + " of the layer below");
        return rules;
    }

    private static Y.Map rule(SgRule r, String peerField, J at) {
        Y.Map m = Y.map(at).put("protocol", r.protocol().toString());
        if (r.ports() != null) m.put("ports", r.ports().from() == r.ports().to() ? String.valueOf(r.ports().from())
                : r.ports().from() + "-" + r.ports().to());
        if (r.icmpType() >= 0) m.put("icmpType", String.valueOf(r.icmpType()));
        if (r.icmpType() >= 0 && r.icmpCode() >= 0) m.put("icmpCode", String.valueOf(r.icmpCode()));
        return m.put(peerField, r.peer().toString());
    }

    /** Route table {@code id} of the layer below, now part of this layer (its routes first); null when there is none. */
    static Y.Map routeTable(Converter c, String id) {
        RouteTable t = c.below == null ? null : c.below.routeTable(id).orElse(null);
        if (t == null) {
            c.report.skip("routes of " + id, "route table " + id + " is neither in this plan nor in the layers below");
            return null;
        }
        J at = c.top;
        Y.Map m = Y.map(at).put("id", t.id()).put("vpc", t.vpc());
        Y.Seq routes = Y.seq(at);
        for (Route r : t.routes()) {
            if (r.target() instanceof RouteTarget.Local) continue;
            // gateway endpoint routes come back from the endpoint's own route tables
            if (r.target() instanceof RouteTarget.VpcEndpoint) continue;
            Y.Map route = Y.map(at);
            if (r.destination() instanceof Route.RouteDestination.PrefixListDestination p) route.put("destinationPrefixList", p.prefixListId());
            else route.put("destination", r.destination().toString());
            routes.add(route.put("target", r.target().id()));
        }
        Y.Seq added = c.routes.get(id);
        if (added != null) routes.items.addAll(added.items);
        c.routes.put(id, routes);
        if (!t.propagatingVgws().isEmpty()) {
            Y.Seq p = c.propagations.computeIfAbsent(id, k -> Y.seq(at));
            t.propagatingVgws().forEach(v -> p.add(v, at));
        }
        if (t.main()) c.mainTable.putIfAbsent(t.vpc(), id);
        c.routeTables.put(id, m);
        return m;
    }
}
