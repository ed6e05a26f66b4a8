package io.reachsim.model;

/** A load balancer or VPC Lattice listener protocol, and the transport it carries. */
public enum ListenerProtocol {
    TCP, UDP, TCP_UDP, TLS, HTTP, HTTPS;

    /** True when a packet of {@code p} can reach a listener of this protocol. */
    public boolean carries(Protocol p) {
        return switch (this) {
            case UDP -> p == Protocol.UDP;
            case TCP_UDP -> p == Protocol.TCP || p == Protocol.UDP;
            case TCP, TLS, HTTP, HTTPS -> p == Protocol.TCP;
        };
    }
}
