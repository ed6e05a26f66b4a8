package io.reachsim.verdict;

import io.reachsim.compile.FAcl;
import io.reachsim.compile.FSubnet;
import io.reachsim.model.AclEntry;
import io.reachsim.trace.Detail;
import io.reachsim.trace.Disposition;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowResult;
import io.reachsim.trace.Hop;
import io.reachsim.trace.HopKind;
import io.reachsim.trace.Leg;
import io.reachsim.trace.Tracer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * DESIGN §9 "AWS's own choices": a NAT gateway picks the translated source port from 1024-65535
 * (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html), and a network ACL that admits
 * only part of that range on the way back fails some connections. The range is split at the port
 * boundaries of every ACL entry the trace crossed (conservatively, all entries of those ACLs); one packet
 * per class is traced. DELIVERED when all deliver, DROPPED when none does, else DEPENDS.
 */
public final class NatChoices {
    public static final String CHOICE = "NAT source port";
    static final int LOW = 1024;
    static final int HIGH = 65535;

    private NatChoices() {}

    /** Traces {@code flow}, and again per NAT source-port class when it crosses a NAT gateway with ports. */
    public static FlowResult trace(Tracer tracer, Flow flow) {
        FlowResult r = tracer.trace(flow);
        if (!flow.roundTrip() || !translatesPorts(r)) return r;
        List<int[]> classes = classes(tracer, r);
        if (classes.isEmpty()) return r;
        // Classes with the same outcome are listed together: one choice per (verdict, code, component).
        Map<List<Object>, List<int[]>> byOutcome = new LinkedHashMap<>();
        Map<List<Object>, FlowResult> example = new LinkedHashMap<>();
        int delivered = 0;
        // The plain trace keeps the client's port through the NAT gateway: it already answers that port's class
        // (with no cut inside 1024-65535, the only class), so a flow costs one trace unless an ACL splits the range.
        int own = flow.packet().srcPort();
        for (int[] c : classes) {
            FlowResult x = c[0] <= own && own <= c[1] ? r : tracer.trace(flow, c[0]);
            if (x.delivered()) delivered++;
            List<Object> key = x.delivered() ? List.of(Disposition.DELIVERED)
                    : x.drop() == null ? List.of(Disposition.DROPPED)
                    : List.of(Disposition.DROPPED, x.drop().code(), Objects.toString(x.drop().component()));
            List<int[]> ranges = byOutcome.computeIfAbsent(key, k -> new ArrayList<>());
            int[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last[1] + 1 == c[0]) last[1] = c[1];
            else ranges.add(new int[] {c[0], c[1]});
            example.putIfAbsent(key, x);
        }
        if (delivered == classes.size()) return r.delivered() ? r : example.values().iterator().next();
        if (delivered == 0) return !r.delivered() ? r : example.values().iterator().next();
        List<FlowResult.Choice> choices = new ArrayList<>();
        FlowResult firstFailing = null;
        for (Map.Entry<List<Object>, List<int[]>> e : byOutcome.entrySet()) {
            FlowResult x = example.get(e.getKey());
            if (!x.delivered() && firstFailing == null) firstFailing = x;
            List<String> ranges = new ArrayList<>();
            for (int[] c : e.getValue()) ranges.add(c[0] == c[1] ? "" + c[0] : c[0] + "-" + c[1]);
            choices.add(new FlowResult.Choice(CHOICE, ranges, x.disposition(), x.delivered() ? null : x.drop()));
        }
        return new FlowResult(flow, Disposition.DEPENDS, r.hops(), firstFailing.drop(), choices);
    }

    /** Whether the request crossed a NAT gateway that translated a packet with ports. */
    static boolean translatesPorts(FlowResult r) {
        for (Hop h : r.hops()) {
            if (h.leg() == Leg.FORWARD && h.kind() == HopKind.NAT_GATEWAY && h.passed()
                    && h.detail() instanceof Detail.Translation t && t.source() && h.packet().protocol().hasPorts()) {
                return true;
            }
        }
        return false;
    }

    /** 1024-65535 cut at every port boundary of the ACLs the trace crossed: [from, to] per class. */
    static List<int[]> classes(Tracer tracer, FlowResult r) {
        TreeSet<Integer> cuts = new TreeSet<>();
        cuts.add(LOW);
        cuts.add(HIGH + 1);
        for (Hop h : r.hops()) {
            if (!(h.detail() instanceof Detail.AclCheck a)) continue;
            FSubnet s = tracer.fabric().subnet(a.subnet());
            if (s == null || s.acl() == null) continue;
            FAcl acl = s.acl();
            for (AclEntry[] entries : new AclEntry[][] {acl.ingress, acl.egress}) {
                for (AclEntry e : entries) {
                    if (e.ports() == null) continue;
                    if (e.ports().from() > LOW && e.ports().from() <= HIGH) cuts.add(e.ports().from());
                    if (e.ports().to() + 1 > LOW && e.ports().to() + 1 <= HIGH) cuts.add(e.ports().to() + 1);
                }
            }
        }
        List<int[]> out = new ArrayList<>();
        Integer prev = null;
        for (int c : cuts) {
            if (prev != null) out.add(new int[] {prev, c - 1});
            prev = c;
        }
        return out;
    }
}
