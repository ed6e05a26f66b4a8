package io.reachsim.verdict;

import io.reachsim.compile.FLattice;
import io.reachsim.compile.FLoadBalancer;
import io.reachsim.compile.Fabric;
import io.reachsim.model.EndpointRef;
import io.reachsim.model.Expectation;
import io.reachsim.model.Ip;
import io.reachsim.model.Network;
import io.reachsim.model.NetworkInterface;
import io.reachsim.model.Subnet;
import io.reachsim.model.VpcEndpoint;
import io.reachsim.trace.FlowEnd;

import java.util.ArrayList;
import java.util.List;

/**
 * Destinations behind a proxy (docs/semantics.md "PrivateLink and VPC Lattice"): {@code lb:ID} is one
 * flow per load balancer node and target, {@code vpce:ID} one per endpoint interface and target (of
 * the endpoint service's load balancer), {@code lattice:SERVICE} one per target of the service. The
 * listener is chosen by the expectation's protocol and port; when none takes them, one flow per entry
 * with no listener (the tracer drops it and says why). Every target is checked, so one unreachable
 * target fails the expectation.
 */
final class ServiceTargets {
    private final Fabric fabric;
    private final Network network;

    ServiceTargets(Fabric fabric) {
        this.fabric = fabric;
        this.network = fabric.network();
    }

    List<FlowExpander.Located> destinations(Expectation e, EndpointRef ref, String srcVpc, int version) {
        List<FlowExpander.Located> out = new ArrayList<>();
        if (ref instanceof EndpointRef.LoadBalancerRef r) {
            FLoadBalancer lb = fabric.loadBalancer(r.id());
            for (String node : lb.lb.networkInterfaces()) entries(out, e, ref, lb, node, fabric.networkInterface(node), version);
        } else if (ref instanceof EndpointRef.VpcEndpointRef r) {
            VpcEndpoint ep = network.vpcEndpoint(r.id()).orElseThrow();
            for (String eni : ep.networkInterfaces()) {
                var pl = fabric.privateLinkEndpoint(eni);
                if (pl == null) continue;
                entries(out, e, ref, pl.loadBalancer, eni, pl.node, version);
            }
        } else if (ref instanceof EndpointRef.LatticeServiceRef r) {
            FLattice lattice = fabric.lattice();
            FLattice.Service svc = lattice == null ? null : lattice.service(r.id());
            if (svc == null) throw new IllegalArgumentException("unknown endpoint " + ref.text());
            Ip ip = version == 6 ? svc.address6 : svc.address4;
            if (ip == null) throw new IllegalArgumentException(ref.text() + " has no IPv" + version + " address: the Lattice prefix list "
                    + lattice.prefixList + " has no IPv" + version + " block");
            int l = svc.listenerFor(e.protocol(), port(e));
            FLattice.TargetGroup tg = l < 0 ? null : svc.targetGroups[l];
            int n = tg == null ? 0 : tg.targetIps.length;
            for (int t = 0; t < Math.max(1, n); t++) {
                String label = tg == null || n == 0 ? null : tg.targetLabels[t];
                FlowEnd end = new FlowEnd.ServiceTarget(ref.text(), svc.id(), l, n == 0 ? -1 : t, label);
                out.add(new FlowExpander.Located(end, ip, null, null, null, null));
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException(ref.text() + " has no network interface to connect to");
        return out;
    }

    private static int port(Expectation e) {
        return e.port() == null ? 0 : e.port();
    }

    /**
     * One flow per target of the listener taking the expectation's traffic that load balancer node
     * {@code node} forwards to (without cross-zone load balancing: the targets in its zone), all entering
     * at {@code entry}; none → one flow with target -1.
     */
    private void entries(List<FlowExpander.Located> out, Expectation e, EndpointRef ref, FLoadBalancer lb, String entry,
                         io.reachsim.compile.FInterface node, int version) {
        NetworkInterface eni = network.networkInterface(entry).orElseThrow();
        Ip ip = version == 6 ? eni.ipv6Ip() : eni.privateIp();
        if (ip == null) throw new IllegalArgumentException(ref.text() + " has no IPv" + version + " address");
        String vpc = network.subnet(eni.subnet()).map(Subnet::vpc).orElse(null);
        int l = lb.listenerFor(e.protocol(), port(e));
        List<Integer> targets = new ArrayList<>();
        int n = l < 0 ? 0 : lb.lb.listeners().get(l).targets().size();
        for (int t = 0; t < n; t++) if (lb.serves(node, l, t)) targets.add(t);
        if (targets.isEmpty()) targets.add(-1);
        for (int t : targets) {
            String label = t < 0 ? entry : entry + " → " + lb.targetLabels[l][t];
            FlowEnd end = new FlowEnd.ServiceTarget(ref.text(), entry, l, t, label);
            out.add(new FlowExpander.Located(end, ip, eni.publicIp(), vpc, eni.privateIp(), null));
        }
    }
}
