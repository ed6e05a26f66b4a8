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

    /** The public endpoint of an EKS cluster's API server (on the internet, with publicAccessCidrs). */
    record EksPublicEndpoint(String cluster, Ip ip) implements FlowEnd {
        public String label() { return "eks-api:" + cluster; }
    }

    /** An AWS service at its public address (reached over the internet, or through a gateway endpoint). */
    record AwsService(String service, Ip ip) implements FlowEnd {
        public String label() { return "aws:" + service; }
    }

    /**
     * One target behind a load balancer ({@code lb:}), an interface endpoint of an endpoint service
     * ({@code vpce:}) or a Lattice service ({@code lattice:}). {@code entry} is the interface the client
     * connects to (load balancer node, endpoint interface) or the Lattice service id; {@code listener}
     * and {@code target} index the listener and its target (-1: none matched / none registered), so the
     * tracer follows this one target.
     */
    record ServiceTarget(String ref, String entry, int listener, int target, String targetLabel) implements FlowEnd {
        public String label() { return targetLabel == null ? ref : ref + " → " + targetLabel; }
    }

    /**
     * A destination that does not resolve from this source (for example a private-only EKS API from
     * outside its VPC): the flow is dropped at {@code component} with {@code code} before any packet is sent.
     */
    record Unresolved(String name, String component, ExplanationCode code) implements FlowEnd {
        public String label() { return name; }
    }
}
