package io.reachsim.feed;

import io.reachsim.compile.Fabric;
import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.model.Subnet;
import io.reachsim.trace.Detail;
import io.reachsim.trace.Disposition;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.Tracer;
import io.reachsim.verdict.FlowExpander;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the traces of one network's expectations and, on a change, traces again only the flows the
 * change can have affected (see {@link Impact}): a flow whose previous trace touched a changed
 * component, whose route lookup a changed route could now win or lose, or which is new (expansion is
 * redone on every change: it is cheap, and DNS-like decisions such as the EKS endpoint depend on it).
 * Not thread-safe; one per stream task.
 */
public final class Rechecker {

    /** The flows of one expectation now, or why it does not expand. */
    public record Checked(List<FlowResult> results, List<FlowVerdict> verdicts, boolean passed, String error,
                          List<Footprint> footprints) {}

    /** One flow whose verdict changed. */
    public record Change(Watched watched, int flowIndex, int flowCount, FlowVerdict before, FlowVerdict after,
                         FlowResult result, boolean passedBefore, boolean passedAfter) {}

    /** What an update did: the changes and how many flows were traced of how many. */
    public record Update(List<Change> changes, int traced, int total) {}

    private final List<Watched> watched;
    private Network network;
    private Fabric fabric;
    private final Map<String, Checked> checked = new LinkedHashMap<>();

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
        FlowExpander expander = new FlowExpander(f);
        List<Change> changes = new ArrayList<>();
        int[] traced = {0};
        int total = 0;
        for (Watched w : watched) {
            Checked old = checked.get(w.id());
            Checked now = check(w, expander, tracer, old, fp -> {
                boolean again = fp == null || impact.everything() || affected(fp, impact);
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

    /** Decides whether the previous result of the same flow (its footprint; null: none) can be kept. */
    private interface Reuse {
        boolean keep(Footprint previous);
    }

    private Checked check(Watched w, FlowExpander expander, Tracer tracer, Checked old, Reuse reuse) {
        Expectation e = w.expectation();
        List<Flow> flows;
        try {
            flows = expander.expand(e);
        } catch (RuntimeException ex) {
            String why = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            return new Checked(List.of(), List.of(FlowVerdict.unresolved(why)), false, why, List.of());
        }
        Map<Flow, Integer> previous = new HashMap<>();
        if (old != null) for (int i = 0; i < old.results().size(); i++) previous.put(old.results().get(i).flow(), i);
        List<FlowResult> results = new ArrayList<>(flows.size());
        List<FlowVerdict> verdicts = new ArrayList<>(flows.size());
        List<Footprint> footprints = new ArrayList<>(flows.size());
        boolean passed = !flows.isEmpty();
        Network n = tracer.fabric().network();
        for (Flow flow : flows) {
            Integer at = previous.get(flow);
            FlowResult r;
            Footprint fp;
            if (at != null && reuse != null && reuse.keep(old.footprints().get(at))) {
                r = old.results().get(at);
                fp = old.footprints().get(at);
            } else {
                if (reuse != null && at == null) reuse.keep(null);
                r = tracer.trace(flow);
                fp = footprint(r, n);
            }
            boolean ok = Judge.passes(e, r);
            passed &= ok;
            results.add(r);
            verdicts.add(FlowVerdict.of(r, ok));
            footprints.add(fp);
        }
        return new Checked(results, verdicts, passed, null, footprints);
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

    // ---- what a trace touched ----

    /** The ids a trace touched (components, subnets, their VPCs, every evaluated group) and its route lookups. */
    public record Footprint(Set<String> ids, List<Detail.RouteLookup> lookups) {}

    private static boolean affected(Footprint fp, Impact impact) {
        for (String id : impact.components()) if (fp.ids().contains(id)) return true;
        for (Detail.RouteLookup l : fp.lookups()) {
            var blocks = impact.routes().get(l.routeTable());
            if (blocks == null) continue;
            for (var c : blocks) if (c.contains(l.destination())) return true;
        }
        return false;
    }

    static Footprint footprint(FlowResult r, Network n) {
        Set<String> ids = new HashSet<>(r.pathIds());
        List<Detail.RouteLookup> lookups = new ArrayList<>();
        if (r.drop() != null) ids.add(r.drop().component());
        for (Hop h : r.hops()) {
            if (h.detail() instanceof Detail.SecurityGroupCheck sg) ids.addAll(sg.groups());
            if (h.detail() instanceof Detail.AclCheck acl) ids.add(acl.acl());
            if (h.detail() instanceof Detail.RouteLookup rl) lookups.add(rl);
        }
        // A drop that left no route hop (a routing loop) still depends on every table it went through.
        if (r.disposition() == Disposition.DROPPED && r.drop() != null && r.drop().detail() instanceof Detail.RouteLookup rl) {
            lookups.add(rl);
        }
        // Which gateway a packet from the internet meets depends on what owns its address and on the
        // gateways of the VPC behind it: a flow that crossed the internet depends on both.
        boolean internet = !(r.flow().source() instanceof FlowEnd.AtInterface || r.flow().source() instanceof FlowEnd.AtSubnetHost)
                || !(r.flow().destination() instanceof FlowEnd.AtInterface || r.flow().destination() instanceof FlowEnd.AtSubnetHost);
        for (Hop h : r.hops()) {
            switch (h.kind()) {
                case INTERNET, INTERNET_GATEWAY, EGRESS_ONLY_INTERNET_GATEWAY, NAT_GATEWAY, VPN_GATEWAY, EKS_API -> internet = true;
                default -> { }
            }
        }
        if (internet) ids.add("internet");
        Set<String> vpcs = new HashSet<>();
        for (String id : ids) {
            n.subnet(id).map(Subnet::vpc).ifPresent(vpcs::add);
            n.internetGateway(id).ifPresent(g -> vpcs.add(g.vpc()));
            n.egressOnlyInternetGateway(id).ifPresent(g -> vpcs.add(g.vpc()));
            n.vpnGateway(id).ifPresent(g -> vpcs.add(g.vpc()));
            n.natGateway(id).flatMap(g -> n.subnet(g.subnet())).ifPresent(s -> vpcs.add(s.vpc()));
        }
        ids.addAll(vpcs);
        return new Footprint(ids, lookups);
    }
}
