package io.reachsim.feed;

import io.reachsim.compile.Fabric;
import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.model.Subnet;
import io.reachsim.trace.Detail;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.Tracer;
import io.reachsim.verdict.FlowExpander;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the traces of one network's expectations and, on a change, traces again only the flows the
 * change can have affected (see {@link Impact}): a flow whose previous trace touched a changed
 * component, whose route lookup a changed route could now win or lose, or which is new. Expansion is
 * redone when anything it reads changed (DNS-like decisions such as the EKS endpoint depend on it), and
 * kept for changes of routes, security groups and network ACLs only.
 * Not thread-safe; one per stream task.
 */
public final class Rechecker {

    /** The flows of one expectation now, or why it does not expand. */
    public record Checked(List<FlowResult> results, List<FlowVerdict> verdicts, boolean passed, String error) {}

    /** One flow whose verdict changed. */
    public record Change(Watched watched, int flowIndex, int flowCount, FlowVerdict before, FlowVerdict after,
                         FlowResult result, boolean passedBefore, boolean passedAfter) {}

    /** What an update did: the changes and how many flows were traced of how many. */
    public record Update(List<Change> changes, int traced, int total) {}

    private final List<Watched> watched;
    private Network network;
    private Fabric fabric;
    private final Map<String, Checked> checked = new LinkedHashMap<>();
    /** Each expectation's flows (or why it does not expand), reused while nothing expansion reads has changed. */
    private final Map<String, Object> expanded = new HashMap<>();

    public Rechecker(Network network, List<Watched> watched) {
        this.watched = List.copyOf(watched);
        this.network = network;
        this.fabric = Fabric.compile(network);
        Tracer tracer = new Tracer(fabric);
        FlowExpander expander = new FlowExpander(fabric);
        for (Watched w : watched) checked.put(w.id(), check(w, expander, tracer, null, null));
    }

    public Network network() {
        return network;
    }

    public List<Watched> watched() {
        return watched;
    }

    public Checked checked(String watchedId) {
        return checked.get(watchedId);
    }

    /** Moves to {@code after}, re-tracing what {@code impact} can have changed; returns the verdict changes. */
    public Update update(Network after, Impact impact) {
        Fabric f = Fabric.compile(after);
        Tracer tracer = new Tracer(f);
        Map<String, String> index = impact.everything() || impact.isEmpty() ? Map.of() : vpcIndex(network);
        // Most changes name no VPC: then the VPC of every hop need not be looked up.
        Map<String, String> vpcOf = impact.components().stream().anyMatch(index::containsValue) ? index : Map.of();
        // Expansion reads instances, interfaces, subnets, gateways, endpoints, clusters, pods and services, not
        // routes, groups or ACLs: a change of those alone keeps every expectation's flows.
        FlowExpander expander = impact.everything() || expansionInputsChanged(network, after) ? new FlowExpander(f) : null;
        List<Change> changes = new ArrayList<>();
        int[] traced = {0};
        int total = 0;
        for (Watched w : watched) {
            Checked old = checked.get(w.id());
            // Same flows (not re-expanded) and none of them affected: the expectation stands as it was.
            if (expander == null && old != null && !impact.everything() && (old.error() != null || !anyAffected(old, impact, vpcOf))) {
                total += old.results().size();
                continue;
            }
            Checked now = check(w, expander, tracer, old, previous -> {
                boolean again = previous == null || impact.everything() || affected(previous, impact, vpcOf);
                if (again) traced[0]++;
                return !again;
            });
            total += now.results().size();
            checked.put(w.id(), now);
            diff(w, old, now, changes);
        }
        this.network = after;
        this.fabric = f;
        return new Update(changes, traced[0], total);
    }

    /** Decides whether the previous result of the same flow (null: none) can be kept. */
    private interface Reuse {
        boolean keep(FlowResult previous);
    }

    private Checked check(Watched w, FlowExpander expander, Tracer tracer, Checked old, Reuse reuse) {
        Expectation e = w.expectation();
        Object x = expander == null ? expanded.get(w.id()) : expand(expander, e);
        if (expander != null) expanded.put(w.id(), x);
        if (x instanceof String why) return new Checked(List.of(), List.of(FlowVerdict.unresolved(why)), false, why);
        @SuppressWarnings("unchecked")
        List<Flow> flows = (List<Flow>) x;
        Map<Flow, Integer> previous = new HashMap<>();
        if (old != null) for (int i = 0; i < old.results().size(); i++) previous.put(old.results().get(i).flow(), i);
        List<FlowResult> results = new ArrayList<>(flows.size());
        List<FlowVerdict> verdicts = new ArrayList<>(flows.size());
        boolean passed = !flows.isEmpty();
        for (Flow flow : flows) {
            Integer at = previous.get(flow);
            FlowResult r;
            FlowVerdict v;
            if (at != null && reuse != null && reuse.keep(old.results().get(at))) {
                r = old.results().get(at);
                v = old.verdicts().get(at);
            } else {
                if (reuse != null && at == null) reuse.keep(null);
                r = tracer.trace(flow);
                v = FlowVerdict.of(r, io.reachsim.verdict.SuiteRunner.passes(e, r));
            }
            passed &= v.passed();
            results.add(r);
            verdicts.add(v);
        }
        return new Checked(results, verdicts, passed, null);
    }

    /** The flows of {@code e}, or the reason it does not expand. */
    private static Object expand(FlowExpander expander, Expectation e) {
        try {
            return List.copyOf(expander.expand(e));
        } catch (RuntimeException ex) {
            return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        }
    }

    /** Whether anything but route tables, security groups and network ACLs differs between the two networks. */
    static boolean expansionInputsChanged(Network before, Network after) {
        if (before == after) return false;
        for (java.lang.reflect.RecordComponent c : Network.class.getRecordComponents()) {
            String n = c.getName();
            if (n.equals("routeTables") || n.equals("securityGroups") || n.equals("networkAcls")) continue;
            try {
                Object a = c.getAccessor().invoke(before);
                Object b = c.getAccessor().invoke(after);
                if (a != b && !java.util.Objects.equals(a, b)) return true;
            } catch (ReflectiveOperationException ex) {
                return true;
            }
        }
        return false;
    }

    private static void diff(Watched w, Checked old, Checked now, List<Change> out) {
        int n = Math.max(old.verdicts().size(), now.verdicts().size());
        for (int i = 0; i < n; i++) {
            FlowVerdict before = i < old.verdicts().size() ? old.verdicts().get(i) : null;
            FlowVerdict after = i < now.verdicts().size() ? now.verdicts().get(i) : null;
            if (after == null || after.equals(before)) continue;
            FlowResult r = i < now.results().size() ? now.results().get(i) : null;
            out.add(new Change(w, i, now.verdicts().size(), before, after, r, old.passed(), now.passed()));
        }
    }

    private static boolean anyAffected(Checked c, Impact impact, Map<String, String> vpcOf) {
        for (FlowResult r : c.results()) if (affected(r, impact, vpcOf)) return true;
        return false;
    }

    // ---- what a trace touched ----

    /**
     * Whether a change can have altered this trace: it touched (as component, subnet, evaluated security
     * group or network ACL, or the VPC of any of those) an id the change names, or looked up a
     * destination in a route table where a changed route's block covers it. A trace that crossed the
     * internet also depends on "internet" (which gateway owns a public address, and what stands behind
     * it). Scanned hop by hop without building sets: this runs for every flow on every change.
     */
    static boolean affected(FlowResult r, Impact impact, Map<String, String> vpcOf) {
        Set<String> c = impact.components();
        if (c.contains("internet") && crossesInternet(r)) return true;
        if (r.drop() != null) {
            if (c.contains(r.drop().component())) return true;
            // A routing loop is dropped without a hop of its own; its last lookup counts.
            if (r.drop().detail() instanceof Detail.RouteLookup rl && covered(rl, impact)) return true;
        }
        for (Hop h : r.hops()) {
            if (touches(h.component(), c, vpcOf) || (h.subnet() != null && touches(h.subnet(), c, vpcOf))) return true;
            Detail d = h.detail();
            if (d instanceof Detail.SecurityGroupCheck sg) {
                for (String g : sg.groups()) if (c.contains(g)) return true;
            } else if (d instanceof Detail.AclCheck acl) {
                if (c.contains(acl.acl())) return true;
            } else if (d instanceof Detail.RouteLookup rl) {
                if (covered(rl, impact)) return true;
            }
        }
        return false;
    }

    private static boolean touches(String id, Set<String> changed, Map<String, String> vpcOf) {
        if (changed.contains(id)) return true;
        String vpc = vpcOf.get(id);
        return vpc != null && changed.contains(vpc);
    }

    private static boolean covered(Detail.RouteLookup l, Impact impact) {
        List<io.reachsim.model.Cidr> blocks = impact.routes().get(l.routeTable());
        if (blocks == null) return false;
        for (io.reachsim.model.Cidr b : blocks) if (b.contains(l.destination())) return true;
        return false;
    }

    private static boolean crossesInternet(FlowResult r) {
        if (!(r.flow().source() instanceof FlowEnd.AtInterface || r.flow().source() instanceof FlowEnd.AtSubnetHost)) return true;
        if (!(r.flow().destination() instanceof FlowEnd.AtInterface || r.flow().destination() instanceof FlowEnd.AtSubnetHost)) return true;
        for (Hop h : r.hops()) {
            switch (h.kind()) {
                case INTERNET, INTERNET_GATEWAY, EGRESS_ONLY_INTERNET_GATEWAY, NAT_GATEWAY, VPN_GATEWAY, EKS_API -> {
                    return true;
                }
                default -> { }
            }
        }
        return false;
    }

    /** The VPC of every subnet and gateway of a network, built once per network (the model's look-ups are linear scans). */
    private Map<String, String> vpcIndex(Network n) {
        if (vpcIndexOf == n) return vpcIndex;
        Map<String, String> m = new HashMap<>();
        for (Subnet s : n.subnets()) m.put(s.id(), s.vpc());
        n.internetGateways().forEach(g -> m.put(g.id(), g.vpc()));
        n.egressOnlyInternetGateways().forEach(g -> m.put(g.id(), g.vpc()));
        n.vpnGateways().forEach(g -> m.put(g.id(), g.vpc()));
        for (var g : n.natGateways()) {
            String vpc = m.get(g.subnet());
            if (vpc != null) m.put(g.id(), vpc);
        }
        vpcIndexOf = n;
        vpcIndex = m;
        return m;
    }

    private Network vpcIndexOf;
    private Map<String, String> vpcIndex;
}
