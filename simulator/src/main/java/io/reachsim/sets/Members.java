package io.reachsim.sets;

import io.reachsim.model.EndpointRef;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Selector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Members of a network grouped into classes that answer alike: same subnet, same security groups, same
 * public-address status and source/destination check, and a private address in the same class of
 * {@link Cuts} (no rule, route or list names one but not the other). One representative per class is traced
 * for matrices and exposure.
 */
public final class Members {
    /** One member: its reference, primary interface and class key. */
    public record Member(EndpointRef ref, NetworkInterface eni, String label) {}

    /** Members that answer alike; {@code members.get(0)} is the representative. */
    public record Alike(List<Member> members) {
        public Member first() {
            return members.get(0);
        }
    }

    private Members() {}

    public static List<Member> of(Network n, Selector s) {
        List<Member> out = new ArrayList<>();
        for (EndpointRef r : s.members(n)) {
            String id = r instanceof EndpointRef.InstanceRef i ? i.id() : ((EndpointRef.EniRef) r).id();
            NetworkInterface e = n.networkInterface(id).orElse(null);
            if (e == null || e.privateIp() == null) continue;
            out.add(new Member(r, e, id));
        }
        return out;
    }

    /** Groups members into classes that answer alike, in first-seen order. */
    public static List<Alike> alike(List<Member> members, Cuts cuts) {
        return alike(members, cuts, java.util.Set.of());
    }

    /**
     * As above; {@code alone} are interfaces that are route targets (appliances): traffic to them is delivered where
     * traffic to their neighbours is forwarded through them, so each is a class of its own.
     */
    public static List<Alike> alike(List<Member> members, Cuts cuts, java.util.Set<String> alone) {
        record Key(String subnet, List<String> groups, boolean pub, boolean check, int addressClass, boolean v6, String alone) {}
        Map<Key, List<Member>> m = new LinkedHashMap<>();
        for (Member x : members) {
            NetworkInterface e = x.eni();
            List<String> g = new ArrayList<>(e.securityGroups());
            g.sort(null);
            Key k = new Key(e.subnet(), g, e.publicIp() != null, e.sourceDestCheck(), cuts.addressClass(e.privateIp()), e.ipv6Ip() != null,
                    alone.contains(e.id()) || e.instance() != null && alone.contains(e.instance()) ? e.id() : null);
            m.computeIfAbsent(k, y -> new ArrayList<>()).add(x);
        }
        List<Alike> out = new ArrayList<>();
        for (List<Member> l : m.values()) out.add(new Alike(l));
        return out;
    }

    /** Interfaces and instances that some route table names as its target. */
    public static java.util.Set<String> routeTargets(Network n) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (io.reachsim.model.RouteTable rt : n.routeTables()) {
            for (io.reachsim.model.Route r : rt.routes()) {
                if (r.target() instanceof io.reachsim.model.RouteTarget.NetworkInterface t) out.add(t.id());
                if (r.target() instanceof io.reachsim.model.RouteTarget.Instance t) out.add(t.id());
            }
        }
        return out;
    }

    static String vpcOf(Network n, NetworkInterface e) {
        return n.subnet(e.subnet()).map(s -> s.vpc()).orElse(null);
    }

    static boolean same(Ip a, Ip b) {
        return Objects.equals(a, b);
    }
}
