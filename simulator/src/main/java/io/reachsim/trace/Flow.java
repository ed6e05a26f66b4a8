package io.reachsim.trace;

/**
 * One concrete question: this packet, sent from {@code source}, meant for {@code destination}.
 * {@code roundTrip} also routes the reply back.
 */
public record Flow(FlowEnd source, FlowEnd destination, Packet packet, boolean roundTrip) {}
