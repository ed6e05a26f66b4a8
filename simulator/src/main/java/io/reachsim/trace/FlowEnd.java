package io.reachsim.trace;

import io.reachsim.model.Ip;

/** Where a flow starts or ends. Closed set; EKS and Lattice endpoints resolve to these. */
public sealed interface FlowEnd {
    /** Display label, e.g. the interface id or {@code internet}. */
    String label();

    /** A network interface of the network (an instance's primary interface has the instance's id). */
    record AtInterface(String networkInterface) implements FlowEnd {
        public String label() { return networkInterface; }
    }

    /** A host at {@code ip} in {@code subnet} with no declared interface: it carries the VPC's default SG. */
    record AtSubnetHost(String subnet, Ip ip) implements FlowEnd {
        public String label() { return subnet + "/" + ip; }
    }

    /** A host on the internet. */
    record OnInternet(Ip ip) implements FlowEnd {
        public String label() { return "internet"; }
    }

    /** A host of an {@code external} network (behind a VPN gateway, or on the internet when it has no via). */
    record AtExternal(String external, Ip ip) implements FlowEnd {
        public String label() { return external; }
    }
}
