package io.reachsim.sets;

import io.reachsim.compile.FInterface;
import io.reachsim.compile.FRuleSet;
import io.reachsim.compile.FSgRule;
import io.reachsim.model.Cidr;
import io.reachsim.model.Ip;
import io.reachsim.model.Protocol;
import io.reachsim.model.Ranges;
import io.reachsim.model.ServiceSet;
import io.reachsim.trace.Flow;
import io.reachsim.trace.FlowEnd;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an interface's security groups could admit at most: the ports and types of its rules in one direction.
 * Security groups allow only what a rule names (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html),
 * and a packet a member sends or receives on the forward leg always meets its groups, so nothing outside
 * {@code egress(source) ∩ ingress(destination)} gets through: set questions trace only the classes inside it.
 * A rule naming a CIDR or prefix list counts only when it contains the peer (when the peer is known, as the
 * destination address is at the source); a rule naming a group always counts.
 */
final class SgBound {
    private static final Protocol[] ICMPS = {Protocol.ICMP, Protocol.ICMPV6};
    private final Map<FRuleSet, ServiceSet> ingressAny = new ConcurrentHashMap<>();

    /** Upper bound of {@code flow} between two members (any other end: {@code scope} unchanged). */
    ServiceSet of(io.reachsim.compile.Fabric fabric, Flow flow, ServiceSet scope) {
        ServiceSet b = scope;
        if (flow.source() instanceof FlowEnd.AtInterface s) {
            FInterface h = fabric.networkInterface(s.networkInterface());
            if (h != null && !h.virtual && h.snatNode() == null && h.loadBalancer() == null) {
                b = b.intersect(bound(h.rules, false, flow.packet().dst()));
            }
        }
        if (!b.isEmpty() && flow.destination() instanceof FlowEnd.AtInterface d) {
            FInterface h = fabric.networkInterface(d.networkInterface());
            if (h != null && !h.virtual && h.loadBalancer() == null) b = b.intersect(ingress(h));
        }
        return b;
    }

    /**
     * What {@code members} could send ({@code inbound} false) or receive at most, from or to any peer: the union over
     * every interface of each member ({@code scope} when one is not a plain interface).
     */
    static ServiceSet members(io.reachsim.compile.Fabric fabric, io.reachsim.model.Network n, java.util.List<Members.Member> members,
                              boolean inbound, ServiceSet scope) {
        ServiceSet out = ServiceSet.NONE;
        for (Members.Member m : members) {
            java.util.List<String> ids = new java.util.ArrayList<>(java.util.List.of(m.eni().id()));
            if (m.ref() instanceof io.reachsim.model.EndpointRef.InstanceRef i) {
                n.instance(i.id()).ifPresent(x -> ids.addAll(x.networkInterfaces()));
            }
            for (String id : ids) {
                FInterface h = fabric.networkInterface(id);
                if (h == null || h.virtual || h.snatNode() != null || h.loadBalancer() != null) return scope;
                out = out.union(bound(h.rules, inbound, null));
            }
        }
        return out.intersect(scope);
    }

    /** Inbound from any peer (cached per group list). */
    ServiceSet ingress(FInterface h) {
        return ingressAny.computeIfAbsent(h.rules, r -> bound(r, true, null));
    }

    /** The union of the rules of {@code rules} in one direction that could match {@code peer} (null: any peer). */
    static ServiceSet bound(FRuleSet rules, boolean inbound, Ip peer) {
        Ranges tcp = ports(rules.candidates(inbound, Protocol.TCP), peer);
        Ranges udp = ports(rules.candidates(inbound, Protocol.UDP), peer);
        Ranges icmp = Ranges.EMPTY;
        for (Protocol p : ICMPS) {
            for (FSgRule r : rules.candidates(inbound, p)) {
                if (!mayMatch(r, peer)) continue;
                icmp = icmp.union(r.protocol == Protocol.ALL || r.icmpType < 0 ? Ranges.of(0, ServiceSet.MAX_ICMP_TYPE)
                        : Ranges.of(r.icmpType, r.icmpType));
            }
        }
        boolean other = false;
        for (FSgRule r : rules.candidates(inbound, Protocol.OTHER)) other |= mayMatch(r, peer);
        return new ServiceSet(tcp, udp, icmp, other);
    }

    private static Ranges ports(FSgRule[] rules, Ip peer) {
        Ranges out = Ranges.EMPTY;
        for (FSgRule r : rules) if (mayMatch(r, peer)) out = out.union(Ranges.of(r.fromPort, r.toPort));
        return out;
    }

    private static boolean mayMatch(FSgRule r, Ip peer) {
        if (r.cidrs == null) return r.peerGroup >= 0;
        if (peer == null) return true;
        for (Cidr c : r.cidrs) if (c.contains(peer)) return true;
        return false;
    }
}
