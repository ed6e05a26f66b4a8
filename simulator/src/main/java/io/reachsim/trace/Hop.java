package io.reachsim.trace;

/**
 * One step of a trace. {@code component} is the id of what acted (interface/instance, route table,
 * ACL, gateway, {@code internet}, external id); {@code subnet} the subnet it sits in, if any.
 * {@code packet} is the packet as it left the hop.
 */
public record Hop(Leg leg, HopKind kind, String component, String subnet, boolean passed, Detail detail, Packet packet) {}
