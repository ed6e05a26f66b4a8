package io.reachsim.trace;

import io.reachsim.compile.FInterface;
import io.reachsim.compile.FLattice;
import io.reachsim.compile.FLoadBalancer;
import io.reachsim.compile.FNat;
import io.reachsim.compile.FSubnet;
import io.reachsim.compile.FTransitGateway;
import io.reachsim.model.Ip;

import java.util.ArrayList;
import java.util.List;

/**
 * The connection tracking one trace's request leaves behind for its reply: stateful security group entries,
 * NAT bindings, the egress-only gateway, a pod's SNAT, appliance-mode entries and the load balancer or Lattice
 * session. Written on the forward leg, read on the return leg; one per trace, not shared between threads.
 * The lists are created on first use (most flows track one or two interfaces and nothing else).
 */
final class Connections {
    /** A NAT gateway translated {@code source} on the way out. */
    record NatBinding(FNat nat, Ip source, int sourcePort) {}

    /** VPC CNI SNAT: {@code pod} left the VPC as {@code node}; {@code source} is what was translated. */
    record SnatBinding(FInterface node, FInterface pod, Ip source) {}

    /** Appliance mode: the request entered {@code attachment}'s VPC by {@code entry}; the reply keeps it. */
    record ApplianceEntry(FTransitGateway.Attachment attachment, FSubnet entry) {}

    /**
     * A load balancer forwarded {@code request} from {@code node} to {@code target} (null when the target address is
     * in no subnet); {@code endpointInterface} and {@code endpoint} are set behind a PrivateLink endpoint.
     */
    record LoadBalancerSession(FLoadBalancer loadBalancer, FInterface node, FInterface target,
                               FInterface endpointInterface, String endpoint, Packet request) {}

    /** The Lattice proxy forwarded {@code request} from {@code client} (in {@code clientSubnet}) to {@code target}. */
    record LatticeSession(FLattice.TargetGroup group, FInterface target, FInterface client, FSubnet clientSubnet,
                          Packet request) {}

    private List<FInterface> interfaces;
    private List<NatBinding> nats;
    private List<ApplianceEntry> appliances;
    String egressOnly;
    SnatBinding snat;
    LoadBalancerSession loadBalancer;
    LatticeSession lattice;

    /** A stateful security group entry on {@code h}: the reply passes its groups without rule evaluation. */
    void track(FInterface h) {
        if (interfaces == null) interfaces = new ArrayList<>(4);
        if (!interfaces.contains(h)) interfaces.add(h);
    }

    boolean tracks(FInterface h) {
        return interfaces != null && interfaces.contains(h);
    }

    void bind(FNat n, Ip source, int sourcePort) {
        if (nats == null) nats = new ArrayList<>(2);
        nats.add(new NatBinding(n, source, sourcePort));
    }

    /** The latest binding of {@code n}, or null. */
    NatBinding bindingOf(FNat n) {
        if (nats == null) return null;
        for (int i = nats.size() - 1; i >= 0; i--) {
            if (nats.get(i).nat() == n) return nats.get(i);
        }
        return null;
    }

    /** Records the first entry by {@code a} only. */
    void enter(FTransitGateway.Attachment a, FSubnet entry) {
        if (entryOf(a) != null) return;
        if (appliances == null) appliances = new ArrayList<>(1);
        appliances.add(new ApplianceEntry(a, entry));
    }

    FSubnet entryOf(FTransitGateway.Attachment a) {
        if (appliances == null) return null;
        for (ApplianceEntry e : appliances) {
            if (e.attachment() == a) return e.entry();
        }
        return null;
    }

    boolean isLoadBalancerTarget(FInterface h) {
        return loadBalancer != null && loadBalancer.target() == h;
    }

    boolean isLatticeTarget(FInterface h) {
        return lattice != null && lattice.target() == h;
    }
}
