package io.reachsim.compile;

import io.reachsim.model.Protocol;

/**
 * The union of an interface's security groups, indexed by protocol: {@code ingress[p.ordinal()]} holds
 * the rules for protocol p, and the rules of protocol {@code all} are in every bucket. Interfaces with
 * the same group list share one set.
 */
public final class FRuleSet {
    final FSgRule[][] ingress;
    final FSgRule[][] egress;

    FRuleSet(FSgRule[][] ingress, FSgRule[][] egress) {
        this.ingress = ingress;
        this.egress = egress;
    }

    /** Candidate rules for a packet of {@code protocol}, in order. */
    public FSgRule[] candidates(boolean inbound, Protocol protocol) {
        return (inbound ? ingress : egress)[protocol.ordinal()];
    }
}
