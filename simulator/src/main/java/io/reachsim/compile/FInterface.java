package io.reachsim.compile;

import io.reachsim.model.Ip;

import java.util.List;

/**
 * A compiled host: a network interface, or a virtual host (a flow endpoint given as a subnet or an
 * address with no interface), which carries the VPC's default security group.
 */
public final class FInterface {
    public final String id;
    public final FSubnet subnet;
    public final Ip privateIp;
    public final Ip ipv6Ip;
    public final Ip publicIp;
    final Ip[] secondary;
    public final boolean sourceDestCheck;
    public final List<String> groups;
    /** Indexes of the attached groups: a few ints (a BitSet per interface, sized to the largest global
     *  index, took 40 MB at XL). */
    final int[] groupIndexes;
    public final FRuleSet rules;
    public final boolean virtual;
    /** For a pod whose outbound traffic VPC CNI source-NATs: its node's primary interface, else null. */
    FInterface snatNode;
    /** For a load balancer node: its load balancer, else null. */
    FLoadBalancer loadBalancer;
    /** For an interface of an interface endpoint to an endpoint service: its PrivateLink side, else null. */
    FPrivateLinkEndpoint privateLink;

    FInterface(String id, FSubnet subnet, Ip privateIp, Ip ipv6Ip, Ip publicIp, Ip[] secondary, boolean sourceDestCheck,
               List<String> groups, int[] groupIndexes, FRuleSet rules, boolean virtual) {
        this.id = id;
        this.subnet = subnet;
        this.privateIp = privateIp;
        this.ipv6Ip = ipv6Ip;
        this.publicIp = publicIp;
        this.secondary = secondary.length == 0 ? NO_IPS : secondary;
        this.sourceDestCheck = sourceDestCheck;
        this.groups = groups;
        this.groupIndexes = groupIndexes;
        this.rules = rules;
        this.virtual = virtual;
    }

    private static final Ip[] NO_IPS = new Ip[0];

    public boolean owns(Ip ip) {
        if (ip.equals(privateIp) || ip.equals(ipv6Ip)) return true;
        for (Ip s : secondary) if (s.equals(ip)) return true;
        return false;
    }

    public FInterface snatNode() {
        return snatNode;
    }

    public FPrivateLinkEndpoint privateLink() {
        return privateLink;
    }

    public FLoadBalancer loadBalancer() {
        return loadBalancer;
    }

    public boolean hasGroup(int groupIndex) {
        for (int g : groupIndexes) if (g == groupIndex) return true;
        return false;
    }

    /** The group a drop names: the first one attached (where a fix usually goes). */
    public String firstGroup() {
        return groups.isEmpty() ? id : groups.get(0);
    }
}
