package io.reachsim.model;

/**
 * A representative pod, materialised by the loader: one per node-group subnet (and per
 * security-group policy). Its address and groups live in a {@link NetworkInterface} with the same id
 * (in the ENIConfig subnet under custom networking, else the node's subnet). {@code node} is the
 * node's primary interface. {@code snat}: traffic to addresses outside the VPC leaves as the node's
 * primary IP through the node's primary interface (VPC CNI default; off with externalSnat, for IPv6,
 * and for pods with security groups).
 */
public record Pod(String id, String cluster, String nodeGroup, String policy, String node, boolean snat) {}
