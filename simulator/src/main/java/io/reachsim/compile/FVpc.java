package io.reachsim.compile;

import io.reachsim.model.Ip;
import io.reachsim.model.Vpc;

/** A compiled VPC: subnet look-up tries and its gateways. */
public final class FVpc {
    public final int index;
    public final Vpc vpc;
    final PrefixTrie<FSubnet> subnets4 = new PrefixTrie<>(4);
    final PrefixTrie<FSubnet> subnets6 = new PrefixTrie<>(6);
    /** Internet gateway id, or null. */
    String internetGateway;
    /** Egress-only internet gateway id, or null. */
    String egressOnlyInternetGateway;
    FRuleSet defaultGroups;
    String defaultGroup;

    FVpc(int index, Vpc vpc) {
        this.index = index;
        this.vpc = vpc;
    }

    public String id() { return vpc.id(); }
    public String internetGateway() { return internetGateway; }
    public String egressOnlyInternetGateway() { return egressOnlyInternetGateway; }
    public FRuleSet defaultGroups() { return defaultGroups; }
    public String defaultGroup() { return defaultGroup; }

    /** The subnet holding {@code ip}, or null. */
    public FSubnet subnetAt(Ip ip) {
        return ip.isV4() ? subnets4.longestMatch(ip) : subnets6.longestMatch(ip);
    }

    public boolean contains(Ip ip) {
        return vpc.contains(ip);
    }
}
