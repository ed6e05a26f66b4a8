package io.reachsim.sets;

import io.reachsim.model.Ranges;
import io.reachsim.model.ServiceSet;
import io.reachsim.trace.ExplanationCode;
import io.reachsim.trace.FlowResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer for one source/destination pair, merged back into ranges: what gets through (grouped by the
 * source addresses and the rules that admit it) and what does not (grouped by its first blocker).
 */
public record PairAnswer(String from, String to, List<Open> open, List<Closed> closed, int classes, int sourceClasses,
                         Ranges internet) {
    public PairAnswer {
        open = List.copyOf(open);
        closed = List.copyOf(closed);
    }

    /** Services that get through from {@code sources} (null: the one source host), admitted by {@code rules}. */
    public record Open(ServiceSet services, Ranges sources, String rules, FlowResult example) {}

    /** Services that get through from no source, all first dropped by the same component for the same reason. */
    public record Closed(ServiceSet services, ExplanationCode code, String component, FlowResult example) {}

    /** The sources of an open group as text: {@code 0.0.0.0/0} for every internet address, else CIDR blocks; null for one host. */
    public String sources(Open o) {
        return o.sources() == null ? null : Addresses.describe(o.sources(), internet);
    }

    /** Everything that gets through, from any source. */
    public ServiceSet openSet() {
        ServiceSet s = ServiceSet.NONE;
        for (Open o : open) s = s.union(o.services);
        return s;
    }

    /** Everything that gets through from every source class (for a single source: the same as {@link #openSet()}). */
    public ServiceSet closedSet() {
        ServiceSet s = ServiceSet.NONE;
        for (Closed c : closed) s = s.union(c.services);
        return s;
    }

    /** Merges traced classes: see the record's description. */
    public static PairAnswer merge(String from, String to, List<ClassResult> results, Ranges internet) {
        // Per service class: the sources it is open from, and the first trace that admitted / dropped it.
        Map<ServiceClass, Ranges> openFrom = new LinkedHashMap<>();
        Map<ServiceClass, FlowResult> firstOpen = new LinkedHashMap<>();
        Map<ServiceClass, FlowResult> firstDrop = new LinkedHashMap<>();
        java.util.Set<Ranges> sourceClasses = new java.util.HashSet<>();
        for (ClassResult r : results) {
            if (r.sources() != null) sourceClasses.add(r.sources());
            openFrom.putIfAbsent(r.service(), Ranges.EMPTY);
            if (r.delivered()) {
                openFrom.merge(r.service(), r.sources() == null ? Ranges.of(0) : r.sources(), Ranges::union);
                firstOpen.putIfAbsent(r.service(), r.result());
            } else {
                firstDrop.putIfAbsent(r.service(), r.result());
            }
        }
        record OpenKey(Ranges sources, String rules) {}
        record ClosedKey(ExplanationCode code, String component) {}
        Map<OpenKey, ServiceSet> open = new LinkedHashMap<>();
        Map<OpenKey, FlowResult> openExample = new LinkedHashMap<>();
        Map<ClosedKey, ServiceSet> closed = new LinkedHashMap<>();
        Map<ClosedKey, FlowResult> closedExample = new LinkedHashMap<>();
        for (Map.Entry<ServiceClass, Ranges> e : openFrom.entrySet()) {
            ServiceClass c = e.getKey();
            if (!e.getValue().isEmpty()) {
                FlowResult ex = firstOpen.get(c);
                boolean single = results.get(0).sources() == null;
                OpenKey k = new OpenKey(single ? null : e.getValue(), Rules.admitting(ex));
                open.merge(k, c.asSet(), ServiceSet::union);
                openExample.putIfAbsent(k, ex);
            } else {
                FlowResult ex = firstDrop.get(c);
                ClosedKey k = new ClosedKey(ex.drop() == null ? null : ex.drop().code(), ex.drop() == null ? null : ex.drop().component());
                closed.merge(k, c.asSet(), ServiceSet::union);
                closedExample.putIfAbsent(k, ex);
            }
        }
        List<Open> os = new ArrayList<>();
        open.forEach((k, v) -> os.add(new Open(v, k.sources, k.rules, openExample.get(k))));
        List<Closed> cs = new ArrayList<>();
        closed.forEach((k, v) -> cs.add(new Closed(v, k.code, k.component, closedExample.get(k))));
        return new PairAnswer(from, to, os, cs, openFrom.size(), Math.max(1, sourceClasses.size()), internet);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairAnswer p && Objects.equals(from, p.from) && Objects.equals(to, p.to)
                && openSet().equals(p.openSet()) && closedSet().equals(p.closedSet());
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, to, openSet());
    }
}
