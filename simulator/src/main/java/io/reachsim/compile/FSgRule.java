package io.reachsim.compile;

import io.reachsim.model.Cidr;
import io.reachsim.model.Protocol;
import io.reachsim.model.SgRule;

/**
 * One security group rule, flattened for matching: the peer resolved to a CIDR, the entries of a
 * prefix list, or a group index. {@code order} is its position across the interface's groups (for
 * reporting the first matching rule).
 */
public final class FSgRule {
    public final String group;
    public final int ruleIndex;
    public final SgRule rule;
    public final int order;
    public final Protocol protocol;
    public final int fromPort;
    public final int toPort;
    public final int icmpType;
    public final int icmpCode;
    /** Non-null for CIDR and prefix-list peers. */
    public final Cidr[] cidrs;
    /** Group index for a security-group peer, else -1. */
    public final int peerGroup;
    /** For a security-group peer: the VPC of that group (the rule's own, or a peered VPC's). */
    FVpc peerVpc;

    FSgRule(String group, int ruleIndex, SgRule rule, int order, Cidr[] cidrs, int peerGroup) {
        this.group = group;
        this.ruleIndex = ruleIndex;
        this.rule = rule;
        this.order = order;
        this.protocol = rule.protocol();
        this.fromPort = rule.ports() == null ? 0 : rule.ports().from();
        this.toPort = rule.ports() == null ? 65535 : rule.ports().to();
        this.icmpType = rule.icmpType();
        this.icmpCode = rule.icmpCode();
        this.cidrs = cidrs;
        this.peerGroup = peerGroup;
    }

    public FVpc peerVpc() {
        return peerVpc;
    }
}
