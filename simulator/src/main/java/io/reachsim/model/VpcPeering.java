package io.reachsim.model;

/**
 * An active VPC peering connection between two VPCs (same or different region/account). Non-transitive;
 * both sides need routes; cross-VPC security-group references work only when both VPCs share a region.
 */
public record VpcPeering(String id, String requester, String accepter) {
    /** The VPC on the other side from {@code vpc}, or null when {@code vpc} is not part of this peering. */
    public String peerOf(String vpc) {
        if (vpc.equals(requester)) return accepter;
        if (vpc.equals(accepter)) return requester;
        return null;
    }
}
