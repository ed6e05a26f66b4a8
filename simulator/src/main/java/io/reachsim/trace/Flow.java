package io.reachsim.trace;

/**
 * One concrete question: this packet, sent from {@code source}, meant for {@code destination}.
 * {@code roundTrip} also routes the reply back. {@code resolution}, when set, says how the destination
 * name was resolved (e.g. why an EKS API's private endpoint was not used), for reports.
 */
public record Flow(FlowEnd source, FlowEnd destination, Packet packet, boolean roundTrip, String resolution) {
    public Flow(FlowEnd source, FlowEnd destination, Packet packet, boolean roundTrip) {
        this(source, destination, packet, roundTrip, null);
    }
}
