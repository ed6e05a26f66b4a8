package io.reachsim.compile;

/** A compiled VPC peering connection: the two VPCs it joins. */
public final class FPeering {
    public final String id;
    public final FVpc requester;
    public final FVpc accepter;

    FPeering(String id, FVpc requester, FVpc accepter) {
        this.id = id;
        this.requester = requester;
        this.accepter = accepter;
    }

    /** The VPC on the other side from {@code v} (the loader guarantees {@code v} is one of the two). */
    public FVpc peerOf(FVpc v) {
        return v == requester ? accepter : requester;
    }
}
