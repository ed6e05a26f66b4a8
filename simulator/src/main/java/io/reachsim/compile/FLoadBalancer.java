package io.reachsim.compile;

import io.reachsim.model.Ip;
import io.reachsim.model.LoadBalancer;
import io.reachsim.model.Protocol;

import java.util.List;

/**
 * A compiled load balancer: its nodes (one network interface per subnet, which clients connect to and
 * targets see as the source) and, per listener, the address and port of each target.
 */
public final class FLoadBalancer {
    public final LoadBalancer lb;
    public final FVpc vpc;
    /** Nodes in subnet order, and the availability zone of each (null when the subnet names none). */
    public final FInterface[] nodes;
    final String[] nodeAz;
    /** Per listener, per target: the target's address (an instance's primary private IP), label and port. */
    public final Ip[][] targetIps;
    public final String[][] targetLabels;
    public final int[][] targetPorts;
    /** Per listener, per target: the availability zone of the target's subnet (null: unknown). */
    final String[][] targetAz;
    /** Per listener: its name as hops show it ({@code TCP:443}), built once here rather than per trace. */
    public final String[] listenerNames;

    FLoadBalancer(LoadBalancer lb, FVpc vpc, FInterface[] nodes, String[] nodeAz, Ip[][] targetIps, String[][] targetLabels,
                  int[][] targetPorts, String[][] targetAz) {
        this.lb = lb;
        this.vpc = vpc;
        this.nodes = nodes;
        this.nodeAz = nodeAz;
        this.targetIps = targetIps;
        this.targetLabels = targetLabels;
        this.targetPorts = targetPorts;
        this.targetAz = targetAz;
        this.listenerNames = lb.listeners().stream().map(l -> l.protocol() + ":" + l.port()).toArray(String[]::new);
    }

    /** The availability zone of {@code node} (null: unknown). */
    public String zoneOf(FInterface node) {
        for (int i = 0; i < nodes.length; i++) if (nodes[i] == node) return nodeAz[i];
        return null;
    }

    /**
     * Whether {@code node} forwards to target {@code target} of listener {@code listener}: always with
     * cross-zone load balancing, else only within the node's availability zone (unknown zones match).
     */
    public boolean serves(FInterface node, int listener, int target) {
        if (lb.crossZone(listener)) return true;
        String a = zoneOf(node), b = targetAz[listener][target];
        return a == null || b == null || a.equals(b);
    }

    /** The first target of {@code listener} that {@code node} forwards to, or -1. */
    public int firstTargetFor(FInterface node, int listener) {
        for (int t = 0; t < targetIps[listener].length; t++) if (serves(node, listener, t)) return t;
        return -1;
    }

    public String id() {
        return lb.id();
    }

    /** The node in availability zone {@code az}, else the first node (PrivateLink uses the endpoint's zone). */
    public FInterface nodeIn(String az) {
        for (int i = 0; i < nodes.length; i++) if (az != null && az.equals(nodeAz[i])) return nodes[i];
        return nodes.length == 0 ? null : nodes[0];
    }

    /** The first listener taking {@code protocol}/{@code port}, or -1. */
    public int listenerFor(Protocol protocol, int port) {
        List<LoadBalancer.Listener> ls = lb.listeners();
        for (int i = 0; i < ls.size(); i++) {
            if (ls.get(i).port() == port && ls.get(i).protocol().carries(protocol)) return i;
        }
        return -1;
    }

    /**
     * Whether the target of listener {@code listener}, index {@code target}, sees the client's own
     * address (AWS "client IP preservation" defaults): never through PrivateLink, never behind an
     * Application Load Balancer; on a Network Load Balancer for instance targets, and for IP targets of
     * UDP and TCP_UDP listeners.
     */
    public boolean preservesClientIp(int listener, int target, boolean privateLink) {
        if (privateLink || lb.type() != LoadBalancer.Type.NETWORK) return false;
        LoadBalancer.Listener l = lb.listeners().get(listener);
        if (l.targets().get(target).instance() != null) return true;
        return switch (l.protocol()) {
            case UDP, TCP_UDP -> true;
            default -> false;
        };
    }
}
