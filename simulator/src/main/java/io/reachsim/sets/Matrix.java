package io.reachsim.sets;

import io.reachsim.compile.Fabric;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Network;
import io.reachsim.model.Origin;
import io.reachsim.model.Protocol;
import io.reachsim.model.Selector;
import io.reachsim.model.ServiceSet;
import io.reachsim.model.TransitGateway;
import io.reachsim.model.VpcPeering;
import io.reachsim.trace.Flow;
import io.reachsim.verdict.FlowExpander;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

/**
 * DESIGN §9 {@code matrix}: the open set from every group of members to every other (and to itself), the union
 * over member pairs. Members that answer alike ({@link Members#alike}) are traced once per pair of classes.
 */
public final class Matrix {
    /** How members are grouped: {@code vpc}, {@code subnet}, {@code sg} or {@code tag:KEY}. */
    public static List<String> groupsOf(Network n, Members.Member m, String by) {
        if (by.equals("vpc")) return List.of(Members.vpcOf(n, m.eni()));
        if (by.equals("subnet")) return List.of(m.eni().subnet());
        if (by.equals("sg")) return m.eni().securityGroups();
        if (by.startsWith("tag:")) {
            String key = by.substring(4);
            String v = m.eni().tags().get(key);
            if (v == null && m.ref() instanceof EndpointRef.InstanceRef i) v = n.instance(i.id()).map(x -> x.tags().get(key)).orElse(null);
            return v == null ? List.of() : List.of(key + "=" + v);
        }
        throw new IllegalArgumentException("--by '" + by + "': expected vpc, subnet, sg or tag:KEY");
    }

    /** The matrix: group names in order and the open set of each ordered pair of groups (absent: nothing). */
    public record Result(List<String> groups, Map<String, Map<String, ServiceSet>> cells, Map<String, Integer> sizes,
                         long pairsTraced, ServiceSet scope) {
        public ServiceSet cell(String from, String to) {
            return cells.getOrDefault(from, Map.of()).getOrDefault(to, ServiceSet.NONE);
        }
    }

    private Matrix() {}

    public static Result compute(Fabric fabric, String by, ServiceSet scope, LongConsumer progress) {
        Network n = fabric.network();
        SetTracer sets = new SetTracer(fabric);
        FlowExpander expander = new FlowExpander(fabric);
        List<Members.Member> all = Members.of(n, new Selector.Any());
        List<Members.Alike> classes = Members.alike(all, sets.cuts(), Members.routeTargets(n));
        Map<Members.Member, Integer> classOf = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) for (Members.Member m : classes.get(i).members()) classOf.put(m, i);
        // group → class → members of the class in the group
        Map<String, Map<Integer, List<Members.Member>>> groups = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (Members.Member m : all) {
            for (String g : groupsOf(n, m, by)) {
                groups.computeIfAbsent(g, k -> new LinkedHashMap<>()).computeIfAbsent(classOf.get(m), k -> new ArrayList<>()).add(m);
                sizes.merge(g, 1, Integer::sum);
            }
        }
        if (groups.isEmpty()) throw new IllegalArgumentException("--by " + by + ": no instance or interface has such a group");
        Set<String> joined = joinedVpcs(n);
        List<String> names = new ArrayList<>(groups.keySet());
        Map<Long, ServiceSet> cache = new ConcurrentHashMap<>();
        AtomicLong traced = new AtomicLong();
        SgBound bound = new SgBound();
        // a class lies in one subnet, so in one group when grouping by subnet or VPC
        boolean exclusive = by.equals("vpc") || by.equals("subnet");
        // what each group's security groups could send and receive at most: a cell never exceeds out(a) ∩ in(b)
        Map<String, ServiceSet> outOf = new HashMap<>(), inOf = new HashMap<>();
        ServiceSet[] classOut = new ServiceSet[classes.size()], classIn = new ServiceSet[classes.size()];
        for (int i = 0; i < classes.size(); i++) {
            classOut[i] = SgBound.members(fabric, n, classes.get(i).members(), false, scope);
            classIn[i] = SgBound.members(fabric, n, classes.get(i).members(), true, scope);
        }
        for (Map.Entry<String, Map<Integer, List<Members.Member>>> g : groups.entrySet()) {
            ServiceSet o = ServiceSet.NONE, in = ServiceSet.NONE;
            for (int c : g.getValue().keySet()) {
                o = o.union(classOut[c]);
                in = in.union(classIn[c]);
            }
            outOf.put(g.getKey(), o);
            inOf.put(g.getKey(), in);
        }
        // classes whose pairs no peering or transit gateway joins (another VPC's private address): closed, not traced
        Map<String, Integer> vpcIndex = new HashMap<>();
        int[] classVpc = new int[classes.size()];
        boolean[] classPublic = new boolean[classes.size()];
        for (int i = 0; i < classes.size(); i++) {
            Members.Member r = classes.get(i).first();
            String v = Members.vpcOf(n, r.eni());
            classVpc[i] = v == null ? -1 : vpcIndex.computeIfAbsent(v, k -> vpcIndex.size());
            classPublic[i] = r.eni().publicIp() != null;
        }
        boolean[][] vpcJoined = new boolean[vpcIndex.size()][vpcIndex.size()];
        for (Map.Entry<String, Integer> x : vpcIndex.entrySet()) {
            for (Map.Entry<String, Integer> y : vpcIndex.entrySet()) {
                vpcJoined[x.getValue()][y.getValue()] = x.getKey().equals(y.getKey()) || joined.contains(x.getKey() + "\u0000" + y.getKey());
            }
        }
        Map<String, Map<String, ServiceSet>> cells = new ConcurrentHashMap<>();
        IntStream.range(0, names.size()).parallel().forEach(ai -> {
            String ga = names.get(ai);
            Map<String, ServiceSet> row = new LinkedHashMap<>();
            for (String gb : names) {
                ServiceSet cell = ServiceSet.NONE;
                ServiceSet most = scope.intersect(outOf.get(ga)).intersect(inOf.get(gb));
                cells:
                for (Map.Entry<Integer, List<Members.Member>> ca : groups.get(ga).entrySet()) {
                    if (most.minus(cell).intersect(classOut[ca.getKey()]).isEmpty()) continue;
                    for (Map.Entry<Integer, List<Members.Member>> cb : groups.get(gb).entrySet()) {
                        int va = classVpc[ca.getKey()], vb = classVpc[cb.getKey()];
                        if (va >= 0 && vb >= 0 && !classPublic[cb.getKey()] && !vpcJoined[va][vb]) continue;
                        ServiceSet left = most.minus(cell);
                        if (left.isEmpty()) break cells;
                        if (left.intersect(classOut[ca.getKey()]).intersect(classIn[cb.getKey()]).isEmpty()) continue;
                        Members.Member src = ca.getValue().get(0);
                        Members.Member dst = cb.getValue().get(0);
                        if (src.equals(dst)) {
                            // the same member: another member of the class (in either group) stands in
                            if (cb.getValue().size() > 1) dst = cb.getValue().get(1);
                            else if (ca.getValue().size() > 1) src = ca.getValue().get(1);
                            else continue;
                        }
                        long key = (long) ca.getKey() * classes.size() + cb.getKey();
                        boolean sameClass = ca.getKey().equals(cb.getKey());
                        Members.Member s = src, d = dst;
                        ServiceSet open;
                        if (exclusive) {
                            // this pair of classes meets in this cell only: trace only what the cell does not hold yet
                            open = pair(n, sets, bound, expander, joined, s, d, most.minus(cell), traced);
                        } else {
                            open = sameClass ? pair(n, sets, bound, expander, joined, s, d, scope, traced)
                                    : cache.computeIfAbsent(key, k -> pair(n, sets, bound, expander, joined, s, d, scope, traced));
                        }
                        cell = cell.union(open);
                    }
                }
                if (!cell.isEmpty()) row.put(gb, cell);
            }
            cells.put(ga, row);
            if (progress != null) progress.accept(cells.size());
        });
        Map<String, Map<String, ServiceSet>> ordered = new LinkedHashMap<>();
        for (String g : names) ordered.put(g, cells.get(g));
        return new Result(names, ordered, sizes, traced.get(), scope);
    }

    private static ServiceSet pair(Network n, SetTracer sets, SgBound bound, FlowExpander expander, Set<String> joined, Members.Member a,
                                   Members.Member b, ServiceSet scope, AtomicLong traced) {
        if (scope.isEmpty()) return ServiceSet.NONE;
        String va = Members.vpcOf(n, a.eni()), vb = Members.vpcOf(n, b.eni());
        // Another VPC's private address is reachable only through a peering or a transit gateway joining the two.
        if (va != null && !va.equals(vb) && b.eni().publicIp() == null && !joined.contains(va + "\u0000" + vb)) return ServiceSet.NONE;
        Expectation e = new Expectation("matrix", a.ref(), b.ref(), Protocol.TCP, 0, Expectation.DEFAULT_SOURCE_PORT, -1, 4,
                true, List.of(), List.of(), List.of(), null, true, Origin.UNKNOWN);
        ServiceSet open = ServiceSet.NONE;
        for (Flow f : expander.expand(e)) {
            // only what both ends' security groups could admit is traced (nothing else gets through)
            ServiceSet within = bound.of(sets.fabric(), f, scope);
            if (within.isEmpty()) continue;
            traced.incrementAndGet();
            open = open.union(sets.openSet(f, within));
        }
        return open;
    }

    /** Ordered pairs of VPCs joined by a peering connection or a transit gateway attaching both. */
    static Set<String> joinedVpcs(Network n) {
        Set<String> out = new HashSet<>();
        for (VpcPeering p : n.vpcPeerings()) {
            out.add(p.requester() + "\u0000" + p.accepter());
            out.add(p.accepter() + "\u0000" + p.requester());
        }
        for (TransitGateway t : n.transitGateways()) {
            List<String> vpcs = new ArrayList<>();
            for (TransitGateway.Attachment a : t.attachments()) if (a.vpc() != null) vpcs.add(a.vpc());
            for (String x : vpcs) for (String y : vpcs) if (!x.equals(y)) out.add(x + "\u0000" + y);
        }
        return out;
    }
}
