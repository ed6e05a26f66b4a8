package io.reachsim.model;

import java.util.List;

/**
 * An Elastic Load Balancer. The loader materialises one interface per subnet (ids
 * {@code <id>-<subnet>}, in {@code networkInterfaces}); those are what clients connect to and what
 * targets see as the source. An NLB may have security groups (an ALB must); with
 * {@code enforceSecurityGroupsOnPrivateLink} false, PrivateLink traffic skips their inbound rules (AWS's
 * {@code EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic}). Without {@code crossZone} (a Network Load
 * Balancer's default) a node forwards only to targets in its own availability zone.
 */
public record LoadBalancer(String id, Type type, Scheme scheme, String vpc, List<String> subnets,
                           List<String> securityGroups, List<Listener> listeners, List<String> networkInterfaces,
                           boolean enforceSecurityGroupsOnPrivateLink, boolean crossZone) {
    public enum Type { NETWORK, APPLICATION }

    public enum Scheme { INTERNAL, INTERNET_FACING }

    public LoadBalancer {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        listeners = List.copyOf(listeners);
        networkInterfaces = List.copyOf(networkInterfaces);
    }

    /** With AWS's cross-zone default: on for Application Load Balancers, off for Network Load Balancers. */
    public LoadBalancer(String id, Type type, Scheme scheme, String vpc, List<String> subnets, List<String> securityGroups,
                        List<Listener> listeners, List<String> networkInterfaces, boolean enforceSecurityGroupsOnPrivateLink) {
        this(id, type, scheme, vpc, subnets, securityGroups, listeners, networkInterfaces, enforceSecurityGroupsOnPrivateLink,
                type == Type.APPLICATION);
    }

    /**
     * A listener: protocol and port, forwarding to targets (its target group). {@code crossZone} is the target
     * group's {@code load_balancing.cross_zone.enabled}: null uses the load balancer's setting, else it overrides
     * it (AWS lets a target group turn cross-zone load balancing off, for ALBs too, and on or off for NLBs).
     */
    public record Listener(ListenerProtocol protocol, int port, List<Target> targets, Boolean crossZone) {
        public Listener {
            targets = List.copyOf(targets);
        }

        /** A listener whose target group uses the load balancer's cross-zone setting. */
        public Listener(ListenerProtocol protocol, int port, List<Target> targets) {
            this(protocol, port, targets, null);
        }
    }

    /** Whether listener {@code l}'s target group balances across zones: its own setting, else the load balancer's. */
    public boolean crossZone(int l) {
        Boolean own = listeners.get(l).crossZone();
        return own != null ? own : crossZone;
    }

    /** A target: an instance (its primary interface) or an IP address, and the port it listens on. */
    public record Target(String instance, Ip ip, int port) {}
}
